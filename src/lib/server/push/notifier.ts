// Sends the push rows of the outbox: one notification to every browser that follows the dossier
// (its owner's, or the guest's who subscribed on the tracking page), in the dossier's language,
// encrypted for that browser (RFC 8291, aes128gcm) and signed with our VAPID key (RFC 8292).
// web-push builds each request; we send it with fetch, so a slow push service times out and an
// http address can be used by tests. A push service that answers 404 or 410 has forgotten the
// browser: its subscription is deleted. Any other failure is noted on the subscription and makes
// the row fail, so the outbox retries it with backoff; the retry goes to every browser again, and
// those that already showed it replace it in place (the notification's tag is the reference).
// What a notification says is what the e-mail's subject says: never a message's text.
import webpush, { type ContentEncoding } from 'web-push';
import { localize, m, type Locale } from '$lib/i18n';
import type { Db } from '../db';
import type { Dossier, StoredPushSubscription } from '../db/schema';
import * as dossiers from '../dossiers/repository';
import { PermanentOutboxError, registerOutboxHandler, type OutboxJob } from '../outbox/worker';
import * as processes from '../processes/service';
import { getSiteSettings } from '../settings';
import { PUSH_KIND, pushEvent, type PushEvent } from './events';
import { ensureVapidKeys, type VapidKeys } from './keys';
import * as repo from './repository';

/** What the service worker receives (see src/sw.ts). */
export type PushMessage = {
	title: string;
	body: string;
	/** The dossier's page; null for a guest, whose browser keeps its own tracking link. */
	url: string | null;
	reference: string;
};

export type PushDeps = {
	/** Read for every notification, so a renamed municipality shows at once. */
	municipality: () => string;
	timeoutMs: number;
};

/** How long a push service keeps a notification for a browser that is offline. */
const TTL_SECONDS = 7 * 24 * 60 * 60;
const AES128GCM: ContentEncoding = 'aes128gcm';

/** The text of a notification about this event, or null when the citizen is not to be told. */
async function compose(
	db: Db,
	event: PushEvent,
	dossier: Dossier,
	deps: PushDeps
): Promise<PushMessage | null> {
	const locale: Locale = dossier.language;
	const reference = dossier.reference;
	const definition = await processes.getVersion(dossier.processId, dossier.processVersion, db);
	const process = localize(definition.title, locale);
	const url = dossier.ownerId ? `/dossiers/${encodeURIComponent(reference)}` : null;
	switch (event.event) {
		case 'receipt':
			return {
				title: m.pushReceiptTitle({ reference }, { locale }),
				body: m.pushReceiptBody({ process }, { locale }),
				url,
				reference
			};
		case 'message': {
			const message = await dossiers.findMessage(db, event.messageId);
			if (!message || message.dossierId !== dossier.id)
				throw new PermanentOutboxError(
					`message ${event.messageId} of dossier ${dossier.id} does not exist`
				);
			// As for e-mail: what the municipality wrote to the citizen, not a note or their own.
			if (message.internal || message.authorRole === 'citizen') return null;
			return {
				title: m.pushMessageTitle({ reference }, { locale }),
				body: m.pushMessageBody({ process, municipality: deps.municipality() }, { locale }),
				url,
				reference
			};
		}
		case 'transitioned': {
			const state = definition.workflow.states.find((s) => s.id === event.toStatus);
			if (!state)
				throw new PermanentOutboxError(
					`state ${event.toStatus} is not in ${dossier.processId}@${dossier.processVersion}`
				);
			const text = localize(state.citizenText, locale).trim();
			return {
				title: m.pushStateTitle(
					{ reference, state: localize(state.citizenLabel ?? state.label, locale) },
					{ locale }
				),
				body: text || m.pushStateBody({ process }, { locale }),
				url,
				reference
			};
		}
	}
}

type Outcome = 'sent' | 'gone' | { error: string };

async function deliver(
	subscription: StoredPushSubscription,
	message: PushMessage,
	keys: VapidKeys,
	deps: PushDeps
): Promise<Outcome> {
	const request = webpush.generateRequestDetails(
		{
			endpoint: subscription.endpoint,
			keys: { p256dh: subscription.p256dh, auth: subscription.auth }
		},
		JSON.stringify(message),
		{
			vapidDetails: {
				subject: keys.subject,
				publicKey: keys.publicKey,
				privateKey: keys.privateKey
			},
			TTL: TTL_SECONDS,
			contentEncoding: AES128GCM,
			urgency: 'normal',
			// A browser that is offline gets only the latest news of a dossier, not a pile of it.
			topic: message.reference.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32) || undefined
		}
	);
	// fetch sets the length itself from the body.
	const headers = Object.fromEntries(
		Object.entries(request.headers)
			.filter(([name]) => name.toLowerCase() !== 'content-length')
			.map(([name, value]) => [name, String(value)])
	);
	try {
		const response = await fetch(request.endpoint, {
			method: request.method,
			headers,
			body: new Uint8Array(request.body),
			redirect: 'error',
			signal: AbortSignal.timeout(deps.timeoutMs)
		});
		const text = await response.text().catch(() => '');
		if (response.ok) return 'sent';
		if (response.status === 404 || response.status === 410) return 'gone';
		return { error: `${response.status} ${response.statusText} ${text}`.trim().slice(0, 500) };
	} catch (e) {
		const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
		return { error: `${e instanceof Error ? e.message : String(e)}${cause}`.slice(0, 500) };
	}
}

/** Does the work of one push row; throws (to be retried) when a browser could not be reached. */
export async function sendPush(payload: unknown, job: OutboxJob, deps: PushDeps): Promise<void> {
	const parsed = pushEvent.safeParse(payload);
	if (!parsed.success)
		throw new PermanentOutboxError(
			`malformed push payload: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`
		);
	const event = parsed.data;
	const dossier = await dossiers.findById(job.db, event.dossierId);
	if (!dossier) throw new PermanentOutboxError(`dossier ${event.dossierId} does not exist`);
	const subscriptions = await repo.listForDossier(job.db, dossier);
	if (subscriptions.length === 0) return;
	const message = await compose(job.db, event, dossier, deps);
	if (!message) return;
	const keys = await ensureVapidKeys(job.db);

	const failures: string[] = [];
	for (const subscription of subscriptions) {
		const outcome = await deliver(subscription, message, keys, deps);
		if (outcome === 'gone') await repo.deleteById(job.db, subscription.id);
		else if (outcome === 'sent') {
			if (subscription.lastError) await repo.setLastError(job.db, subscription.id, null);
		} else {
			await repo.setLastError(job.db, subscription.id, outcome.error);
			failures.push(`${new URL(subscription.endpoint).host}: ${outcome.error}`);
		}
	}
	if (failures.length > 0)
		throw new Error(
			`${failures.length} of ${subscriptions.length} push deliveries failed (${failures.join('; ')})`
		);
}

export function defaultPushDeps(): PushDeps {
	return { municipality: () => getSiteSettings().municipalityName, timeoutMs: 15_000 };
}

/** Registers the push handler with the outbox worker. */
export function registerPushHandler(deps: PushDeps = defaultPushDeps()): void {
	registerOutboxHandler(PUSH_KIND, (payload, job) => sendPush(payload, job, deps));
}

// Push subscriptions: a citizen opts in per browser. A signed-in citizen's browser hears about all
// their dossiers; a guest's browser hears about the one dossier whose tracking link it holds, and
// only the tracking token proves that. A browser has one endpoint, so it follows one of the two at
// a time: subscribing again moves it. The endpoint is an address the server will POST to, so the
// routes accept only https addresses of named hosts, and each account or dossier keeps at most
// MAX_PER_SCOPE browsers.
import { z } from 'zod';
import { getDb, type Db } from '../db';
import * as views from '../dossiers/views';
import { ensureVapidKeys } from './keys';
import * as repo from './repository';
import type { Locale } from '$lib/process/text';

export const MAX_PER_SCOPE = 10;

/** Whose notifications a browser receives: an account's, or one guest dossier's. */
export type PushScope = repo.Scope;

export const accountScope = (userId: string): PushScope => ({ userId, dossierId: null });

/** The scope a tracking link gives: that link's dossier, or null when the link is not valid. */
export async function findGuestScope(token: string, db: Db = getDb()): Promise<PushScope | null> {
	const dossier = await views.findForGuest(token, db);
	return dossier ? { userId: null, dossierId: dossier.id } : null;
}

const base64url = (bytes: number) =>
	z
		.string()
		.regex(/^[A-Za-z0-9_-]+={0,2}$/)
		.refine((v) => Buffer.from(v, 'base64url').length === bytes, `must be ${bytes} bytes`);

/** A push service's address: https, a host name (no IP address, no local name), no credentials. */
const pushEndpoint = z
	.url({ protocol: /^https$/ })
	.max(2048)
	.refine((v) => {
		// zod runs this even when the value is no URL at all.
		if (!URL.canParse(v)) return false;
		const url = new URL(v);
		const host = url.hostname.toLowerCase();
		return (
			!url.username &&
			!url.password &&
			host.includes('.') &&
			!/^[\d.]+$/.test(host) &&
			!host.startsWith('[') &&
			!/(^|\.)(localhost|local|internal|lan|home\.arpa)$/.test(host)
		);
	}, 'must be the https address of a push service');

/** PushSubscription.toJSON() as the browser sends it. */
export const subscriptionBody = z.object({
	endpoint: pushEndpoint,
	expirationTime: z.number().nullish(),
	keys: z.object({ p256dh: base64url(65), auth: base64url(16) })
});

/** The body of an unsubscribe or a status check: the endpoint alone. */
export const endpointBody = z.object({ endpoint: z.string().max(2048) });

/** What the service stores; the routes parse with subscriptionBody, tests may pass any endpoint. */
export type SubscriptionInput = {
	endpoint: string;
	keys: { p256dh: string; auth: string };
};

/** The public key browsers subscribe with (made on first use when start-up has not run). */
export async function getPublicKey(db: Db = getDb()): Promise<string> {
	return (await ensureVapidKeys(db)).publicKey;
}

export async function subscribe(
	scope: PushScope,
	input: SubscriptionInput,
	language: Locale,
	db: Db = getDb()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await repo.upsertSubscription(trx, {
			...scope,
			endpoint: input.endpoint,
			p256dh: input.keys.p256dh,
			auth: input.keys.auth,
			language
		});
		await repo.trimScope(trx, scope, MAX_PER_SCOPE);
	});
}

/** Removes the browser from this scope; a browser that follows something else is left alone. */
export async function unsubscribe(
	scope: PushScope,
	endpoint: string,
	db: Db = getDb()
): Promise<boolean> {
	return (await repo.deleteInScope(db, endpoint, scope)) > 0;
}

/** Whether this browser receives this scope's notifications (the page shows "on" or "off"). */
export async function isSubscribed(
	scope: PushScope,
	endpoint: string,
	db: Db = getDb()
): Promise<boolean> {
	return (await repo.findInScope(db, endpoint, scope)) !== undefined;
}

// Sends the webhook rows of the outbox: one signed POST per attempt to the webhook's address. A 2xx
// answer marks the delivery delivered; anything else (another status, a redirect, which is never
// followed, a timeout, a refused connection) is noted on the delivery and thrown, so the outbox
// tries again with its backoff; after its last attempt the delivery shows failed. A delivery for
// a webhook that was disabled or deleted in the meantime is dropped without sending.
import { z } from 'zod';
import {
	MAX_ATTEMPTS,
	PermanentOutboxError,
	registerOutboxHandler,
	type OutboxJob
} from '../outbox/worker';
import * as repo from './repository';
import { WEBHOOK_DELIVERY_KIND } from './events';
import { checkWebhookUrl } from './url';
import { signatureHeaders } from './signing';

export const USER_AGENT = 'Loket-Webhooks/1';
export const TIMEOUT_MS = 10_000;

const payloadSchema = z.object({ deliveryId: z.uuid() });

export type DeliveryDeps = { timeoutMs: number };

function describeError(e: unknown): string {
	if (e instanceof Error && e.name === 'TimeoutError') return 'timeout';
	const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
	return `${e instanceof Error ? e.message : String(e)}${cause}`.slice(0, 500);
}

/** Does one attempt of one delivery; throws (to be retried) when it was not accepted. */
export async function sendDelivery(
	payload: unknown,
	job: OutboxJob,
	deps: DeliveryDeps = { timeoutMs: TIMEOUT_MS }
): Promise<void> {
	const parsed = payloadSchema.safeParse(payload);
	if (!parsed.success) throw new PermanentOutboxError('malformed webhook-delivery payload');
	const delivery = await repo.findDeliveryToSend(job.db, parsed.data.deliveryId);
	if (!delivery) throw new PermanentOutboxError(`delivery ${parsed.data.deliveryId} is gone`);
	// A row that ran twice (a lease that ran out) must not be sent again once it is settled.
	if (delivery.status !== 'pending') return;
	if (!delivery.active || delivery.deletedAt) {
		await repo.updateDelivery(job.db, delivery.id, {
			status: 'failed',
			lastError: 'webhook disabled'
		});
		return;
	}
	const at = job.now;
	const stored = delivery.payload as { timestamp?: unknown; data?: unknown };
	// Rebuilt in a fixed key order (jsonb keeps its own): the same bytes on every attempt.
	const body = JSON.stringify({
		type: delivery.eventType,
		timestamp: stored.timestamp,
		data: stored.data
	});
	let statusCode: number | null = null;
	let error: string;
	if (checkWebhookUrl(delivery.url) !== null) error = 'address no longer allowed';
	else
		try {
			const response = await fetch(delivery.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'user-agent': USER_AGENT,
					...signatureHeaders(delivery.secret, delivery.id, at, body)
				},
				body,
				redirect: 'manual',
				signal: AbortSignal.timeout(deps.timeoutMs)
			});
			statusCode = response.status;
			const text = await response.text().catch(() => '');
			if (response.status >= 200 && response.status < 300) {
				await repo.updateDelivery(job.db, delivery.id, {
					status: 'delivered',
					attempts: job.attempt,
					lastStatusCode: statusCode,
					lastError: null,
					lastAttemptAt: at,
					deliveredAt: at
				});
				return;
			}
			error =
				response.status >= 300 && response.status < 400
					? `HTTP ${response.status}: redirects are not followed`
					: `HTTP ${response.status} ${text.replace(/\s+/g, ' ').slice(0, 200)}`.trim();
		} catch (e) {
			error = describeError(e);
		}
	await repo.updateDelivery(job.db, delivery.id, {
		status: job.attempt >= MAX_ATTEMPTS ? 'failed' : 'pending',
		attempts: job.attempt,
		lastStatusCode: statusCode,
		lastError: error,
		lastAttemptAt: at
	});
	throw new Error(`webhook delivery ${delivery.id}: ${error}`);
}

/** Registers the webhook handler with the outbox worker. */
export function registerWebhookHandler(deps?: DeliveryDeps): void {
	registerOutboxHandler(WEBHOOK_DELIVERY_KIND, (payload, job) => sendDelivery(payload, job, deps));
}

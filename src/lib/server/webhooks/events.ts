// The events other systems can subscribe to, and how they are raised: the code that makes a change
// calls emitWebhookEvent in the transaction of that change, which stores one delivery per
// subscribed webhook and one outbox row per delivery. So an event is sent iff the change is
// stored. The payload names the dossier, never its answers: the receiver fetches those through the
// API (GET /api/v1/dossiers/{id}) with its own token.
import type { Transaction } from 'kysely';
import type { Database, Dossier, Message } from '../db/schema';
import * as outbox from '../outbox/repository';
import * as repo from './repository';

export const WEBHOOK_EVENTS = [
	'dossier.created',
	'dossier.transitioned',
	'message.created',
	'payment.received'
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent by the "send test event" button to one webhook, whatever it subscribed to. */
export const TEST_EVENT = 'webhook.test';
export const WEBHOOK_DELIVERY_KIND = 'webhook-delivery';

export function isWebhookEvent(value: string): value is WebhookEvent {
	return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** What every dossier event says about the dossier. */
export function dossierData(
	dossier: Pick<Dossier, 'id' | 'reference' | 'processId' | 'processVersion' | 'status'>
) {
	return {
		dossierId: dossier.id,
		reference: dossier.reference,
		processId: dossier.processId,
		processVersion: dossier.processVersion,
		status: dossier.status
	};
}

/** What a message.created event says: which message, whether it is an internal note, by whom. */
export function messageData(
	dossier: Parameters<typeof dossierData>[0],
	message: Pick<Message, 'id' | 'internal' | 'authorRole'>
) {
	return {
		...dossierData(dossier),
		messageId: message.id,
		internal: message.internal,
		authorRole: message.authorRole
	};
}

/** The body every attempt sends: `{ type, timestamp, data }`. */
export function eventBody(type: string, data: Record<string, unknown>, at: Date) {
	return { type, timestamp: at.toISOString(), data };
}

/** Queues one delivery (and its outbox row) for one webhook. */
export async function queueDelivery(
	trx: Transaction<Database>,
	webhookId: string,
	type: string,
	data: Record<string, unknown>,
	at: Date
): Promise<string> {
	const deliveryId = await repo.insertDelivery(trx, {
		webhookId,
		eventType: type,
		payload: eventBody(type, data, at),
		createdAt: at
	});
	await outbox.insertOutbox(trx, WEBHOOK_DELIVERY_KIND, { deliveryId });
	return deliveryId;
}

/**
 * Raises an event inside the transaction of the change: one delivery for every active webhook
 * subscribed to it. Returns the delivery ids.
 */
export async function emitWebhookEvent(
	trx: Transaction<Database>,
	type: WebhookEvent,
	data: Record<string, unknown>,
	at = new Date()
): Promise<string[]> {
	const ids: string[] = [];
	for (const webhookId of await repo.listSubscribedIds(trx, type))
		ids.push(await queueDelivery(trx, webhookId, type, data, at));
	return ids;
}

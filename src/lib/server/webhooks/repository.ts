// Kysely queries on webhooks and their deliveries. No rules here: see service.ts, events.ts and
// delivery.ts.
import { sql } from 'kysely';
import type { Webhook, WebhookDelivery } from '../db/schema';

import type { Executor } from '../db/executor';

export async function insertWebhook(
	db: Executor,
	v: { name: string; url: string; events: string[]; secret: string; createdBy: string | null }
): Promise<Webhook> {
	return db.insertInto('webhook').values(v).returningAll().executeTakeFirstOrThrow();
}

/** A webhook that is not deleted. */
export async function findWebhook(db: Executor, id: string): Promise<Webhook | undefined> {
	return db
		.selectFrom('webhook')
		.selectAll()
		.where('id', '=', id)
		.where('deletedAt', 'is', null)
		.executeTakeFirst();
}

/** The webhooks that are not deleted, oldest first, with the status of each one's last delivery. */
export async function listWebhooks(db: Executor) {
	return db
		.selectFrom('webhook as w')
		.select(['w.id', 'w.name', 'w.url', 'w.events', 'w.active', 'w.createdAt'])
		.select((eb) => [
			eb
				.selectFrom('webhookDelivery as d')
				.select('d.status')
				.whereRef('d.webhookId', '=', 'w.id')
				.orderBy('d.createdAt', 'desc')
				.orderBy('d.id', 'desc')
				.limit(1)
				.as('lastStatus'),
			eb
				.selectFrom('webhookDelivery as d')
				.select('d.createdAt')
				.whereRef('d.webhookId', '=', 'w.id')
				.orderBy('d.createdAt', 'desc')
				.orderBy('d.id', 'desc')
				.limit(1)
				.as('lastAt')
		])
		.where('w.deletedAt', 'is', null)
		.orderBy('w.createdAt')
		.orderBy('w.id')
		.execute();
}

export async function updateWebhook(
	db: Executor,
	id: string,
	v: Partial<{ name: string; url: string; events: string[]; active: boolean; secret: string }>,
	at: Date
): Promise<Webhook | undefined> {
	return db
		.updateTable('webhook')
		.set({ ...v, updatedAt: at })
		.where('id', '=', id)
		.where('deletedAt', 'is', null)
		.returningAll()
		.executeTakeFirst();
}

export async function softDeleteWebhook(db: Executor, id: string, at: Date): Promise<boolean> {
	const rows = await db
		.updateTable('webhook')
		.set({ deletedAt: at, active: false, updatedAt: at })
		.where('id', '=', id)
		.where('deletedAt', 'is', null)
		.returning('id')
		.execute();
	return rows.length > 0;
}

/** The ids of the active, not deleted webhooks subscribed to `type`. */
export async function listSubscribedIds(db: Executor, type: string): Promise<string[]> {
	const rows = await db
		.selectFrom('webhook')
		.select('id')
		.where('active', '=', true)
		.where('deletedAt', 'is', null)
		.where(sql<boolean>`${type} = any(${sql.ref('events')})`)
		.orderBy('createdAt')
		.execute();
	return rows.map((r) => r.id);
}

export async function insertDelivery(
	db: Executor,
	v: { webhookId: string; eventType: string; payload: Record<string, unknown>; createdAt: Date }
): Promise<string> {
	const row = await db
		.insertInto('webhookDelivery')
		.values({ ...v, payload: JSON.stringify(v.payload) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** A delivery with what is needed to send it: its webhook's address, secret and state. */
export async function findDeliveryToSend(db: Executor, id: string) {
	return db
		.selectFrom('webhookDelivery as d')
		.innerJoin('webhook as w', 'w.id', 'd.webhookId')
		.select([
			'd.id',
			'd.eventType',
			'd.payload',
			'd.status',
			'w.url',
			'w.secret',
			'w.active',
			'w.deletedAt'
		])
		.where('d.id', '=', id)
		.executeTakeFirst();
}

export async function updateDelivery(
	db: Executor,
	id: string,
	v: Partial<
		Pick<
			WebhookDelivery,
			'status' | 'attempts' | 'lastStatusCode' | 'lastError' | 'lastAttemptAt' | 'deliveredAt'
		>
	>
): Promise<void> {
	await db.updateTable('webhookDelivery').set(v).where('id', '=', id).execute();
}

/** The newest deliveries of a webhook. */
export async function listDeliveries(db: Executor, webhookId: string, limit: number) {
	return db
		.selectFrom('webhookDelivery')
		.select([
			'id',
			'eventType',
			'status',
			'attempts',
			'lastStatusCode',
			'lastError',
			'createdAt',
			'lastAttemptAt',
			'deliveredAt'
		])
		.where('webhookId', '=', webhookId)
		.orderBy('createdAt', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

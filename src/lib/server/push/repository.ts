// Kysely queries for Web Push: the VAPID key row and the browsers' subscriptions. No rules here:
// see keys.ts, service.ts and notifier.ts.
import type { ExpressionBuilder } from 'kysely';
import type { Database, StoredPushSubscription } from '../db/schema';

import type { Executor } from '../db/executor';
import type { Locale } from '$lib/process/text';

export type VapidKeyRow = { publicKey: string; privateKey: string; subject: string };

export async function findVapidKey(db: Executor): Promise<VapidKeyRow | undefined> {
	return db
		.selectFrom('pushVapidKey')
		.select(['publicKey', 'privateKey', 'subject'])
		.executeTakeFirst();
}

/** Stores the pair unless one is there already (another instance may have been quicker). */
export async function insertVapidKeyIfAbsent(db: Executor, row: VapidKeyRow): Promise<void> {
	await db
		.insertInto('pushVapidKey')
		.values(row)
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
}

export async function updateVapidSubject(db: Executor, subject: string): Promise<void> {
	await db.updateTable('pushVapidKey').set({ subject }).execute();
}

export type Scope = { userId: string; dossierId: null } | { userId: null; dossierId: string };

/** One row per endpoint: subscribing again moves the browser to this scope with its new keys. */
export async function upsertSubscription(
	db: Executor,
	v: Scope & { endpoint: string; p256dh: string; auth: string; language: Locale }
): Promise<void> {
	await db
		.insertInto('pushSubscription')
		.values(v)
		.onConflict((oc) =>
			oc.column('endpoint').doUpdateSet({
				p256dh: v.p256dh,
				auth: v.auth,
				userId: v.userId,
				dossierId: v.dossierId,
				language: v.language,
				lastError: null
			})
		)
		.execute();
}

/** The rows of one account or of one guest's dossier. */
function inScope(scope: Scope) {
	return (eb: ExpressionBuilder<Database, 'pushSubscription'>) =>
		scope.userId !== null ? eb('userId', '=', scope.userId) : eb('dossierId', '=', scope.dossierId);
}

export async function deleteInScope(db: Executor, endpoint: string, scope: Scope): Promise<number> {
	const rows = await db
		.deleteFrom('pushSubscription')
		.where('endpoint', '=', endpoint)
		.where(inScope(scope))
		.returning('id')
		.execute();
	return rows.length;
}

export async function findInScope(db: Executor, endpoint: string, scope: Scope) {
	return db
		.selectFrom('pushSubscription')
		.select('id')
		.where('endpoint', '=', endpoint)
		.where(inScope(scope))
		.executeTakeFirst();
}

/** Keeps the `keep` newest subscriptions of a scope and deletes the rest. */
export async function trimScope(db: Executor, scope: Scope, keep: number): Promise<void> {
	const newest = db
		.selectFrom('pushSubscription')
		.select('id')
		.where(inScope(scope))
		.orderBy('createdAt', 'desc')
		.orderBy('id')
		.limit(keep);
	await db
		.deleteFrom('pushSubscription')
		.where(inScope(scope))
		.where('id', 'not in', newest)
		.execute();
}

/** The browsers to tell about a dossier: its owner's, or those of the guest who follows it. */
export async function listForDossier(
	db: Executor,
	dossier: { id: string; ownerId: string | null }
): Promise<StoredPushSubscription[]> {
	return db
		.selectFrom('pushSubscription')
		.selectAll()
		.where((eb) =>
			dossier.ownerId
				? eb.or([eb('dossierId', '=', dossier.id), eb('userId', '=', dossier.ownerId)])
				: eb('dossierId', '=', dossier.id)
		)
		.orderBy('createdAt')
		.execute();
}

export async function deleteById(db: Executor, id: string): Promise<void> {
	await db.deleteFrom('pushSubscription').where('id', '=', id).execute();
}

export async function setLastError(db: Executor, id: string, error: string | null): Promise<void> {
	await db.updateTable('pushSubscription').set({ lastError: error }).where('id', '=', id).execute();
}

export async function deleteForUser(db: Executor, userId: string): Promise<void> {
	await db.deleteFrom('pushSubscription').where('userId', '=', userId).execute();
}

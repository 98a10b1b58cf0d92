// Kysely queries of the periodic clean-up. No rules here: what is old enough is decided in
// service.ts.
import { type Transaction } from 'kysely';
import type { Database } from '../db/schema';

import type { Executor } from '../db/executor';

/** Tokens that expired before `before`, or were used before it. */
export async function deleteStaleUserTokens(db: Executor, before: Date): Promise<number> {
	const rows = await db
		.deleteFrom('userToken')
		.where((eb) => eb.or([eb('expiresAt', '<', before), eb('usedAt', '<', before)]))
		.returning('id')
		.execute();
	return rows.length;
}

/**
 * Deletes the drafts that expired before `now` and were never submitted, with their files' rows;
 * returns how many drafts went and the storage keys (SHA-256) their files named.
 */
export async function deleteAbandonedDrafts(
	trx: Transaction<Database>,
	now: Date
): Promise<{ drafts: number; keys: string[] }> {
	const files = await trx
		.deleteFrom('draftFile')
		.where('draftId', 'in', (eb) =>
			eb
				.selectFrom('formDraft')
				.select('id')
				.where('expiresAt', '<', now)
				.where('dossierId', 'is', null)
		)
		.returning('sha256')
		.execute();
	const drafts = await trx
		.deleteFrom('formDraft')
		.where('expiresAt', '<', now)
		.where('dossierId', 'is', null)
		.returning('id')
		.execute();
	return { drafts: drafts.length, keys: [...new Set(files.map((f) => f.sha256))] };
}

/** Of these storage keys, those that no attachment and no draft file names any more. */
export async function findUnreferencedKeys(db: Executor, keys: string[]): Promise<string[]> {
	if (keys.length === 0) return [];
	const referenced = await db
		.selectFrom('attachment')
		.select('storageKey as key')
		.where('storageKey', 'in', keys)
		.union(db.selectFrom('draftFile').select('sha256 as key').where('sha256', 'in', keys))
		.union(
			db.selectFrom('outgoingDocument').select('storageKey as key').where('storageKey', 'in', keys)
		)
		.execute();
	const named = new Set(referenced.map((r) => r.key));
	return keys.filter((k) => !named.has(k));
}

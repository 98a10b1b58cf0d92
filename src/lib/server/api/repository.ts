// Kysely queries on API tokens and the calls made with them. No rules here: see tokens.ts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ApiScope, ApiToken, Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertToken(
	db: Executor,
	v: {
		name: string;
		tokenHash: string;
		prefix: string;
		scopes: ApiScope[];
		processIds: string[] | null;
		createdBy: string;
	}
): Promise<ApiToken> {
	return db.insertInto('apiToken').values(v).returningAll().executeTakeFirstOrThrow();
}

/** An unrevoked token by its hash, with how many calls it made since `since` (one round trip). */
export async function findActiveByHash(db: Executor, tokenHash: string, since: Date) {
	return db
		.selectFrom('apiToken as t')
		.selectAll('t')
		.select((eb) =>
			eb
				.selectFrom('apiCall as c')
				.select((e) => e.fn.countAll<string | number>().as('n'))
				.whereRef('c.tokenId', '=', 't.id')
				.where('c.at', '>', since)
				.as('recentCalls')
		)
		.where('t.tokenHash', '=', tokenHash)
		.where('t.revokedAt', 'is', null)
		.executeTakeFirst();
}

export async function findToken(db: Executor, id: string) {
	return db
		.selectFrom('apiToken as t')
		.leftJoin('appUser as c', 'c.id', 't.createdBy')
		.leftJoin('appUser as r', 'r.id', 't.revokedBy')
		.selectAll('t')
		.select(['c.name as createdByName', 'c.email as createdByEmail'])
		.select(['r.name as revokedByName', 'r.email as revokedByEmail'])
		.where('t.id', '=', id)
		.executeTakeFirst();
}

/** Active tokens first, then revoked ones; newest first within each. */
export async function listTokens(db: Executor) {
	return db
		.selectFrom('apiToken as t')
		.leftJoin('appUser as c', 'c.id', 't.createdBy')
		.selectAll('t')
		.select(['c.name as createdByName', 'c.email as createdByEmail'])
		.orderBy((eb) => eb('t.revokedAt', 'is', null), 'desc')
		.orderBy('t.createdAt', 'desc')
		.execute();
}

export async function revokeToken(
	db: Executor,
	id: string,
	by: string,
	at: Date
): Promise<boolean> {
	const rows = await db
		.updateTable('apiToken')
		.set({ revokedAt: at, revokedBy: by })
		.where('id', '=', id)
		.where('revokedAt', 'is', null)
		.returning('id')
		.execute();
	return rows.length > 0;
}

export async function touchToken(db: Executor, id: string, at: Date): Promise<void> {
	await db.updateTable('apiToken').set({ lastUsedAt: at }).where('id', '=', id).execute();
}

/** The oldest call still inside the window: when it leaves, a call is allowed again. */
export async function findOldestCallSince(db: Executor, tokenId: string, since: Date) {
	const row = await db
		.selectFrom('apiCall')
		.select('at')
		.where('tokenId', '=', tokenId)
		.where('at', '>', since)
		.orderBy('at')
		.limit(1)
		.executeTakeFirst();
	return row?.at ?? null;
}

export async function insertCall(
	db: Executor,
	v: {
		tokenId: string;
		tokenName: string;
		method: string;
		path: string;
		status: number;
		dossierId: string | null;
		at: Date;
	}
): Promise<void> {
	await db.insertInto('apiCall').values(v).execute();
}

export async function listCalls(db: Executor, tokenId: string, limit: number) {
	return db
		.selectFrom('apiCall')
		.select(['id', 'method', 'path', 'status', 'dossierId', 'at'])
		.where('tokenId', '=', tokenId)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/**
 * The application may not delete from the call log: prune_api_calls (a function of the tables'
 * owner) does, and never a call younger than the retention, whatever `before` says.
 */
export async function deleteCallsBefore(db: Executor, before: Date): Promise<number> {
	const { rows } = await sql<{ n: number }>`select prune_api_calls(${before}) as n`.execute(db);
	return rows[0]?.n ?? 0;
}

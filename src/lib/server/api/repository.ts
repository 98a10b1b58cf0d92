// Kysely queries on API tokens and the calls made with them, the idempotency keys of filings and
// the change feed of dossiers. No rules here: see tokens.ts, filing.ts and dossiers.ts.
import { sql } from 'kysely';
import type { ApiScope, ApiToken } from '../db/schema';

import type { Executor } from '../db/executor';

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

export async function findIdempotency(db: Executor, tokenId: string, key: string) {
	return db
		.selectFrom('apiIdempotency')
		.select(['requestHash', 'dossierId'])
		.where('tokenId', '=', tokenId)
		.where('key', '=', key)
		.executeTakeFirst();
}

export async function insertIdempotency(
	db: Executor,
	v: { tokenId: string; key: string; requestHash: string; dossierId: string }
): Promise<void> {
	await db.insertInto('apiIdempotency').values(v).execute();
}

/**
 * The transactions that are changing dossiers right now, from the lock table: how many hold the
 * shared lock taken before a change number, how many also hold their number's lock, and the
 * lowest number held (one that may still commit). The locks' first key is the sequence's oid
 * (migration 2026_12_06_0005_api_sync).
 */
export async function findChangesInFlight(db: Executor) {
	const { rows } = await sql<{ writers: number; numbered: number; oldest: number | null }>`
		with l as (
			select objid::bigint as n, virtualtransaction as vx from pg_locks
			where locktype = 'advisory' and granted and objsubid = 2
				and classid = 'dossier_change_seq'::regclass::oid
				and database = (select oid from pg_database where datname = current_database())
		)
		select
			(select count(distinct vx) from l where n = 0)::int as writers,
			(select count(distinct vx) from l where n <> 0)::int as numbered,
			(select min(n) from l where n <> 0) as oldest`.execute(db);
	const row = rows[0];
	return {
		writers: Number(row?.writers ?? 0),
		numbered: Number(row?.numbered ?? 0),
		oldest: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest)
	};
}

/** Dossiers changed after change number `after` (and below `before`), oldest change first. */
export async function listChanges(
	db: Executor,
	q: {
		after: number;
		before: number | null;
		since: Date | null;
		processId: string | null;
		processIds: readonly string[] | null;
		limit: number;
	}
) {
	let query = db
		.selectFrom('dossier')
		.select([
			'id',
			'reference',
			'processId',
			'processVersion',
			'status',
			'applicantName',
			'applicantEmail',
			'assigneeId',
			'submittedAt',
			'dueDate',
			'closedAt',
			'clockPausedAt',
			'version',
			'changeSeq',
			'changedAt'
		])
		.where('changeSeq', '>', q.after);
	if (q.before !== null) query = query.where('changeSeq', '<', q.before);
	if (q.since) query = query.where('changedAt', '>=', q.since);
	if (q.processId) query = query.where('processId', '=', q.processId);
	if (q.processIds) query = query.where('processId', 'in', [...q.processIds, '']);
	return query.orderBy('changeSeq').limit(q.limit).execute();
}

/** The highest change number handed out so far (0 before the first). */
export async function findLastChangeNumber(db: Executor): Promise<number> {
	const { rows } = await sql<{ lastValue: number | string; isCalled: boolean }>`
		select last_value, is_called from dossier_change_seq`.execute(db);
	const row = rows[0];
	if (!row) return 0;
	return row.isCalled ? Number(row.lastValue) : Number(row.lastValue) - 1;
}

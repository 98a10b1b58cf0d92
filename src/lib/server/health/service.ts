// Health: whether this instance can serve requests, i.e. reach its database. Used by load
// balancers and monitoring through /healthz.
import { sql } from 'kysely';
import { getDatabaseKind, getDb, type Db } from '../db';

export type Health = { ok: boolean; database: string; latencyMs: number; error?: string };

export async function check(db: Db = getDb(), kind: string = getDatabaseKind()): Promise<Health> {
	const started = performance.now();
	try {
		await sql`select 1`.execute(db);
		return { ok: true, database: kind, latencyMs: Math.round(performance.now() - started) };
	} catch (e) {
		return {
			ok: false,
			database: kind,
			latencyMs: Math.round(performance.now() - started),
			error: (e as Error).message
		};
	}
}

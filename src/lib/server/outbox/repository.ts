// The outbox: work for after the transaction (e-mails, push, webhooks), written in the same
// transaction as the change that causes it, so it is sent if and only if that change is stored.
import type { Executor } from '../db/executor';

export async function insertOutbox(
	db: Executor,
	kind: string,
	payload: Record<string, unknown>
): Promise<void> {
	await db
		.insertInto('outbox')
		.values({ kind, payload: JSON.stringify(payload) })
		.execute();
}

export type OutboxRow = {
	id: number;
	kind: string;
	payload: Record<string, unknown>;
	attempts: number;
};

/**
 * Claims up to `limit` due rows for one worker: locks them with FOR UPDATE SKIP LOCKED (rows
 * another worker holds are passed over, never waited for), counts the attempt and moves
 * next_attempt_at to the end of the lease, so no other worker takes them while this one works.
 */
export async function claimDue(
	db: Executor,
	q: { now: Date; leaseUntil: Date; maxAttempts: number; limit: number }
): Promise<OutboxRow[]> {
	const rows = await db
		.updateTable('outbox')
		.set((eb) => ({ attempts: eb('attempts', '+', 1), nextAttemptAt: q.leaseUntil }))
		.where('id', 'in', (eb) =>
			eb
				.selectFrom('outbox')
				.select('id')
				.where('processedAt', 'is', null)
				.where('nextAttemptAt', '<=', q.now)
				.where('attempts', '<', q.maxAttempts)
				.orderBy('nextAttemptAt')
				.orderBy('id')
				.limit(q.limit)
				.forUpdate()
				.skipLocked()
		)
		.returning(['id', 'kind', 'payload', 'attempts'])
		.execute();
	return rows.sort((a, b) => a.id - b.id);
}

export async function markProcessed(db: Executor, id: number, at: Date): Promise<void> {
	await db
		.updateTable('outbox')
		.set({ processedAt: at, lastError: null })
		.where('id', '=', id)
		.execute();
}

/** A failed attempt: the error, and when to try again (or `attempts` raised to give up now). */
export async function markFailed(
	db: Executor,
	id: number,
	f: { error: string; nextAttemptAt: Date; attempts?: number }
): Promise<void> {
	await db
		.updateTable('outbox')
		.set({
			lastError: f.error,
			nextAttemptAt: f.nextAttemptAt,
			...(f.attempts === undefined ? {} : { attempts: f.attempts })
		})
		.where('id', '=', id)
		.execute();
}

/** Rows that have not been processed and failed at least once, newest first. */
export async function listTroubled(db: Executor, limit: number) {
	return db
		.selectFrom('outbox')
		.select(['id', 'kind', 'attempts', 'lastError', 'nextAttemptAt', 'createdAt'])
		.where('processedAt', 'is', null)
		.where('lastError', 'is not', null)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

export async function deleteProcessedBefore(db: Executor, before: Date): Promise<number> {
	const rows = await db
		.deleteFrom('outbox')
		.where('processedAt', '<', before)
		.returning('id')
		.execute();
	return rows.length;
}

/**
 * Claims this round of a periodic job: true for exactly one caller among all the workers of all
 * the machines, once `every` ms have passed since the last round began (one statement: the row
 * lock orders callers that come at once, and the later ones find the round taken).
 */
export async function claimPeriodic(
	db: Executor,
	q: { name: string; now: Date; every: number }
): Promise<boolean> {
	const due = new Date(q.now.getTime() - q.every);
	const row = await db
		.insertInto('periodicJob')
		.values({ name: q.name, lastRunAt: q.now })
		.onConflict((oc) =>
			oc.column('name').doUpdateSet({ lastRunAt: q.now }).where('periodicJob.lastRunAt', '<=', due)
		)
		.returning('name')
		.executeTakeFirst();
	return row !== undefined;
}

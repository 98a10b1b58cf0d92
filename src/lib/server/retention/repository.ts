// Kysely queries of retention: the closed dossiers still kept, the runs, the holds, the files a
// destruction freed. No rules here: what is due is decided in service.ts.
import { sql } from 'kysely';
import type { Executor } from '../db/executor';

export type KeptDossier = {
	id: string;
	reference: string;
	processId: string;
	processVersion: number;
	status: string;
	closedAt: Date;
	paidAt: Date | null;
	legalHoldAt: Date | null;
	departmentId: string | null;
};

/** Closed dossiers not destroyed, closed before `closedBefore`, oldest first. */
export async function listKeptClosed(
	db: Executor,
	closedBefore: Date,
	limit = 5000
): Promise<KeptDossier[]> {
	const rows = await db
		.selectFrom('dossier as d')
		.select([
			'd.id',
			'd.reference',
			'd.processId',
			'd.processVersion',
			'd.status',
			'd.closedAt',
			'd.legalHoldAt',
			'd.departmentId',
			(eb) =>
				eb
					.selectFrom('payment as p')
					.select((e) => e.fn.max('p.paidAt').as('paidAt'))
					.whereRef('p.dossierId', '=', 'd.id')
					.where('p.state', '=', 'paid')
					.as('paidAt')
		])
		.where('d.closedAt', 'is not', null)
		.where('d.destroyedAt', 'is', null)
		.where('d.closedAt', '<', closedBefore)
		.orderBy('d.closedAt')
		.orderBy('d.id')
		.limit(limit)
		.execute();
	return rows.map((r) => ({ ...r, closedAt: r.closedAt!, paidAt: r.paidAt ?? null }));
}

/** The retention rules of every stored version (process id, version, rules). */
export async function listVersionRetention(db: Executor) {
	return db
		.selectFrom('processVersion')
		.select(['processId', 'version', sql<unknown>`definition -> 'retention'`.as('retention')])
		.execute();
}

/** Locks one dossier for its destruction; null when another run holds it or it is gone. */
export async function lockKept(db: Executor, id: string) {
	return db
		.selectFrom('dossier')
		.select(['id', 'reference', 'status', 'closedAt', 'legalHoldAt', 'destroyedAt'])
		.where('id', '=', id)
		.forUpdate()
		.skipLocked()
		.executeTakeFirst();
}

export async function destroyDossier(db: Executor, id: string, retention: Record<string, unknown>) {
	await sql`select destroy_dossier(${id}::uuid, ${JSON.stringify(retention)}::jsonb)`.execute(db);
}

/** A run whose holder went away (its lease ended before it finished), locked; else null. */
export async function claimStaleRun(db: Executor, now: Date) {
	return db
		.selectFrom('retentionRun')
		.select(['id'])
		.where('finishedAt', 'is', null)
		.where('leaseUntil', '<', now)
		.orderBy('day')
		.limit(1)
		.forUpdate()
		.skipLocked()
		.executeTakeFirst();
}

export async function extendLease(db: Executor, id: string, until: Date) {
	await db.updateTable('retentionRun').set({ leaseUntil: until }).where('id', '=', id).execute();
}

/** Today's run, unless one exists for the day (another instance has it, or it is done). */
export async function insertRun(db: Executor, day: string, now: Date, leaseUntil: Date) {
	return db
		.insertInto('retentionRun')
		.values({ day, startedAt: now, leaseUntil })
		.onConflict((oc) => oc.column('day').doNothing())
		.returning('id')
		.executeTakeFirst();
}

export async function countInRun(
	db: Executor,
	id: string,
	column: 'destroyed' | 'archived' | 'held' | 'failed'
) {
	await db
		.updateTable('retentionRun')
		.set((eb) => ({ [column]: eb(column, '+', 1) }))
		.where('id', '=', id)
		.execute();
}

export async function finishRun(
	db: Executor,
	id: string,
	now: Date,
	housekeeping: Record<string, number>
) {
	await db
		.updateTable('retentionRun')
		.set({ finishedAt: now, housekeeping: JSON.stringify(housekeeping) })
		.where('id', '=', id)
		.execute();
}

export async function insertRunDossier(
	db: Executor,
	row: { runId: string; dossierId: string; action: 'destroy' | 'archive'; package: string | null }
) {
	await db.insertInto('retentionRunDossier').values(row).execute();
}

export async function listPendingFiles(db: Executor, dossierId?: string) {
	let q = db.selectFrom('retentionPendingFile').select(['storageKey']);
	if (dossierId) q = q.where('dossierId', '=', dossierId);
	return (await q.execute()).map((r) => r.storageKey);
}

export async function deletePendingFile(db: Executor, key: string) {
	await db.deleteFrom('retentionPendingFile').where('storageKey', '=', key).execute();
}

export async function listRuns(db: Executor, limit = 60) {
	return db
		.selectFrom('retentionRun')
		.select([
			'id',
			'day',
			'startedAt',
			'finishedAt',
			'destroyed',
			'archived',
			'held',
			'failed',
			'housekeeping'
		])
		.orderBy('day', 'desc')
		.limit(limit)
		.execute();
}

export async function listRunDossiers(db: Executor, limit = 500) {
	return db
		.selectFrom('retentionRunDossier as r')
		.innerJoin('dossier as d', 'd.id', 'r.dossierId')
		.innerJoin('retentionRun as run', 'run.id', 'r.runId')
		.select([
			'r.dossierId',
			'r.action',
			'r.at',
			'r.package',
			'run.day',
			'd.reference',
			'd.processId',
			'd.processVersion',
			'd.status',
			'd.closedAt',
			'd.retention'
		])
		.orderBy('r.at', 'desc')
		.limit(limit)
		.execute();
}

export async function listHolds(db: Executor) {
	return db
		.selectFrom('dossier as d')
		.leftJoin('appUser as u', 'u.id', 'd.legalHoldBy')
		.select([
			'd.id',
			'd.reference',
			'd.processId',
			'd.status',
			'd.legalHoldAt',
			'd.legalHoldReason',
			'u.name as heldByName',
			'u.email as heldByEmail'
		])
		.where('d.legalHoldAt', 'is not', null)
		.orderBy('d.legalHoldAt', 'desc')
		.execute();
}

export async function setHold(
	db: Executor,
	id: string,
	hold: { at: Date; reason: string; by: string } | null
) {
	return db
		.updateTable('dossier')
		.set(
			hold
				? { legalHoldAt: hold.at, legalHoldReason: hold.reason, legalHoldBy: hold.by }
				: { legalHoldAt: null, legalHoldReason: null, legalHoldBy: null }
		)
		.where('id', '=', id)
		.where('destroyedAt', 'is', null)
		.where('legalHoldAt', hold ? 'is' : 'is not', null)
		.returning('id')
		.executeTakeFirst();
}

/** Push subscriptions of dossiers closed before `closedBefore`, or that failed and are old. */
export async function deleteStalePush(db: Executor, before: Date) {
	const rows = await db
		.deleteFrom('pushSubscription')
		.where((eb) =>
			eb.or([
				eb('dossierId', 'in', (s) =>
					s.selectFrom('dossier').select('id').where('closedAt', '<', before)
				),
				eb.and([eb('lastError', 'is not', null), eb('createdAt', '<', before)])
			])
		)
		.returning('id')
		.execute();
	return rows.length;
}

export async function pruneAccessLog(db: Executor, destroyedBefore: Date) {
	const { rows } = await sql<{
		n: number;
	}>`select prune_access_log(${destroyedBefore}) as n`.execute(db);
	return rows[0]?.n ?? 0;
}

export async function findHold(db: Executor, dossierId: string) {
	return db
		.selectFrom('dossier as d')
		.leftJoin('appUser as u', 'u.id', 'd.legalHoldBy')
		.select([
			'd.legalHoldAt',
			'd.legalHoldReason',
			'd.destroyedAt',
			'u.name as heldByName',
			'u.email as heldByEmail'
		])
		.where('d.id', '=', dossierId)
		.executeTakeFirst();
}

// Kysely queries on processes and their versions. No rules here: see service.ts.
import { sql } from 'kysely';
import type { ProcessVersionSource, ProcessVersionStatus } from '../db/schema';

import type { Executor } from '../db/executor';

export async function listVersionKeys(db: Executor): Promise<Set<string>> {
	const rows = await db.selectFrom('processVersion').select(['processId', 'version']).execute();
	return new Set(rows.map((r) => `${r.processId}@${r.version}`));
}

export async function insertProcess(db: Executor, id: string): Promise<void> {
	await db
		.insertInto('process')
		.values({ id })
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
}

export async function insertVersion(
	db: Executor,
	v: {
		processId: string;
		version: number;
		status: ProcessVersionStatus;
		source: ProcessVersionSource;
		definition: unknown;
		createdBy?: string | null;
	}
): Promise<boolean> {
	const result = await db
		.insertInto('processVersion')
		.values({
			processId: v.processId,
			version: v.version,
			status: v.status,
			source: v.source,
			definition: JSON.stringify(v.definition),
			createdBy: v.createdBy ?? null,
			publishedAt: v.status === 'published' ? new Date() : null
		})
		.onConflict((oc) => oc.columns(['processId', 'version']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The newest published version of every process that is not retired. */
export async function listCurrentPublished(db: Executor) {
	return db
		.selectFrom('processVersion as v')
		.innerJoin('process as p', 'p.id', 'v.processId')
		.where('v.status', '=', 'published')
		.where('p.retiredAt', 'is', null)
		.distinctOn('v.processId')
		.select(['v.processId', 'v.version', 'v.definition'])
		.orderBy('v.processId')
		.orderBy('v.version', 'desc')
		.execute();
}

export async function findCurrentPublished(db: Executor, processId: string) {
	return db
		.selectFrom('processVersion as v')
		.innerJoin('process as p', 'p.id', 'v.processId')
		.where('v.processId', '=', processId)
		.where('v.status', '=', 'published')
		.where('p.retiredAt', 'is', null)
		.select(['v.processId', 'v.version', 'v.definition'])
		.orderBy('v.version', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function findVersion(db: Executor, processId: string, version: number) {
	return db
		.selectFrom('processVersion')
		.where('processId', '=', processId)
		.where('version', '=', version)
		.select(['processId', 'version', 'status', 'definition'])
		.executeTakeFirst();
}

/** A version with who saved it last; `lock` holds its row until the transaction ends. */
export async function findVersionRow(
	db: Executor,
	processId: string,
	version: number,
	lock = false
) {
	const query = db
		.selectFrom('processVersion as v')
		.leftJoin('appUser as u', 'u.id', 'v.updatedBy')
		.where('v.processId', '=', processId)
		.where('v.version', '=', version)
		.select([
			'v.processId',
			'v.version',
			'v.status',
			'v.definition',
			'v.revision',
			'v.publishedAt',
			'v.updatedAt',
			'u.name as updatedByName',
			'u.email as updatedByEmail'
		]);
	return (lock ? query.forUpdate('v') : query).executeTakeFirst();
}

export async function findDraftVersion(db: Executor, processId: string) {
	return db
		.selectFrom('processVersion')
		.where('processId', '=', processId)
		.where('status', '=', 'draft')
		.select(['version', 'revision'])
		.executeTakeFirst();
}

/** The highest version of a process, whatever its status. */
export async function findLatestVersion(db: Executor, processId: string) {
	return db
		.selectFrom('processVersion')
		.where('processId', '=', processId)
		.select(['version', 'status', 'definition'])
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/** The newest published version below `below`, retired or not: what a new version replaces. */
export async function findPreviousPublished(db: Executor, processId: string, below: number) {
	return db
		.selectFrom('processVersion')
		.where('processId', '=', processId)
		.where('version', '<', below)
		.where('status', 'in', ['published', 'retired'])
		.select(['version', 'definition'])
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function updateDraft(
	db: Executor,
	v: { processId: string; version: number; definition: unknown; revision: number; by: string }
): Promise<void> {
	await db
		.updateTable('processVersion')
		.set({
			definition: JSON.stringify(v.definition),
			revision: v.revision,
			updatedAt: new Date(),
			updatedBy: v.by
		})
		.where('processId', '=', v.processId)
		.where('version', '=', v.version)
		.where('status', '=', 'draft')
		.execute();
}

export async function markPublished(
	db: Executor,
	v: { processId: string; version: number; revision: number; by: string }
): Promise<void> {
	await db
		.updateTable('processVersion')
		.set({
			status: 'published',
			publishedAt: new Date(),
			revision: v.revision,
			updatedAt: new Date(),
			updatedBy: v.by
		})
		.where('processId', '=', v.processId)
		.where('version', '=', v.version)
		.where('status', '=', 'draft')
		.execute();
}

export async function deleteDraft(db: Executor, processId: string, version: number): Promise<void> {
	await db
		.deleteFrom('processVersion')
		.where('processId', '=', processId)
		.where('version', '=', version)
		.where('status', '=', 'draft')
		.execute();
}

export async function insertProcessEvent(
	db: Executor,
	e: {
		processId: string;
		version: number | null;
		type: string;
		actorId: string | null;
		data?: Record<string, unknown>;
	}
): Promise<void> {
	await db
		.insertInto('processEvent')
		.values({
			processId: e.processId,
			version: e.version,
			type: e.type,
			actorId: e.actorId,
			data: JSON.stringify(e.data ?? {})
		})
		.execute();
}

// Builder: process list and lifecycle

export async function listProcessRows(db: Executor) {
	return db.selectFrom('process').select(['id', 'createdAt', 'retiredAt']).orderBy('id').execute();
}

export async function findProcessRow(db: Executor, id: string) {
	return db
		.selectFrom('process')
		.where('id', '=', id)
		.select(['id', 'createdAt', 'retiredAt'])
		.executeTakeFirst();
}

/** Every version (of one process, or of all), without the definition but with its title. */
export async function listVersionSummaries(db: Executor, processId?: string) {
	return db
		.selectFrom('processVersion')
		.$if(processId !== undefined, (qb) => qb.where('processId', '=', processId as string))
		.select([
			'processId',
			'version',
			'status',
			'source',
			'publishedAt',
			'createdAt',
			'revision',
			sql<unknown>`definition -> 'title'`.as('title')
		])
		.orderBy('processId')
		.orderBy('version', 'desc')
		.execute();
}

/** Inserts a new process; false when the id is taken. */
export async function insertNewProcess(db: Executor, id: string): Promise<boolean> {
	const result = await db
		.insertInto('process')
		.values({ id })
		.onConflict((oc) => oc.column('id').doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setRetiredAt(db: Executor, id: string, at: Date | null): Promise<boolean> {
	const result = await db
		.updateTable('process')
		.set({ retiredAt: at })
		.where('id', '=', id)
		.where('retiredAt', at === null ? 'is not' : 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows ?? 0) > 0;
}

/** The change log of a process, newest first, with who did it. */
export async function listProcessEvents(db: Executor, processId: string, limit = 200) {
	return db
		.selectFrom('processEvent as e')
		.leftJoin('appUser as u', 'u.id', 'e.actorId')
		.where('e.processId', '=', processId)
		.select([
			'e.id',
			'e.version',
			'e.type',
			'e.data',
			'e.at',
			'u.name as actorName',
			'u.email as actorEmail'
		])
		.orderBy('e.id', 'desc')
		.limit(limit)
		.execute();
}

/** Holds the process row until the transaction ends, so two drafts of it never start at once. */
export async function lockProcess(db: Executor, id: string): Promise<boolean> {
	const row = await db
		.selectFrom('process')
		.where('id', '=', id)
		.select('id')
		.forUpdate()
		.executeTakeFirst();
	return row !== undefined;
}

/** Every process (retired ones too) with the title of its newest version, by id. */
export async function listProcessTitles(db: Executor): Promise<{ id: string; title: unknown }[]> {
	return db
		.selectFrom('process as p')
		.select([
			'p.id',
			sql<unknown>`(select v.definition -> 'title' from process_version v
				where v.process_id = p.id order by v.version desc limit 1)`.as('title')
		])
		.orderBy('p.id')
		.execute();
}

/** The counter a trigger raises whenever the catalogue may have changed (migration jobs). */
export async function readCatalogueRevision(db: Executor): Promise<number> {
	const row = await db.selectFrom('catalogueRevision').select('revision').executeTakeFirst();
	return Number(row?.revision ?? 0);
}

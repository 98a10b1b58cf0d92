// Kysely queries on processes and their versions. No rules here: see service.ts.
import type { Db } from '../db';
import type { Kysely, Transaction } from 'kysely';
import type { Database, ProcessVersionSource, ProcessVersionStatus } from '../db/schema';

type Executor = Db | Transaction<Database> | Kysely<Database>;

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

// Kysely queries for standard replies. No rules here: see service.ts.
import { sql } from 'kysely';

import type { Executor } from '../db/executor';

export type TemplateValues = {
	processId: string | null;
	title: string;
	bodyNl: string;
	bodyEn: string;
	bodyFr: string;
};

/** Every template with the name of the clerk who changed it last, by process then title. */
export async function listAll(db: Executor) {
	return db
		.selectFrom('replyTemplate as t')
		.leftJoin('appUser as u', 'u.id', 't.updatedBy')
		.select([
			't.id',
			't.processId',
			't.title',
			't.bodyNl',
			't.bodyEn',
			't.bodyFr',
			't.updatedAt',
			'u.name as updatedByName'
		])
		.orderBy('t.processId', (o) => o.nullsFirst())
		.orderBy('t.title')
		.execute();
}

/** The templates offered on a dossier of this process: its own and those for every process. */
export async function listForProcess(db: Executor, processId: string) {
	return db
		.selectFrom('replyTemplate')
		.select(['id', 'title', 'bodyNl', 'bodyEn', 'bodyFr', 'processId'])
		.where((eb) => eb.or([eb('processId', '=', processId), eb('processId', 'is', null)]))
		.orderBy('title')
		.execute();
}

export async function find(db: Executor, id: string) {
	return db.selectFrom('replyTemplate').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function processExists(db: Executor, processId: string): Promise<boolean> {
	const row = await db
		.selectFrom('process')
		.select('id')
		.where('id', '=', processId)
		.executeTakeFirst();
	return row !== undefined;
}

export async function insert(db: Executor, values: TemplateValues, userId: string) {
	return db
		.insertInto('replyTemplate')
		.values({ ...values, createdBy: userId, updatedBy: userId })
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function update(
	db: Executor,
	id: string,
	values: TemplateValues,
	userId: string
): Promise<boolean> {
	const result = await db
		.updateTable('replyTemplate')
		.set({ ...values, updatedBy: userId, updatedAt: new Date() })
		.where('id', '=', id)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function remove(db: Executor, id: string): Promise<boolean> {
	const result = await db.deleteFrom('replyTemplate').where('id', '=', id).executeTakeFirst();
	return result.numDeletedRows > 0n;
}

/** Each process with the title of its newest version, for the process choice. */
export async function listProcessTitles(db: Executor) {
	return db
		.selectFrom('processVersion')
		.distinctOn('processId')
		.select(['processId', sql<unknown>`definition->'title'`.as('title')])
		.orderBy('processId')
		.orderBy('version', 'desc')
		.execute();
}

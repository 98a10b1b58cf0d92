// Kysely queries for the back-office overviews. No rules here: see service.ts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export type RecentDossierRow = {
	id: string;
	reference: string;
	processId: string;
	status: string;
	submittedAt: Date;
	dueDate: string | null;
	title: unknown;
	states: unknown;
};

/** The newest dossiers with the title and states of the definition version each was filed under. */
export async function listRecentDossiers(db: Executor, limit: number): Promise<RecentDossierRow[]> {
	return db
		.selectFrom('dossier as d')
		.leftJoin('processVersion as pv', (join) =>
			join.onRef('pv.processId', '=', 'd.processId').onRef('pv.version', '=', 'd.processVersion')
		)
		.select([
			'd.id',
			'd.reference',
			'd.processId',
			'd.status',
			'd.submittedAt',
			'd.dueDate',
			sql<unknown>`pv.definition -> 'title'`.as('title'),
			sql<unknown>`pv.definition -> 'workflow' -> 'states'`.as('states')
		])
		.orderBy('d.submittedAt', 'desc')
		.orderBy('d.reference', 'desc')
		.limit(limit)
		.execute();
}

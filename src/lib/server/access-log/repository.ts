// Queries of the access log. Rows are only ever inserted: the database refuses an update, a delete
// or a truncate (migration access_log).
import { sql } from 'kysely';
import type { Executor } from '../db/executor';
import type { AccessAction, NewAccessLogEntry } from '../db/schema';

/** One statement, however many rows: an export of N dossiers is one insert. */
export async function insertEntries(db: Executor, rows: readonly NewAccessLogEntry[]) {
	if (rows.length === 0) return;
	await db
		.insertInto('accessLog')
		.values([...rows])
		.execute();
}

export type EntryRow = {
	id: number;
	at: Date;
	action: AccessAction;
	actorName: string;
	userId: string | null;
	tokenId: string | null;
	dossierId: string;
	reference: string;
	fileName: string | null;
	documentTitle: string | null;
};

function entries(db: Executor) {
	return db
		.selectFrom('accessLog as l')
		.innerJoin('dossier as d', 'd.id', 'l.dossierId')
		.leftJoin('attachment as a', 'a.id', 'l.attachmentId')
		.leftJoin('outgoingDocument as o', 'o.id', 'l.documentId')
		.select([
			'l.id',
			'l.at',
			'l.action',
			'l.actorName',
			'l.userId',
			'l.tokenId',
			'l.dossierId',
			'd.reference',
			'a.fileName',
			'o.title as documentTitle'
		]);
}

/** The dossier's log, latest first; all of it when limit is null. */
export async function listForDossier(
	db: Executor,
	dossierId: string,
	limit: number | null
): Promise<EntryRow[]> {
	let query = entries(db)
		.where('l.dossierId', '=', dossierId)
		.orderBy('l.at', 'desc')
		.orderBy('l.id', 'desc');
	if (limit !== null) query = query.limit(limit);
	return query.execute();
}

export async function countForDossier(db: Executor, dossierId: string): Promise<number> {
	const row = await db
		.selectFrom('accessLog')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('dossierId', '=', dossierId)
		.executeTakeFirstOrThrow();
	return row.n;
}

/** The log of these dossiers, by dossier reference, then oldest first. */
export async function listForDossiers(
	db: Executor,
	dossierIds: readonly string[]
): Promise<EntryRow[]> {
	if (dossierIds.length === 0) return [];
	return entries(db)
		.where('l.dossierId', 'in', [...dossierIds])
		.orderBy('d.reference')
		.orderBy('l.at')
		.orderBy('l.id')
		.execute();
}

/**
 * A citizen's dossiers: those of the account with this e-mail address and those filed with it as
 * the applicant's address (a guest, or filed at the desk), compared without case.
 */
export async function listDossiersOfCitizen(
	db: Executor,
	email: string
): Promise<{ id: string; reference: string }[]> {
	const lower = email.toLowerCase();
	return db
		.selectFrom('dossier')
		.select(['id', 'reference'])
		.where((eb) =>
			eb.or([
				eb(eb.fn('lower', ['applicantEmail']), '=', lower),
				eb(
					'ownerId',
					'in',
					db
						.selectFrom('appUser')
						.select('appUser.id')
						.where(sql<string>`lower(email)`, '=', lower)
				)
			])
		)
		.orderBy('reference')
		.execute();
}

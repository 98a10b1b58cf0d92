// Kysely queries on dossiers, their events, attachments and the outbox. No rules: see service.ts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Dossier, NewDossier } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** The next number of the year's reference series; the row lock serialises concurrent filings. */
export async function nextReferenceNumber(db: Executor, year: number): Promise<number> {
	const row = await sql<{ last: number }>`
		insert into reference_counter (year, last) values (${year}, 1)
		on conflict (year) do update set last = reference_counter.last + 1
		returning last`.execute(db);
	return row.rows[0].last;
}

export async function findBySubmissionId(
	db: Executor,
	submissionId: string
): Promise<Dossier | undefined> {
	return db
		.selectFrom('dossier')
		.selectAll()
		.where('submissionId', '=', submissionId)
		.executeTakeFirst();
}

export async function findById(db: Executor, id: string): Promise<Dossier | undefined> {
	return db.selectFrom('dossier').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts the dossier unless one with its submission id exists; returns it only when inserted. */
export async function insertDossier(
	db: Executor,
	dossier: NewDossier
): Promise<Dossier | undefined> {
	return db
		.insertInto('dossier')
		.values(dossier)
		.onConflict((oc) => oc.column('submissionId').doNothing())
		.returningAll()
		.executeTakeFirst();
}

export async function copyDraftFiles(
	db: Executor,
	draftId: string,
	dossierId: string,
	fileIds: string[]
): Promise<number> {
	if (fileIds.length === 0) return 0;
	const result = await db
		.insertInto('attachment')
		.columns([
			'id',
			'dossierId',
			'fieldKey',
			'fileName',
			'mediaType',
			'sizeBytes',
			'sha256',
			'storageKey'
		])
		.expression((eb) =>
			eb
				.selectFrom('draftFile')
				.where('draftId', '=', draftId)
				.where('id', 'in', fileIds)
				.select((s) => [
					'id',
					sql.lit(dossierId).as('dossierId'),
					'fieldKey',
					'fileName',
					'mediaType',
					'sizeBytes',
					'sha256',
					s.ref('sha256').as('storageKey')
				])
		)
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function insertEvent(
	db: Executor,
	e: {
		dossierId: string;
		type: string;
		fromStatus?: string | null;
		toStatus?: string | null;
		actorId?: string | null;
		actorLabel?: string | null;
		note?: string | null;
		visibility: 'public' | 'internal';
	}
): Promise<void> {
	await db.insertInto('dossierEvent').values(e).execute();
}

export async function markDraftSubmitted(
	db: Executor,
	draftId: string,
	dossierId: string
): Promise<void> {
	await db.updateTable('formDraft').set({ dossierId }).where('id', '=', draftId).execute();
}

export async function findByGuestTokenHash(
	db: Executor,
	tokenHash: string
): Promise<Dossier | undefined> {
	return db
		.selectFrom('dossier')
		.selectAll()
		.where('guestTokenHash', '=', tokenHash)
		.executeTakeFirst();
}

export async function listPublicEvents(db: Executor, dossierId: string) {
	return db
		.selectFrom('dossierEvent')
		.where('dossierId', '=', dossierId)
		.where('visibility', '=', 'public')
		.select(['id', 'type', 'fromStatus', 'toStatus', 'at'])
		.orderBy('id')
		.execute();
}

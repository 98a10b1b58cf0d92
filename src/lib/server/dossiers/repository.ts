// Kysely queries on dossiers, their events, attachments and the outbox. No rules: see service.ts.
import { sql } from 'kysely';
import type {
	Attachment,
	DocumentRequest,
	Dossier,
	DossierUpdate,
	Message,
	NewDossier
} from '../db/schema';

import type { Executor } from '../db/executor';

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
		data?: Record<string, unknown> | null;
	}
): Promise<number> {
	const row = await db
		.insertInto('dossierEvent')
		.values({ ...e, data: e.data ? JSON.stringify(e.data) : null })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
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

/** Locks the dossier row for the rest of the transaction: changes to one dossier queue up. */
export async function lockById(db: Executor, id: string): Promise<Dossier | undefined> {
	return db.selectFrom('dossier').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Applies a change only if the row still has the version the actor saw; bumps the version. */
export async function updateIfVersion(
	db: Executor,
	id: string,
	expectedVersion: number,
	change: DossierUpdate,
	now: Date
): Promise<Dossier | undefined> {
	return db
		.updateTable('dossier')
		.set({ ...change, version: sql`version + 1`, updatedAt: now })
		.where('id', '=', id)
		.where('version', '=', expectedVersion)
		.returningAll()
		.executeTakeFirst();
}

export async function findByReference(db: Executor, reference: string) {
	return db.selectFrom('dossier').selectAll().where('reference', '=', reference).executeTakeFirst();
}

const listColumns = [
	'id',
	'reference',
	'processId',
	'processVersion',
	'status',
	'submittedAt',
	'dueDate',
	'clockPausedAt',
	'closedAt'
] as const;

/** The owner's own dossiers (not filed for an enterprise), newest first. */
export async function listByOwner(db: Executor, ownerId: string, limit: number) {
	return db
		.selectFrom('dossier')
		.select(listColumns)
		.where('ownerId', '=', ownerId)
		.where('onBehalfKbo', 'is', null)
		.orderBy('submittedAt', 'desc')
		.orderBy('reference', 'desc')
		.limit(limit)
		.execute();
}

/** The dossiers filed on behalf of an enterprise (its KBO number), newest first. */
export async function listByEnterprise(db: Executor, kbo: string, limit: number) {
	return db
		.selectFrom('dossier')
		.select(listColumns)
		.where('onBehalfKbo', '=', kbo)
		.orderBy('submittedAt', 'desc')
		.orderBy('reference', 'desc')
		.limit(limit)
		.execute();
}

/** The latest event of a dossier with its actor's name, to explain a version conflict. */
export async function findLastEvent(db: Executor, dossierId: string) {
	return db
		.selectFrom('dossierEvent as e')
		.leftJoin('appUser as u', 'u.id', 'e.actorId')
		.select(['e.at', 'e.actorLabel', 'u.name as actorName', 'u.email as actorEmail'])
		.where('e.dossierId', '=', dossierId)
		.orderBy('e.id', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function listEvents(db: Executor, dossierId: string, publicOnly: boolean) {
	let q = db
		.selectFrom('dossierEvent as e')
		.leftJoin('appUser as u', 'u.id', 'e.actorId')
		.select([
			'e.id',
			'e.type',
			'e.fromStatus',
			'e.toStatus',
			'e.note',
			'e.visibility',
			'e.data',
			'e.at',
			'e.actorId',
			'e.actorLabel',
			'u.name as actorName',
			'u.email as actorEmail'
		])
		.where('e.dossierId', '=', dossierId);
	if (publicOnly) q = q.where('e.visibility', '=', 'public');
	return q.orderBy('e.id').execute();
}

export async function insertMessage(
	db: Executor,
	v: {
		id?: string;
		dossierId: string;
		authorId: string | null;
		authorRole: Message['authorRole'];
		body: string;
		internal: boolean;
	}
): Promise<Message | undefined> {
	return db
		.insertInto('message')
		.values(v)
		.onConflict((oc) => oc.column('id').doNothing())
		.returningAll()
		.executeTakeFirst();
}

export async function findMessage(db: Executor, id: string): Promise<Message | undefined> {
	return db.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listMessages(db: Executor, dossierId: string, includeInternal: boolean) {
	let q = db
		.selectFrom('message as msg')
		.leftJoin('appUser as u', 'u.id', 'msg.authorId')
		.select([
			'msg.id',
			'msg.authorRole',
			'msg.body',
			'msg.internal',
			'msg.createdAt',
			'u.name as authorName'
		])
		.where('msg.dossierId', '=', dossierId);
	if (!includeInternal) q = q.where('msg.internal', '=', false);
	return q.orderBy('msg.createdAt').orderBy('msg.id').execute();
}

export async function insertAttachment(
	db: Executor,
	v: {
		id?: string;
		fieldKey?: string | null;
		dossierId: string;
		messageId: string | null;
		documentRequestId: string | null;
		fileName: string;
		mediaType: string;
		sizeBytes: number;
		sha256: string;
		uploadedBy: string | null;
	}
): Promise<Attachment> {
	return db
		.insertInto('attachment')
		.values({ ...v, storageKey: v.sha256 })
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function listAttachments(db: Executor, dossierId: string): Promise<Attachment[]> {
	return db
		.selectFrom('attachment')
		.selectAll()
		.where('dossierId', '=', dossierId)
		.orderBy('createdAt')
		.orderBy('fileName')
		.execute();
}

export async function findAttachment(
	db: Executor,
	dossierId: string,
	attachmentId: string
): Promise<Attachment | undefined> {
	return db
		.selectFrom('attachment')
		.selectAll()
		.where('dossierId', '=', dossierId)
		.where('id', '=', attachmentId)
		.executeTakeFirst();
}

export async function insertDocumentRequests(
	db: Executor,
	dossierId: string,
	messageId: string | null,
	labels: string[]
): Promise<void> {
	if (labels.length === 0) return;
	await db
		.insertInto('documentRequest')
		.values(labels.map((label) => ({ dossierId, messageId, label })))
		.execute();
}

export async function listDocumentRequests(
	db: Executor,
	dossierId: string
): Promise<DocumentRequest[]> {
	return db
		.selectFrom('documentRequest')
		.selectAll()
		.where('dossierId', '=', dossierId)
		.orderBy('createdAt')
		.orderBy('label')
		.execute();
}

export async function markDocumentRequestsFulfilled(
	db: Executor,
	dossierId: string,
	ids: string[],
	now: Date
): Promise<void> {
	if (ids.length === 0) return;
	await db
		.updateTable('documentRequest')
		.set({ fulfilledAt: now })
		.where('dossierId', '=', dossierId)
		.where('id', 'in', ids)
		.where('fulfilledAt', 'is', null)
		.execute();
}

/** Records that this member of staff opened the dossier now. */
export async function markSeen(
	db: Executor,
	dossierId: string,
	userId: string,
	at: Date
): Promise<void> {
	await db
		.insertInto('dossierSeen')
		.values({ dossierId, userId, seenAt: at })
		.onConflict((oc) => oc.columns(['dossierId', 'userId']).doUpdateSet({ seenAt: at }))
		.execute();
}

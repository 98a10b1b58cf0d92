// Queries of outgoing documents. Rows are only ever inserted: the database refuses an update or a
// delete (migration documents).
import type { OutgoingDocument } from '../db/schema';
import type { Executor } from '../db/executor';

export async function insertDocument(
	db: Executor,
	v: Omit<OutgoingDocument, 'id' | 'createdAt'> & { id: string; createdAt: Date }
): Promise<OutgoingDocument> {
	return db.insertInto('outgoingDocument').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function listForDossier(db: Executor, dossierId: string): Promise<OutgoingDocument[]> {
	return db
		.selectFrom('outgoingDocument')
		.selectAll()
		.where('dossierId', '=', dossierId)
		.orderBy('createdAt')
		.orderBy('id')
		.execute();
}

export async function findForDossier(
	db: Executor,
	dossierId: string,
	documentId: string
): Promise<OutgoingDocument | null> {
	return (
		(await db
			.selectFrom('outgoingDocument')
			.selectAll()
			.where('dossierId', '=', dossierId)
			.where('id', '=', documentId)
			.executeTakeFirst()) ?? null
	);
}

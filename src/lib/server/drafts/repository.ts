// Kysely queries on form drafts and their files. No rules here: see service.ts.
import type { IntakeChannel } from '$lib/views/intake';
import type { DraftFile, FormDraft } from '../db/schema';

import type { Executor } from '../db/executor';
import type { Locale } from '$lib/process/text';

export async function findByTokenHash(
	db: Executor,
	tokenHash: string
): Promise<FormDraft | undefined> {
	return db
		.selectFrom('formDraft')
		.selectAll()
		.where('tokenHash', '=', tokenHash)
		.executeTakeFirst();
}

export async function insertDraft(
	db: Executor,
	v: {
		tokenHash: string;
		ownerId: string | null;
		processId: string;
		processVersion: number;
		language: Locale;
		expiresAt: Date;
		answers?: Record<string, unknown>;
		/** An intake: the member of staff, how the request came in, whom it is for. */
		intake?: {
			filedBy: string;
			channel: IntakeChannel;
			applicantName: string;
			applicantEmail: string | null;
		};
	}
): Promise<FormDraft> {
	const { answers, intake, ...row } = v;
	return db
		.insertInto('formDraft')
		.values({ ...row, ...intake, answers: JSON.stringify(answers ?? {}) })
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function updateAnswers(
	db: Executor,
	id: string,
	answers: Record<string, unknown>,
	expiresAt: Date
): Promise<void> {
	await db
		.updateTable('formDraft')
		.set({ answers: JSON.stringify(answers), updatedAt: new Date(), expiresAt })
		.where('id', '=', id)
		.execute();
}

export async function deleteDraft(db: Executor, id: string): Promise<void> {
	await db.deleteFrom('formDraft').where('id', '=', id).execute();
}

export async function insertFile(
	db: Executor,
	v: {
		draftId: string;
		fieldKey: string;
		fileName: string;
		mediaType: string;
		sizeBytes: number;
		sha256: string;
	}
): Promise<DraftFile> {
	return db.insertInto('draftFile').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function listFiles(db: Executor, draftId: string): Promise<DraftFile[]> {
	return db
		.selectFrom('draftFile')
		.selectAll()
		.where('draftId', '=', draftId)
		.orderBy('createdAt')
		.execute();
}

export async function deleteFilesExcept(
	db: Executor,
	draftId: string,
	keep: string[]
): Promise<void> {
	let query = db.deleteFrom('draftFile').where('draftId', '=', draftId);
	if (keep.length > 0) query = query.where('id', 'not in', keep);
	await query.execute();
}

export async function deleteExpired(db: Executor, now: Date): Promise<number> {
	const result = await db.deleteFrom('formDraft').where('expiresAt', '<', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** A signed-in citizen's newest open draft of a process, on whichever device it was started. */
export async function findOpenDraftOfOwner(
	db: Executor,
	ownerId: string,
	processId: string,
	now: Date
): Promise<FormDraft | undefined> {
	return db
		.selectFrom('formDraft')
		.selectAll()
		.where('ownerId', '=', ownerId)
		.where('processId', '=', processId)
		.where('dossierId', 'is', null)
		.where('filedBy', 'is', null)
		.where('expiresAt', '>', now)
		.orderBy('updatedAt', 'desc')
		.limit(1)
		.executeTakeFirst();
}

export async function updateTokenHash(db: Executor, id: string, tokenHash: string): Promise<void> {
	await db.updateTable('formDraft').set({ tokenHash }).where('id', '=', id).execute();
}

/** An intake a member of staff is filling in (or filed), by its id; only theirs. */
export async function findIntake(
	db: Executor,
	id: string,
	filedBy: string
): Promise<FormDraft | undefined> {
	return db
		.selectFrom('formDraft')
		.selectAll()
		.where('id', '=', id)
		.where('filedBy', '=', filedBy)
		.executeTakeFirst();
}

/**
 * Ends a member of staff's unfiled intake now: it is no longer found or listed, and the hourly
 * clean-up removes it with its files, as any expired draft. Whether there was one to end.
 */
export async function expireIntake(
	db: Executor,
	id: string,
	filedBy: string,
	now: Date
): Promise<Pick<FormDraft, 'processId' | 'processVersion' | 'applicantName'> | undefined> {
	return db
		.updateTable('formDraft')
		.set({ expiresAt: now })
		.where('id', '=', id)
		.where('filedBy', '=', filedBy)
		.where('dossierId', 'is', null)
		.where('expiresAt', '>', now)
		.returning(['processId', 'processVersion', 'applicantName'])
		.executeTakeFirst();
}

/** A member of staff's intakes not yet filed, newest first. */
export async function listOpenIntakes(
	db: Executor,
	filedBy: string,
	now: Date
): Promise<FormDraft[]> {
	return db
		.selectFrom('formDraft')
		.selectAll()
		.where('filedBy', '=', filedBy)
		.where('dossierId', 'is', null)
		.where('expiresAt', '>', now)
		.orderBy('updatedAt', 'desc')
		.limit(20)
		.execute();
}

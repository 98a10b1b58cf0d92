// Kysely queries for "Mijn gegevens": everything stored about one account, always selected by
// that account's id (never by anything the request names), and the downloads of the data package
// counted in login_attempt (kind 'export'). No rules here: see my-data.ts.
import type { Executor } from '../db/executor';

/** The account's own row, as far as it is about the person (no password hash, only whether). */
export async function findAccount(db: Executor, userId: string) {
	return db
		.selectFrom('appUser')
		.select([
			'id',
			'email',
			'name',
			'roles',
			'emailVerifiedAt',
			'createdAt',
			'deletedAt',
			'digest',
			(eb) => eb('passwordHash', 'is not', null).as('hasPassword')
		])
		.where('id', '=', userId)
		.executeTakeFirst();
}

/** Every dossier the account owns, newest first (no limit: the package holds them all). */
export async function listOwnedDossiers(db: Executor, ownerId: string) {
	return db
		.selectFrom('dossier')
		.selectAll()
		.where('ownerId', '=', ownerId)
		.orderBy('submittedAt', 'desc')
		.orderBy('id')
		.execute();
}

/** The sessions of the account that have not expired, newest first (no token, no id token). */
export async function listSessions(db: Executor, userId: string, now: Date) {
	return db
		.selectFrom('userSession')
		.select(['id', 'createdAt', 'expiresAt', 'provider', 'assurance', 'identity'])
		.where('userId', '=', userId)
		.where('expiresAt', '>', now)
		.orderBy('createdAt', 'desc')
		.execute();
}

/** Forms the person started and has not filed, with their files' names. */
export async function listOpenDrafts(db: Executor, ownerId: string) {
	const drafts = await db
		.selectFrom('formDraft')
		.select([
			'id',
			'processId',
			'processVersion',
			'answers',
			'language',
			'createdAt',
			'updatedAt',
			'expiresAt'
		])
		.where('ownerId', '=', ownerId)
		.where('dossierId', 'is', null)
		.orderBy('updatedAt', 'desc')
		.execute();
	if (drafts.length === 0) return [];
	const files = await db
		.selectFrom('draftFile')
		.select(['draftId', 'fieldKey', 'fileName', 'mediaType', 'sizeBytes', 'createdAt'])
		.where(
			'draftId',
			'in',
			drafts.map((d) => d.id)
		)
		.orderBy('createdAt')
		.execute();
	return drafts.map((d) => ({ ...d, files: files.filter((f) => f.draftId === d.id) }));
}

/** The browsers that get push messages for the account (no keys: only where and since when). */
export async function listPushSubscriptions(db: Executor, userId: string) {
	return db
		.selectFrom('pushSubscription')
		.select(['endpoint', 'language', 'createdAt', 'lastError'])
		.where('userId', '=', userId)
		.orderBy('createdAt')
		.execute();
}

export async function insertExport(
	db: Executor,
	v: { emailLower: string; ip: string; at: Date }
): Promise<void> {
	await db
		.insertInto('loginAttempt')
		.values({ kind: 'export', emailLower: v.emailLower, ip: v.ip, succeeded: true, at: v.at })
		.execute();
}

/** The time of the `nth` most recent package download of this account since `since`, or null. */
export async function findNthRecentExport(
	db: Executor,
	emailLower: string,
	since: Date,
	nth: number
): Promise<Date | null> {
	const row = await db
		.selectFrom('loginAttempt')
		.select('at')
		.where('kind', '=', 'export')
		.where('emailLower', '=', emailLower)
		.where('at', '>', since)
		.orderBy('at', 'desc')
		.limit(1)
		.offset(nth - 1)
		.executeTakeFirst();
	return row?.at ?? null;
}

/** Detaches the account's dossiers: no owner any more, and when it left (one statement). */
export async function detachDossiers(db: Executor, ownerId: string, now: Date) {
	return db
		.updateTable('dossier')
		.set({ ownerId: null, ownerLeftAt: now, updatedAt: now })
		.where('ownerId', '=', ownerId)
		.returning(['id', 'reference'])
		.execute();
}

/** Every form draft of the account, filed or not: what was filed lives on in the dossier. */
export async function deleteAllDrafts(db: Executor, ownerId: string): Promise<void> {
	await db.deleteFrom('formDraft').where('ownerId', '=', ownerId).execute();
}

/** The account's links to identity providers, and sign-ins that would link one. */
export async function deleteIdentities(db: Executor, userId: string): Promise<void> {
	await db.deleteFrom('oidcIdentity').where('userId', '=', userId).execute();
	await db.deleteFrom('oidcFlow').where('linkUserId', '=', userId).execute();
}

// Kysely queries on sessions and login attempts. No rules here: see session.ts and rate-limit.ts.
import type { UserSession } from '../db/schema';
import type { Role } from '$lib/process/workflow';

import type { Executor } from '../db/executor';

export type SessionUser = {
	id: string;
	email: string;
	name: string;
	roles: Role[];
	emailVerifiedAt: Date | null;
};

export async function insertSession(
	db: Executor,
	v: Pick<
		UserSession,
		| 'id'
		| 'userId'
		| 'expiresAt'
		| 'provider'
		| 'assurance'
		| 'identity'
		| 'idToken'
		| 'providerSession'
	>
): Promise<void> {
	await db
		.insertInto('userSession')
		.values({ ...v, identity: v.identity === null ? null : JSON.stringify(v.identity) })
		.execute();
}

export async function findSessionWithUser(
	db: Executor,
	id: string
): Promise<{
	session: Pick<UserSession, 'id' | 'userId' | 'expiresAt' | 'provider' | 'assurance' | 'identity'>;
	user: SessionUser;
} | null> {
	const row = await db
		.selectFrom('userSession')
		.innerJoin('appUser', 'appUser.id', 'userSession.userId')
		.select([
			'userSession.id as sessionId',
			'userSession.userId',
			'userSession.expiresAt',
			'userSession.provider',
			'userSession.assurance',
			'userSession.identity',
			'appUser.email',
			'appUser.name',
			'appUser.roles',
			'appUser.emailVerifiedAt'
		])
		.where('userSession.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	return {
		session: {
			id: row.sessionId,
			userId: row.userId,
			expiresAt: row.expiresAt,
			provider: row.provider,
			assurance: row.assurance,
			identity: row.identity
		},
		user: {
			id: row.userId,
			email: row.email,
			name: row.name,
			roles: row.roles,
			emailVerifiedAt: row.emailVerifiedAt
		}
	};
}

export async function updateSessionExpiry(
	db: Executor,
	id: string,
	expiresAt: Date
): Promise<void> {
	await db.updateTable('userSession').set({ expiresAt }).where('id', '=', id).execute();
}

/** What logging out at the session's provider needs. */
export async function findSessionLogout(db: Executor, id: string) {
	return db
		.selectFrom('userSession')
		.select(['provider', 'idToken'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
	await db.deleteFrom('userSession').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Executor, userId: string): Promise<number> {
	const result = await db.deleteFrom('userSession').where('userId', '=', userId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
	const result = await db
		.deleteFrom('userSession')
		.where('expiresAt', '<=', now)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function insertLoginAttempt(
	db: Executor,
	v: { emailLower: string; ip: string; succeeded: boolean; at: Date }
): Promise<void> {
	await db
		.insertInto('loginAttempt')
		.values({ ...v, kind: 'login' })
		.execute();
}

/**
 * The time of the `nth` most recent failure since `since` (1 = the latest), or null when there
 * were fewer failures than that.
 */
export async function findNthRecentFailure(
	db: Executor,
	by: { emailLower: string } | { ip: string },
	since: Date,
	nth: number
): Promise<Date | null> {
	let query = db
		.selectFrom('loginAttempt')
		.select('at')
		.where('kind', '=', 'login')
		.where('succeeded', '=', false)
		.where('at', '>', since);
	query =
		'emailLower' in by
			? query.where('emailLower', '=', by.emailLower)
			: query.where('ip', '=', by.ip);
	const row = await query
		.orderBy('at', 'desc')
		.limit(1)
		.offset(nth - 1)
		.executeTakeFirst();
	return row?.at ?? null;
}

export async function deleteLoginAttemptsBefore(db: Executor, before: Date): Promise<number> {
	const result = await db.deleteFrom('loginAttempt').where('at', '<', before).executeTakeFirst();
	return Number(result.numDeletedRows);
}

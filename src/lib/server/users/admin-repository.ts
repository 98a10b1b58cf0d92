// Kysely queries for the admin's user management: the searchable list of accounts, one account
// with its pending invitation, invited accounts (no password yet) and their role changes. No
// rules here: see admin.ts.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Role } from '$lib/process/workflow';

import type { Executor } from '../db/executor';

export type AdminUserRow = {
	id: string;
	name: string;
	email: string;
	roles: Role[];
	emailVerifiedAt: Date | null;
	createdAt: Date;
	deletedAt: Date | null;
	hasPassword: boolean;
	/** The latest expiry of an unused invitation token, or null when there is none. */
	inviteExpiresAt: Date | null;
};

/** LIKE patterns match the text literally: %, _ and \ typed in a search are not wildcards. */
function containsPattern(q: string): string {
	return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function baseUserQuery(db: Executor) {
	return db.selectFrom('appUser').select((eb) => [
		'appUser.id',
		'appUser.name',
		'appUser.email',
		'appUser.roles',
		'appUser.emailVerifiedAt',
		'appUser.createdAt',
		'appUser.deletedAt',
		sql<boolean>`app_user.password_hash is not null`.as('hasPassword'),
		eb
			.selectFrom('userToken')
			.select((t) => t.fn.max('userToken.expiresAt').as('expiresAt'))
			.whereRef('userToken.userId', '=', 'appUser.id')
			.where('userToken.purpose', '=', 'invite')
			.where('userToken.usedAt', 'is', null)
			.as('inviteExpiresAt')
	]);
}

/** One page of accounts, newest first (id breaks ties), matching `q` in name or e-mail. */
export async function listUsers(
	db: Executor,
	opts: { q: string; limit: number; offset: number }
): Promise<{ rows: AdminUserRow[]; total: number }> {
	const pattern = opts.q ? containsPattern(opts.q) : null;
	let rowsQuery = baseUserQuery(db);
	let countQuery = db
		.selectFrom('appUser')
		.select((eb) => eb.fn.countAll<string | number>().as('count'));
	if (pattern) {
		const matches = sql<boolean>`(lower(app_user.name) like ${pattern} or lower(app_user.email) like ${pattern})`;
		rowsQuery = rowsQuery.where(matches);
		countQuery = countQuery.where(matches);
	}
	const [rows, count] = await Promise.all([
		rowsQuery
			.orderBy('appUser.createdAt', 'desc')
			.orderBy('appUser.id', 'desc')
			.limit(opts.limit)
			.offset(opts.offset)
			.execute(),
		countQuery.executeTakeFirstOrThrow()
	]);
	return { rows: rows as AdminUserRow[], total: Number(count.count) };
}

export type AdminUserDetail = AdminUserRow & {
	/** `updated_at` truncated to milliseconds, so it survives a round trip through a form. */
	updatedAt: Date;
};

export async function findUser(db: Executor, id: string): Promise<AdminUserDetail | undefined> {
	const row = await baseUserQuery(db)
		.select(sql<Date>`date_trunc('milliseconds', app_user.updated_at)`.as('updatedAt'))
		.where('appUser.id', '=', id)
		.executeTakeFirst();
	return row as AdminUserDetail | undefined;
}

/** Locks the account row until the transaction ends; returns what a role change checks. */
export async function lockUser(
	trx: Transaction<Database>,
	id: string
): Promise<
	| {
			id: string;
			email: string;
			roles: Role[];
			deletedAt: Date | null;
			hasPassword: boolean;
			updatedAt: Date;
	  }
	| undefined
> {
	return trx
		.selectFrom('appUser')
		.select([
			'id',
			'email',
			'roles',
			'deletedAt',
			sql<boolean>`password_hash is not null`.as('hasPassword'),
			sql<Date>`date_trunc('milliseconds', updated_at)`.as('updatedAt')
		])
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
}

/** Admins who can act: not closed, and with a password (an unaccepted invitation cannot sign in). */
export async function countActiveAdmins(db: Executor): Promise<number> {
	const row = await db
		.selectFrom('appUser')
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.where(sql<boolean>`'admin' = any(roles)`)
		.where('deletedAt', 'is', null)
		.where('passwordHash', 'is not', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function updateRoles(
	db: Executor,
	id: string,
	roles: Role[],
	updatedAt: Date
): Promise<void> {
	await db.updateTable('appUser').set({ roles, updatedAt }).where('id', '=', id).execute();
}

/** An invited account: no password and an unverified address until the invitation is accepted. */
export async function insertInvitedUser(
	db: Executor,
	v: { email: string; name: string; roles: Role[] }
): Promise<{ id: string; email: string; name: string; roles: Role[] }> {
	return db
		.insertInto('appUser')
		.values({ ...v, passwordHash: null, emailVerifiedAt: null })
		.returning(['id', 'email', 'name', 'roles'])
		.executeTakeFirstOrThrow();
}

/** Removes every invitation token of the account, used or not: the old links stop working. */
export async function deleteInviteTokens(db: Executor, userId: string): Promise<void> {
	await db
		.deleteFrom('userToken')
		.where('userId', '=', userId)
		.where('purpose', '=', 'invite')
		.execute();
}

/** The account behind a usable invitation token: unused, unexpired, account open and without a password. */
export async function findInvitation(
	db: Executor,
	tokenHash: string,
	now: Date
): Promise<{ userId: string; email: string; name: string; roles: Role[] } | undefined> {
	return db
		.selectFrom('userToken')
		.innerJoin('appUser', 'appUser.id', 'userToken.userId')
		.select(['appUser.id as userId', 'appUser.email', 'appUser.name', 'appUser.roles'])
		.where('userToken.id', '=', tokenHash)
		.where('userToken.purpose', '=', 'invite')
		.where('userToken.usedAt', 'is', null)
		.where('userToken.expiresAt', '>', now)
		.where('appUser.deletedAt', 'is', null)
		.where('appUser.passwordHash', 'is', null)
		.executeTakeFirst();
}

/**
 * Gives an invited account its password and name and marks its address verified, only while it
 * has no password yet and is open; false when that no longer holds.
 */
export async function activateInvitedUser(
	db: Executor,
	id: string,
	v: { passwordHash: string; name: string; now: Date }
): Promise<boolean> {
	const row = await db
		.updateTable('appUser')
		.set({
			passwordHash: v.passwordHash,
			name: v.name,
			emailVerifiedAt: sql<Date>`coalesce(email_verified_at, ${v.now})`,
			updatedAt: v.now
		})
		.where('id', '=', id)
		.where('passwordHash', 'is', null)
		.where('deletedAt', 'is', null)
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

// Kysely queries on user accounts, their single-use e-mail tokens and the outbox rows that carry
// those e-mails. No rules here: see service.ts.
import { sql, type Transaction } from 'kysely';
import type { AppUser, Database, UserTokenPurpose } from '../db/schema';
import type { Role } from '$lib/process/workflow';

import type { Executor } from '../db/executor';

/** Matches the unique index on lower(email), so it finds the account however it was typed. */
export async function findByEmailLower(
	db: Executor,
	emailLower: string
): Promise<AppUser | undefined> {
	return db
		.selectFrom('appUser')
		.selectAll()
		.where(sql<string>`lower(email)`, '=', emailLower)
		.executeTakeFirst();
}

export async function findById(db: Executor, id: string): Promise<AppUser | undefined> {
	return db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
	db: Executor,
	v: {
		email: string;
		name: string;
		passwordHash: string;
		roles: Role[];
		emailVerifiedAt: Date | null;
	}
): Promise<AppUser> {
	return db.insertInto('appUser').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function countWithRole(db: Executor, role: Role): Promise<number> {
	const row = await db
		.selectFrom('appUser')
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.where(sql<boolean>`${role} = any(roles)`)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** Serialises callers of the same key until the transaction ends (PostgreSQL advisory lock). */
export async function lockForTransaction(trx: Transaction<Database>, key: string): Promise<void> {
	await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

export async function updatePasswordHash(
	db: Executor,
	id: string,
	passwordHash: string,
	now: Date
): Promise<void> {
	await db
		.updateTable('appUser')
		.set({ passwordHash, updatedAt: now })
		.where('id', '=', id)
		.execute();
}

export async function markEmailVerified(db: Executor, id: string, now: Date): Promise<void> {
	await db
		.updateTable('appUser')
		.set({ emailVerifiedAt: now, updatedAt: now })
		.where('id', '=', id)
		.where('emailVerifiedAt', 'is', null)
		.execute();
}

export async function insertUserToken(
	db: Executor,
	v: { id: string; userId: string; purpose: UserTokenPurpose; expiresAt: Date }
): Promise<void> {
	await db.insertInto('userToken').values(v).execute();
}

/** When the newest token of this purpose for the user expires (so when it was issued), or null. */
export async function findNewestTokenExpiry(
	db: Executor,
	userId: string,
	purpose: UserTokenPurpose
): Promise<Date | null> {
	const row = await db
		.selectFrom('userToken')
		.select((eb) => eb.fn.max('expiresAt').as('expiresAt'))
		.where('userId', '=', userId)
		.where('purpose', '=', purpose)
		.executeTakeFirst();
	return row?.expiresAt ?? null;
}

/**
 * Marks the token used if it is unused, of this purpose and not expired, in one statement, so two
 * concurrent uses cannot both succeed. Returns its user, or undefined.
 */
/** Whether a token of this purpose is still usable (not used, not expired); uses nothing. */
export async function isUserTokenUsable(
	db: Executor,
	id: string,
	purpose: UserTokenPurpose,
	now: Date
): Promise<boolean> {
	const row = await db
		.selectFrom('userToken')
		.select('id')
		.where('id', '=', id)
		.where('purpose', '=', purpose)
		.where('usedAt', 'is', null)
		.where('expiresAt', '>', now)
		.executeTakeFirst();
	return row !== undefined;
}

export async function useUserToken(
	db: Executor,
	id: string,
	purpose: UserTokenPurpose,
	now: Date
): Promise<{ userId: string } | undefined> {
	return db
		.updateTable('userToken')
		.set({ usedAt: now })
		.where('id', '=', id)
		.where('purpose', '=', purpose)
		.where('usedAt', 'is', null)
		.where('expiresAt', '>', now)
		.returning('userId')
		.executeTakeFirst();
}

/** Accounts that hold a role and can sign in (not closed), by name: whom a dossier can go to. */
export async function listWithRole(
	db: Executor,
	role: Role
): Promise<{ id: string; name: string; email: string }[]> {
	return db
		.selectFrom('appUser')
		.select(['id', 'name', 'email'])
		.where(sql<boolean>`${role} = any(roles)`)
		.where('deletedAt', 'is', null)
		.where('passwordHash', 'is not', null)
		.orderBy('name')
		.orderBy('email')
		.execute();
}

// Kysely queries for account self-service: reset-link requests counted in login_attempt (kind
// 'reset'), tokens looked at without being used, closing (erasing) an account, and guest dossiers
// a verified account may claim. No rules here: see self-service.ts.
import { sql } from 'kysely';
import type { UserTokenPurpose } from '../db/schema';
import type { Role } from '$lib/process/workflow';

import type { Executor } from '../db/executor';

export async function insertResetRequest(
	db: Executor,
	v: { emailLower: string; ip: string; at: Date }
): Promise<void> {
	await db
		.insertInto('loginAttempt')
		.values({
			kind: 'reset',
			emailLower: v.emailLower,
			ip: v.ip,
			succeeded: true,
			at: v.at
		})
		.execute();
}

/** The time of the `nth` most recent reset request since `since` (1 = the latest), or null. */
export async function findNthRecentResetRequest(
	db: Executor,
	by: { emailLower: string } | { ip: string },
	since: Date,
	nth: number
): Promise<Date | null> {
	let query = db
		.selectFrom('loginAttempt')
		.select('at')
		.where('kind', '=', 'reset')
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

/** The user of an unused, unexpired token of this purpose, without using it. */
export async function findUsableToken(
	db: Executor,
	id: string,
	purpose: UserTokenPurpose,
	now: Date
): Promise<{ userId: string } | undefined> {
	return db
		.selectFrom('userToken')
		.select('userId')
		.where('id', '=', id)
		.where('purpose', '=', purpose)
		.where('usedAt', 'is', null)
		.where('expiresAt', '>', now)
		.executeTakeFirst();
}

/** Marks every still unused token of this purpose used (the other reset links after a reset). */
export async function useAllTokens(
	db: Executor,
	userId: string,
	purpose: UserTokenPurpose,
	now: Date
): Promise<void> {
	await db
		.updateTable('userToken')
		.set({ usedAt: now })
		.where('userId', '=', userId)
		.where('purpose', '=', purpose)
		.where('usedAt', 'is', null)
		.execute();
}

export async function deleteUserTokens(db: Executor, userId: string): Promise<void> {
	await db.deleteFrom('userToken').where('userId', '=', userId).execute();
}

/** Accounts with this role that are not closed. */
export async function countOpenWithRole(db: Executor, role: Role): Promise<number> {
	const row = await db
		.selectFrom('appUser')
		.select((eb) => eb.fn.countAll<string | number>().as('count'))
		.where(sql<boolean>`${role} = any(roles)`)
		.where('deletedAt', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/**
 * Erases what identifies the person and keeps the row, so audit events that name it stay valid:
 * a placeholder address that can never be delivered or registered, no name, no password, no roles.
 */
export async function eraseUser(db: Executor, id: string, now: Date): Promise<void> {
	await db
		.updateTable('appUser')
		.set({
			email: `deleted-${id}@deleted.invalid`,
			name: '',
			passwordHash: null,
			roles: [],
			emailVerifiedAt: null,
			deletedAt: now,
			updatedAt: now
		})
		.where('id', '=', id)
		.execute();
}

/** Forms the person started and never submitted (their files' rows go with them). */
export async function deleteUnsubmittedDrafts(db: Executor, ownerId: string): Promise<void> {
	await db
		.deleteFrom('formDraft')
		.where('ownerId', '=', ownerId)
		.where('dossierId', 'is', null)
		.execute();
}

/**
 * Dossiers filed without an account with this address (compared lower-cased). Not those detached
 * from a deleted account: their owner chose to leave, and an address can change hands.
 */
export async function findGuestDossiersByEmail(db: Executor, emailLower: string) {
	return db
		.selectFrom('dossier')
		.select(['id', 'reference', 'processId', 'processVersion', 'submittedAt'])
		.where('ownerId', 'is', null)
		.where('ownerLeftAt', 'is', null)
		.where(sql<string>`lower(applicant_email)`, '=', emailLower)
		.orderBy('submittedAt', 'desc')
		.execute();
}

/**
 * Gives the account those of `ids` that are still without owner and filed with its address, in
 * one statement, so a dossier is never claimed twice. Returns the dossiers it took.
 */
export async function setOwnerOfGuestDossiers(
	db: Executor,
	ownerId: string,
	emailLower: string,
	ids: string[],
	now: Date
): Promise<{ id: string; reference: string }[]> {
	if (ids.length === 0) return [];
	return db
		.updateTable('dossier')
		.set({ ownerId, updatedAt: now })
		.where('id', 'in', ids)
		.where('ownerId', 'is', null)
		.where('ownerLeftAt', 'is', null)
		.where(sql<string>`lower(applicant_email)`, '=', emailLower)
		.returning(['id', 'reference'])
		.execute();
}

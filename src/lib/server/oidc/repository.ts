// Kysely queries on sign-ins through OpenID Connect providers: the flows under way and the
// identities linked to accounts. No rules here: see service.ts.
import { sql } from 'kysely';
import type { AssuranceLevel } from '$lib/process/assurance';
import type { Role } from '$lib/process/workflow';
import type { Executor } from '../db/executor';
import type { OidcFlow } from '../db/schema';

export async function insertFlow(db: Executor, flow: OidcFlow): Promise<void> {
	await db.insertInto('oidcFlow').values(flow).execute();
}

/** Takes the flow out: it can be used once. */
export async function takeFlow(db: Executor, id: string): Promise<OidcFlow | undefined> {
	return db.deleteFrom('oidcFlow').where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteExpiredFlows(db: Executor, now: Date): Promise<number> {
	const result = await db.deleteFrom('oidcFlow').where('expiresAt', '<=', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The account a provider's subject is linked to (not a closed one). */
export async function findLinkedUser(db: Executor, provider: string, subject: string) {
	return db
		.selectFrom('oidcIdentity')
		.innerJoin('appUser', 'appUser.id', 'oidcIdentity.userId')
		.select(['appUser.id', 'appUser.roles', 'appUser.deletedAt'])
		.where('oidcIdentity.provider', '=', provider)
		.where('oidcIdentity.subject', '=', subject)
		.executeTakeFirst();
}

export async function touchIdentity(
	db: Executor,
	provider: string,
	subject: string,
	now: Date
): Promise<void> {
	await db
		.updateTable('oidcIdentity')
		.set({ lastSignInAt: now })
		.where('provider', '=', provider)
		.where('subject', '=', subject)
		.execute();
}

/** Links the subject to the account; false when the subject was linked meanwhile. */
export async function insertIdentity(
	db: Executor,
	v: { provider: string; subject: string; userId: string; now: Date }
): Promise<boolean> {
	const inserted = await db
		.insertInto('oidcIdentity')
		.values({ provider: v.provider, subject: v.subject, userId: v.userId, lastSignInAt: v.now })
		.onConflict((oc) => oc.columns(['provider', 'subject']).doNothing())
		.executeTakeFirst();
	return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** The providers an account is linked to (for "Mijn account"). */
export async function listIdentities(db: Executor, userId: string) {
	return db
		.selectFrom('oidcIdentity')
		.select(['provider', 'createdAt', 'lastSignInAt'])
		.where('userId', '=', userId)
		.orderBy('createdAt')
		.execute();
}

/** A new account made by a provider's sign-in: no password. */
export async function insertProviderUser(
	db: Executor,
	v: { email: string; name: string; roles: Role[]; emailVerifiedAt: Date | null }
): Promise<string> {
	const row = await db
		.insertInto('appUser')
		.values({ ...v, passwordHash: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function setRoles(db: Executor, userId: string, roles: Role[]): Promise<void> {
	await db.updateTable('appUser').set({ roles }).where('id', '=', userId).execute();
}

export async function emailTaken(db: Executor, emailLower: string): Promise<boolean> {
	const row = await db
		.selectFrom('appUser')
		.select('id')
		.where(sql<string>`lower(email)`, '=', emailLower)
		.executeTakeFirst();
	return row !== undefined;
}

/** Ends the sessions a provider says ended (back-channel logout): by its session id or subject. */
export async function deleteProviderSessions(
	db: Executor,
	provider: string,
	by: { sid?: string; userId?: string }
): Promise<number> {
	let query = db.deleteFrom('userSession').where('provider', '=', provider);
	if (by.sid) query = query.where('providerSession', '=', by.sid);
	else if (by.userId) query = query.where('userId', '=', by.userId);
	else return 0;
	const result = await query.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** What logging out at the provider needs of a session: its provider and ID token. */
export async function findSessionLogout(db: Executor, sessionId: string) {
	return db
		.selectFrom('userSession')
		.select(['provider', 'idToken'])
		.where('id', '=', sessionId)
		.executeTakeFirst();
}

/** Records a logout token's `jti`; false when it was received before (a replay). */
export async function recordLogoutToken(
	db: Executor,
	v: { provider: string; jti: string; expiresAt: Date }
): Promise<boolean> {
	const inserted = await db
		.insertInto('oidcLogoutToken')
		.values(v)
		.onConflict((oc) => oc.columns(['provider', 'jti']).doNothing())
		.executeTakeFirst();
	return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function deleteExpiredLogoutTokens(db: Executor, now: Date): Promise<number> {
	const result = await db
		.deleteFrom('oidcLogoutToken')
		.where('expiresAt', '<=', now)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export type LevelOfSession = { provider: string | null; assurance: AssuranceLevel };

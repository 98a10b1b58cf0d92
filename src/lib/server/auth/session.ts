// Sessions in the Lucia design: the browser holds a random token, the database only its SHA-256
// (the session id), so a leaked table opens no session. A session lives 30 days and is extended
// again when it is used inside its last 15; expired sessions are deleted when they are seen.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { AssuranceLevel } from '$lib/process/assurance';
import type { VerifiedIdentity } from '$lib/process/identity';
import { getDb, type Db } from '../db';
import * as repo from './repository';

export type { SessionUser } from './repository';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

/** How a session was signed in: a password (no provider, level low) or an identity provider. */
export type SignedInWith = {
	provider: string | null;
	assurance: AssuranceLevel;
	/** The person as the provider vouched for them (prefilled, locked); null for a password. */
	identity: VerifiedIdentity | null;
};

export type Session = { id: string; userId: string; expiresAt: Date } & SignedInWith;

const PASSWORD: SignedInWith = { provider: null, assurance: 'low', identity: null };
export type SessionValidation = { session: Session; user: repo.SessionUser };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	userId: string,
	db: Db = getDb(),
	now = new Date()
): Promise<{ token: string; session: Session }> {
	return createSessionWith(userId, PASSWORD, db, now);
}

/**
 * A session signed in through an identity provider: the level reached and the identity it
 * vouched for go with it, and what logging out at the provider needs (its ID token and session).
 */
export async function createSessionWith(
	userId: string,
	via: SignedInWith & { idToken?: string; providerSession?: string },
	db: Db = getDb(),
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	const session: Session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
		provider: via.provider,
		assurance: via.assurance,
		identity: via.identity
	};
	await repo.insertSession(db, {
		...session,
		idToken: via.idToken ?? null,
		providerSession: via.providerSession ?? null
	});
	return { token, session };
}

/** The session and its user, or null when the token is unknown or expired (then it is deleted). */
export async function validateSessionToken(
	token: string,
	db: Db = getDb(),
	now = new Date()
): Promise<SessionValidation | null> {
	const found = await repo.findSessionWithUser(db, sessionIdFromToken(token));
	if (!found) return null;
	const { session, user } = found;
	if (now.getTime() >= session.expiresAt.getTime()) {
		await repo.deleteSession(db, session.id);
		return null;
	}
	if (now.getTime() >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
		session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
		await repo.updateSessionExpiry(db, session.id, session.expiresAt);
	}
	return { session, user };
}

export async function invalidateSession(sessionId: string, db: Db = getDb()): Promise<void> {
	await repo.deleteSession(db, sessionId);
}

/** Ends every session of the user: logout everywhere, password change, account deletion. */
export async function invalidateUserSessions(userId: string, db: Db = getDb()): Promise<void> {
	await repo.deleteUserSessions(db, userId);
}

export async function deleteExpiredSessions(db: Db = getDb(), now = new Date()): Promise<number> {
	return repo.deleteExpiredSessions(db, now);
}

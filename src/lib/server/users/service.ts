// User accounts: registration with e-mail verification through the outbox (an account signs in only
// once its address is verified), password login that is rate-limited and reveals nothing about
// which accounts exist, accounts made by scripts, the one first admin, password changes that end
// every other session, and single-use e-mail tokens.
import type { Transaction } from 'kysely';
import { roles as knownRoles, type Role } from '$lib/process/workflow';
import { getDb, type Db } from '../db';
import type { AppUser, Database, UserTokenPurpose } from '../db/schema';
import {
	DUMMY_PASSWORD_HASH,
	checkPasswordStrength,
	hashPassword,
	verifyPassword,
	type PasswordWeakness
} from '../auth/password';
import { mayUsePassword, PASSWORDS_FOR_ALL, type PasswordLogin } from '../auth/password-login';
import { checkLoginAllowed, normaliseEmail, recordLoginAttempt } from '../auth/rate-limit';
import { createSession, invalidateUserSessions, type Session } from '../auth/session';
import type { SessionUser } from '../auth/repository';
import { generateToken, hashToken } from '../tokens';
import * as outbox from '../outbox/repository';
import * as repo from './repository';

const HOUR_MS = 60 * 60 * 1000;
export const TOKEN_LIFETIME_MS: Record<UserTokenPurpose, number> = {
	'verify-email': 48 * HOUR_MS,
	'reset-password': 1 * HOUR_MS,
	invite: 7 * 24 * HOUR_MS
};
const FIRST_ADMIN_LOCK = 'loket:first-admin';
/** A new verification mail at most this often per account, however often it is asked for. */
export const VERIFY_RESEND_INTERVAL_MS = 5 * 60 * 1000;

export type PublicUser = SessionUser;
export type AccountRefusal = 'email-taken' | 'invalid-email' | PasswordWeakness;

export type RegisterResult = { ok: true; user: PublicUser } | { ok: false; reason: AccountRefusal };
export type AuthenticateResult =
	| { ok: true; user: PublicUser }
	| { ok: false; reason: 'invalid' }
	/** The right password, but the address is not verified yet: no session until it is. */
	| { ok: false; reason: 'unverified' }
	/** The right password, but passwords are switched off for this kind of account (PASSWORD_LOGIN). */
	| { ok: false; reason: 'password-off' }
	| { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };
export type AddUserResult =
	| { ok: true; user: PublicUser }
	| { ok: false; reason: AccountRefusal | 'unknown-role' | 'no-role' };
export type FirstAdminResult =
	{ ok: true; user: PublicUser } | { ok: false; reason: AccountRefusal | 'admin-exists' };
export type ChangePasswordResult =
	| { ok: true; token: string; session: Session }
	| { ok: false; reason: 'invalid' | PasswordWeakness };
export type ConsumeTokenResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' };

function toPublic(u: AppUser): PublicUser {
	return {
		id: u.id,
		email: u.email,
		name: u.name,
		roles: u.roles,
		emailVerifiedAt: u.emailVerifiedAt
	};
}

export function isValidEmail(email: string): boolean {
	return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

function isUniqueViolation(e: unknown): boolean {
	return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

type NewAccount = { email: string; password: string; name: string; roles: Role[] };

/** Checks shared by every way an account is made. */
function refuseAccount(a: NewAccount): AccountRefusal | null {
	const email = a.email.trim();
	if (!isValidEmail(email)) return 'invalid-email';
	return checkPasswordStrength(a.password, { email, name: a.name });
}

/**
 * Inserts the account (the e-mail stored as typed, compared lower-cased) and runs `then` in the
 * same transaction; a concurrent registration of the same address ends as 'email-taken'.
 */
async function insertAccount(
	a: NewAccount & { verifiedAt: Date | null },
	db: Db,
	then: (trx: Transaction<Database>, user: AppUser) => Promise<void>,
	lockKey?: string
): Promise<{ ok: true; user: AppUser } | { ok: false; reason: 'email-taken' | 'admin-exists' }> {
	const passwordHash = await hashPassword(a.password);
	try {
		return await db.transaction().execute(async (trx) => {
			if (lockKey) {
				await repo.lockForTransaction(trx, lockKey);
				if ((await repo.countWithRole(trx, 'admin')) > 0)
					return { ok: false as const, reason: 'admin-exists' as const };
			}
			if (await repo.findByEmailLower(trx, normaliseEmail(a.email)))
				return { ok: false as const, reason: 'email-taken' as const };
			const user = await repo.insertUser(trx, {
				email: a.email.trim(),
				name: a.name.trim(),
				passwordHash,
				roles: a.roles,
				emailVerifiedAt: a.verifiedAt
			});
			await then(trx, user);
			return { ok: true as const, user };
		});
	} catch (e) {
		if (isUniqueViolation(e)) return { ok: false, reason: 'email-taken' };
		throw e;
	}
}

/** A 'verify-email' token (48 h) whose raw value only the outbox row for the mailer holds. */
async function issueVerification(trx: Transaction<Database>, user: AppUser, now: Date) {
	const token = generateToken();
	await repo.insertUserToken(trx, {
		id: hashToken(token),
		userId: user.id,
		purpose: 'verify-email',
		expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS['verify-email'])
	});
	await outbox.insertOutbox(trx, 'verify-email', { userId: user.id, email: user.email, token });
}

/**
 * A citizen account, unverified, with its verification token and mail; it cannot sign in until the
 * address is verified. User, token and outbox row are stored together or not at all.
 */
export async function registerUser(
	input: { email: string; password: string; name: string },
	db: Db = getDb(),
	now = new Date()
): Promise<RegisterResult> {
	const account = { ...input, roles: ['citizen'] as Role[] };
	const refusal = refuseAccount(account);
	if (refusal) return { ok: false, reason: refusal };
	const existing = await repo.findByEmailLower(db, normaliseEmail(input.email));
	if (existing) {
		// The page answers as for a new account (no account enumeration); the owner hears of it.
		await outbox.insertOutbox(db, 'account-exists', { userId: existing.id, email: existing.email });
		return { ok: false, reason: 'email-taken' };
	}
	const result = await insertAccount({ ...account, verifiedAt: null }, db, (trx, user) =>
		issueVerification(trx, user, now)
	);
	if (!result.ok) return { ok: false, reason: 'email-taken' };
	return { ok: true, user: toPublic(result.user) };
}

/**
 * Password login. Rate-limited per account and per IP; an unknown e-mail costs the same argon2
 * verification (against a dummy hash) and gets the same answers as a wrong password. Only who
 * knows the password learns that the address still waits for its verification, or that this
 * account may not use a password here (`passwordLogin`, the configured PASSWORD_LOGIN).
 */
export async function authenticate(
	input: { email: string; password: string; ip: string; passwordLogin?: PasswordLogin },
	db: Db = getDb(),
	now = new Date()
): Promise<AuthenticateResult> {
	const allowance = await checkLoginAllowed(input, db, now);
	if (!allowance.allowed)
		return { ok: false, reason: 'rate-limited', retryAfterSeconds: allowance.retryAfterSeconds };
	const user = await repo.findByEmailLower(db, normaliseEmail(input.email));
	const matches = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, input.password);
	const succeeded = matches && user !== undefined && user.passwordHash !== null;
	await recordLoginAttempt({ email: input.email, ip: input.ip, succeeded }, db, now);
	if (!succeeded) return { ok: false, reason: 'invalid' };
	// Told only to who typed the right password, like the unverified address below.
	if (!mayUsePassword(user, input.passwordLogin ?? PASSWORDS_FOR_ALL))
		return { ok: false, reason: 'password-off' };
	if (!user.emailVerifiedAt) return { ok: false, reason: 'unverified' };
	return { ok: true, user: toPublic(user) };
}

/**
 * Sends a new verification link to an account that registered and has not verified its address,
 * at most once per VERIFY_RESEND_INTERVAL_MS. For any other address (none, verified, closed) it
 * does nothing; the caller answers the same either way, so nobody learns which accounts exist.
 */
export async function resendVerification(
	email: string,
	db: Db = getDb(),
	now = new Date()
): Promise<void> {
	const user = await repo.findByEmailLower(db, normaliseEmail(email));
	if (!user || user.emailVerifiedAt || user.deletedAt || !user.passwordHash) return;
	const lifetime = TOKEN_LIFETIME_MS['verify-email'];
	const newest = await repo.findNewestTokenExpiry(db, user.id, 'verify-email');
	if (newest && newest.getTime() - lifetime > now.getTime() - VERIFY_RESEND_INTERVAL_MS) return;
	await db.transaction().execute((trx) => issueVerification(trx, user, now));
}

/** An account made by an operator (npm run user:add): its e-mail counts as verified. */
type NewUser = { email: string; password: string; roles: string[]; name?: string };

/** Why `addUser` would refuse the account without looking at the database, or null. */
export function checkNewUser(
	input: NewUser
): Extract<AddUserResult, { ok: false }>['reason'] | null {
	if (input.roles.length === 0) return 'no-role';
	if (!input.roles.every((r) => (knownRoles as readonly string[]).includes(r)))
		return 'unknown-role';
	return refuseAccount({ ...input, name: input.name ?? '', roles: input.roles as Role[] });
}

export async function addUser(
	input: NewUser,
	db: Db = getDb(),
	now = new Date()
): Promise<AddUserResult> {
	const refusal = checkNewUser(input);
	if (refusal) return { ok: false, reason: refusal };
	const account = { ...input, name: input.name ?? '', roles: [...new Set(input.roles)] as Role[] };
	const result = await insertAccount({ ...account, verifiedAt: now }, db, async () => {});
	if (!result.ok) return { ok: false, reason: 'email-taken' };
	return { ok: true, user: toPublic(result.user) };
}

export async function countAdmins(db: Db = getDb()): Promise<number> {
	return repo.countWithRole(db, 'admin');
}

/**
 * The first admin (for /installeren). Succeeds only while no admin exists: the check is repeated inside
 * the transaction under an advisory lock, so two concurrent calls cannot both create one.
 */
export async function createFirstAdmin(
	input: { email: string; password: string; name: string },
	db: Db = getDb(),
	now = new Date()
): Promise<FirstAdminResult> {
	if ((await countAdmins(db)) > 0) return { ok: false, reason: 'admin-exists' };
	const account = { ...input, roles: ['admin'] as Role[] };
	const refusal = refuseAccount(account);
	if (refusal) return { ok: false, reason: refusal };
	const result = await insertAccount(
		{ ...account, verifiedAt: now },
		db,
		async () => {},
		FIRST_ADMIN_LOCK
	);
	if (!result.ok) return result;
	return { ok: true, user: toPublic(result.user) };
}

/**
 * Changes the password after checking the current one, ends every session of the user (stolen
 * ones included) and returns a fresh session for the browser that made the change.
 */
export async function changePassword(
	userId: string,
	current: string,
	next: string,
	db: Db = getDb(),
	now = new Date()
): Promise<ChangePasswordResult> {
	const user = await repo.findById(db, userId);
	if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current)))
		return { ok: false, reason: 'invalid' };
	const weakness = checkPasswordStrength(next, { email: user.email, name: user.name });
	if (weakness) return { ok: false, reason: weakness };
	const passwordHash = await hashPassword(next);
	return db.transaction().execute(async (trx) => {
		await repo.updatePasswordHash(trx, userId, passwordHash, now);
		await invalidateUserSessions(userId, trx);
		const { token, session } = await createSession(userId, trx, now);
		return { ok: true as const, token, session };
	});
}

/** Uses an e-mail token once: unknown, used, expired or of another purpose all answer 'invalid'. */
export async function consumeUserToken(
	token: string,
	purpose: UserTokenPurpose,
	db: Db = getDb(),
	now = new Date()
): Promise<ConsumeTokenResult> {
	const used = await repo.useUserToken(db, hashToken(token), purpose, now);
	return used ? { ok: true, userId: used.userId } : { ok: false, reason: 'invalid' };
}

/** Whether a verification link can still be used; opening it uses nothing (mail scanners open links). */
export async function canVerifyEmail(
	token: string,
	db: Db = getDb(),
	now = new Date()
): Promise<boolean> {
	return repo.isUserTokenUsable(db, hashToken(token), 'verify-email', now);
}

export type VerifyEmailResult = ConsumeTokenResult | { ok: false; reason: 'wrong-password' };

/** Thrown inside the transaction so a wrong password leaves the token unused. */
class WrongPassword extends Error {}

/**
 * The button behind the verification e-mail's link: with the account's password, uses the token
 * and marks the address verified. The password proves that whoever confirms also registered:
 * someone who registers another person's address with a password of their own cannot have that
 * person confirm it unknowingly (and then read what they file). A wrong password uses nothing.
 */
export async function verifyEmail(
	token: string,
	password: string,
	db: Db = getDb(),
	now = new Date()
): Promise<VerifyEmailResult> {
	try {
		return await db.transaction().execute(async (trx) => {
			const result = await consumeUserToken(token, 'verify-email', trx, now);
			if (!result.ok) return result;
			const user = await repo.findById(trx, result.userId);
			if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password)))
				throw new WrongPassword();
			await repo.markEmailVerified(trx, result.userId, now);
			return result;
		});
	} catch (e) {
		if (e instanceof WrongPassword) return { ok: false, reason: 'wrong-password' };
		throw e;
	}
}

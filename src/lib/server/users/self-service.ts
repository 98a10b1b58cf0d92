// Account self-service: a forgotten password reset through a single-use link (1 h) that never
// reveals whether an account exists, deleting an account (personal data erased, the row kept for
// the audit trail, the dossiers kept by the municipality but detached, the last admin refused), and attaching the dossiers a person filed
// as a guest once their account has verified the same address.
import type { LocalText, Locale } from '$lib/process/text';
import { isUuid } from '$lib/uuid';
import { getDb, type Db } from '../db';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../auth/password';
import { mayUsePassword, PASSWORDS_FOR_ALL, type PasswordLogin } from '../auth/password-login';
import { checkLoginAllowed, normaliseEmail, recordLoginAttempt } from '../auth/rate-limit';
import { createSession, invalidateUserSessions, type Session } from '../auth/session';
import * as dossierRepo from '../dossiers/repository';
import * as outbox from '../outbox/repository';
import * as processes from '../processes/service';
import * as pushRepo from '../push/repository';
import { generateToken, hashToken } from '../tokens';
import * as repo from './repository';
import * as myDataRepo from './my-data-repository';
import * as selfRepo from './self-service-repository';
import {
	TOKEN_LIFETIME_MS,
	changePassword,
	type ChangePasswordResult,
	type ConsumeTokenResult
} from './service';
import type { PasswordWeakness } from '../auth/password';

export const RESET_WINDOW_MS = 60 * 60 * 1000;
export const MAX_RESETS_PER_ADDRESS = 3;
export const MAX_RESETS_PER_IP = 10;
/** Held while the admins are counted and one of them closes: two admins cannot both be "not last". */
export const ADMINS_LOCK = 'loket:admins';

type RateLimited = { ok: false; reason: 'rate-limited'; retryAfterSeconds: number };
export type ResetRequestResult = { ok: true } | RateLimited;
export type ResetPasswordResult =
	| { ok: true; userId: string; token: string; session: Session }
	| { ok: false; reason: 'invalid' | 'password-off' | PasswordWeakness };
export type ChangeOwnPasswordResult = ChangePasswordResult | RateLimited;
export type CloseAccountResult =
	| { ok: true; detached: number }
	| {
			ok: false;
			reason:
				| 'not-confirmed'
				| 'invalid-password'
				| 'password-required'
				| 'email-mismatch'
				| 'last-admin';
	  }
	| RateLimited;
export type ClaimableDossier = {
	id: string;
	reference: string;
	title: LocalText;
	submittedAt: Date;
};

/** Our tokens are 27 characters; anything far off is not worth a database look-up. */
function isPlausibleToken(token: string): boolean {
	return token.length >= 20 && token.length <= 100;
}

/**
 * Asks for a reset link. Every request, for a known address or not, is counted (per address and
 * per IP, in login_attempt) and answered the same way; only an open account gets a token and an
 * outbox row for the mailer, stored together.
 */
export async function requestPasswordReset(
	input: { email: string; ip: string; language: Locale; passwordLogin?: PasswordLogin },
	db: Db = getDb(),
	now = new Date()
): Promise<ResetRequestResult> {
	const emailLower = normaliseEmail(input.email);
	const since = new Date(now.getTime() - RESET_WINDOW_MS);
	const [byAddress, byIp] = await Promise.all([
		selfRepo.findNthRecentResetRequest(db, { emailLower }, since, MAX_RESETS_PER_ADDRESS),
		selfRepo.findNthRecentResetRequest(db, { ip: input.ip }, since, MAX_RESETS_PER_IP)
	]);
	if (byAddress || byIp) {
		const until = Math.max(byAddress?.getTime() ?? 0, byIp?.getTime() ?? 0) + RESET_WINDOW_MS;
		const retryAfterSeconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
		return { ok: false, reason: 'rate-limited', retryAfterSeconds };
	}
	const user = await repo.findByEmailLower(db, emailLower);
	await db.transaction().execute(async (trx) => {
		await selfRepo.insertResetRequest(trx, { emailLower, ip: input.ip, at: now });
		if (!user || user.deletedAt) return;
		// An account that may not sign in with a password gets no link (the same answer, though).
		if (!mayUsePassword(user, input.passwordLogin ?? PASSWORDS_FOR_ALL)) return;
		const token = generateToken();
		await repo.insertUserToken(trx, {
			id: hashToken(token),
			userId: user.id,
			purpose: 'reset-password',
			expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS['reset-password'])
		});
		await outbox.insertOutbox(trx, 'reset-password', {
			userId: user.id,
			email: user.email,
			token,
			language: input.language
		});
	});
	return { ok: true };
}

/** Whether a reset link can still be used, without using it (mail scanners open links too). */
export async function checkResetToken(
	token: string,
	db: Db = getDb(),
	now = new Date()
): Promise<ConsumeTokenResult> {
	if (!isPlausibleToken(token)) return { ok: false, reason: 'invalid' };
	const found = await selfRepo.findUsableToken(db, hashToken(token), 'reset-password', now);
	const user = found && (await repo.findById(db, found.userId));
	return user && !user.deletedAt ? { ok: true, userId: user.id } : { ok: false, reason: 'invalid' };
}

/**
 * Sets a new password through a reset link, which works once: it also confirms the address (the
 * person read the mail), voids the user's other reset links, ends every session and returns a
 * new one for this browser.
 */
export async function resetPassword(
	input: { token: string; password: string; passwordLogin?: PasswordLogin },
	db: Db = getDb(),
	now = new Date()
): Promise<ResetPasswordResult> {
	const { token, password } = input;
	const checked = await checkResetToken(token, db, now);
	const user = checked.ok ? await repo.findById(db, checked.userId) : undefined;
	if (!user) return { ok: false, reason: 'invalid' };
	// A link mailed before passwords were switched off for this account: it sets nothing.
	if (!mayUsePassword(user, input.passwordLogin ?? PASSWORDS_FOR_ALL))
		return { ok: false, reason: 'password-off' };
	const weakness = checkPasswordStrength(password, { email: user.email, name: user.name });
	if (weakness) return { ok: false, reason: weakness };
	const passwordHash = await hashPassword(password);
	return db.transaction().execute(async (trx) => {
		// The check above may have raced another use of the same link: only one use wins.
		const used = await repo.useUserToken(trx, hashToken(token), 'reset-password', now);
		if (!used) return { ok: false as const, reason: 'invalid' as const };
		await repo.updatePasswordHash(trx, user.id, passwordHash, now);
		await repo.markEmailVerified(trx, user.id, now);
		await selfRepo.useAllTokens(trx, user.id, 'reset-password', now);
		await invalidateUserSessions(user.id, trx);
		const session = await createSession(user.id, trx, now);
		return { ok: true as const, userId: user.id, ...session };
	});
}

/**
 * Typing the current password on the account page is a login attempt: a wrong one counts as a
 * failed login for the account and the IP, and too many of them wait, as on /aanmelden.
 */
async function guardPasswordAttempt<R extends { ok: boolean; reason?: string }>(
	user: { email: string },
	ip: string,
	attempt: () => Promise<R>,
	db: Db,
	now: Date
): Promise<R | RateLimited> {
	const allowance = await checkLoginAllowed({ email: user.email, ip }, db, now);
	if (!allowance.allowed)
		return { ok: false, reason: 'rate-limited', retryAfterSeconds: allowance.retryAfterSeconds };
	const result = await attempt();
	if (!result.ok && (result.reason === 'invalid' || result.reason === 'invalid-password'))
		await recordLoginAttempt({ email: user.email, ip, succeeded: false }, db, now);
	return result;
}

/** changePassword (a new session here, every other one ended), rate-limited like a login. */
export async function changeOwnPassword(
	user: { id: string; email: string },
	input: { current: string; next: string; ip: string },
	db: Db = getDb(),
	now = new Date()
): Promise<ChangeOwnPasswordResult> {
	return guardPasswordAttempt(
		user,
		input.ip,
		() => changePassword(user.id, input.current, input.next, db, now),
		db,
		now
	);
}

/** How closing the account is confirmed: with its password, or (no password) its typed address. */
export async function closingConfirmation(
	user: { id: string },
	db: Db = getDb()
): Promise<'password' | 'email'> {
	const account = await repo.findById(db, user.id);
	return account?.passwordHash ? 'password' : 'email';
}

/**
 * Deletes the account after an explicit confirmation and proof that it is the person: the
 * password, or for an account without one (made through an identity provider) its e-mail address
 * typed in full. The row stays for the audit trail with its personal data erased (see eraseUser);
 * its sessions, tokens, drafts (filed or not: what was filed lives on in the dossier), push
 * subscriptions and links to identity providers are deleted. The dossiers stay with the
 * municipality under its retention rules, detached from the account (no owner, owner_left_at set,
 * an internal event on each); status mails still go to the applicant's address filed in each.
 * The last admin is refused.
 */
export async function closeAccount(
	user: { id: string; email: string },
	input: { password?: string; typedEmail?: string; confirmed: boolean; ip: string },
	db: Db = getDb(),
	now = new Date()
): Promise<CloseAccountResult> {
	if (!input.confirmed) return { ok: false, reason: 'not-confirmed' };
	const account = await repo.findById(db, user.id);
	if (!account || account.deletedAt) return { ok: false, reason: 'invalid-password' };
	if (!account.passwordHash) {
		const typed = normaliseEmail(input.typedEmail ?? '');
		if (typed !== normaliseEmail(account.email)) return { ok: false, reason: 'email-mismatch' };
		return eraseAccount(user.id, null, db, now);
	}
	const password = input.password ?? '';
	if (!password) return { ok: false, reason: 'password-required' };
	return guardPasswordAttempt(
		user,
		input.ip,
		() => eraseAccount(user.id, password, db, now),
		db,
		now
	);
}

/** `password` null: the account has none and the caller checked the typed address instead. */
async function eraseAccount(
	userId: string,
	password: string | null,
	db: Db,
	now: Date
): Promise<CloseAccountResult> {
	const user = await repo.findById(db, userId);
	if (!user || user.deletedAt) return { ok: false, reason: 'invalid-password' };
	// The proof must fit the account as it is now (a password may have been set meanwhile).
	if (password === null) {
		if (user.passwordHash) return { ok: false, reason: 'invalid-password' };
	} else if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password)))
		return { ok: false, reason: 'invalid-password' };
	return db.transaction().execute(async (trx) => {
		await repo.lockForTransaction(trx, ADMINS_LOCK);
		const current = await repo.findById(trx, userId);
		if (!current || current.deletedAt)
			return { ok: false as const, reason: 'invalid-password' as const };
		if (current.roles.includes('admin') && (await selfRepo.countOpenWithRole(trx, 'admin')) <= 1)
			return { ok: false as const, reason: 'last-admin' as const };
		await selfRepo.eraseUser(trx, userId, now);
		await invalidateUserSessions(userId, trx);
		await selfRepo.deleteUserTokens(trx, userId);
		await myDataRepo.deleteAllDrafts(trx, userId);
		await myDataRepo.deleteIdentities(trx, userId);
		await pushRepo.deleteForUser(trx, userId);
		const detached = await myDataRepo.detachDossiers(trx, userId, now);
		for (const dossier of detached)
			await dossierRepo.insertEvent(trx, {
				dossierId: dossier.id,
				type: 'owner-left',
				actorId: userId,
				visibility: 'internal'
			});
		return { ok: true as const, detached: detached.length };
	});
}

/**
 * Dossiers filed without an account with this account's address, once that address is verified
 * (before that, anyone could register someone else's address and see them).
 */
export async function findClaimableDossiers(
	user: { id: string },
	db: Db = getDb()
): Promise<ClaimableDossier[]> {
	const account = await repo.findById(db, user.id);
	if (!account || account.deletedAt || !account.emailVerifiedAt) return [];
	const rows = await selfRepo.findGuestDossiersByEmail(db, normaliseEmail(account.email));
	const titles = new Map<string, LocalText>();
	const claimable: ClaimableDossier[] = [];
	for (const row of rows) {
		const key = `${row.processId}@${row.processVersion}`;
		if (!titles.has(key))
			titles.set(key, (await processes.getVersion(row.processId, row.processVersion, db)).title);
		claimable.push({
			id: row.id,
			reference: row.reference,
			title: titles.get(key)!,
			submittedAt: row.submittedAt
		});
	}
	return claimable;
}

/**
 * Attaches the chosen guest dossiers to the account: only those still without an owner and filed
 * with its verified address, whatever ids are asked for. The tracking link keeps working; each
 * claim is a public event on the dossier. All or nothing.
 */
export async function claimGuestDossiers(
	user: { id: string },
	ids: string[],
	db: Db = getDb(),
	now = new Date()
): Promise<{ id: string; reference: string }[]> {
	const wanted = [...new Set(ids)].filter(isUuid);
	if (wanted.length === 0) return [];
	return db.transaction().execute(async (trx) => {
		const account = await repo.findById(trx, user.id);
		if (!account || account.deletedAt || !account.emailVerifiedAt) return [];
		const claimed = await selfRepo.setOwnerOfGuestDossiers(
			trx,
			account.id,
			normaliseEmail(account.email),
			wanted,
			now
		);
		for (const dossier of claimed)
			await dossierRepo.insertEvent(trx, {
				dossierId: dossier.id,
				type: 'claimed',
				actorId: account.id,
				visibility: 'public'
			});
		return claimed;
	});
}

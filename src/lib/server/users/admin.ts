// The admin's user management. Admins list accounts, invite staff, clerks and admins by e-mail (an
// account without a password plus a 7-day 'invite' link, stored with its outbox mail in one
// transaction) and change roles. A role change never leaves the municipality without an admin,
// never takes an admin's own admin role, and never overwrites a change made since the form was
// loaded. Each change is logged as one JSON audit line: there is no audit table for accounts yet.
import type { UserStatus } from '$lib/views/users';
import type { Transaction } from 'kysely';
import { roles as knownRoles, type Role } from '$lib/process/workflow';
import type { Locale } from '$lib/process/text';
import { isUuid } from '$lib/uuid';
import { getDb, type Db } from '../db';
import type { Database } from '../db/schema';
import { checkPasswordStrength, hashPassword, type PasswordWeakness } from '../auth/password';
import { normaliseEmail } from '../auth/rate-limit';
import { mayUsePassword, PASSWORDS_FOR_ALL, type PasswordLogin } from '../auth/password-login';
import { createSession, type Session } from '../auth/session';
import { generateToken, hashToken } from '../tokens';
import * as outbox from '../outbox/repository';
import * as users from './repository';
import * as repo from './admin-repository';
import { TOKEN_LIFETIME_MS, isValidEmail } from './service';

export const USERS_PAGE_SIZE = 50;
/** The roles an invitation can give: citizens register themselves. */
export const INVITABLE_ROLES = ['staff', 'clerk', 'admin'] as const satisfies readonly Role[];
const ADMINS_LOCK = 'loket:admins';

/** Whoever acts: the signed-in user (their roles are checked again against the database). */
export type Actor = { id: string; email: string; name: string; roles: readonly Role[] };

/** Thrown when someone who is not an admin asks for an admin view; routes check the role first. */
export class AdminOnlyError extends Error {
	override name = 'AdminOnlyError';
}

export type { UserStatus };

export type UserSummary = {
	id: string;
	name: string;
	email: string;
	roles: Role[];
	status: UserStatus;
	createdAt: Date;
};
export type UserDetail = UserSummary & {
	emailVerifiedAt: Date | null;
	inviteExpiresAt: Date | null;
	/** The optimistic-concurrency token of a role change (milliseconds precision). */
	updatedAt: Date;
};
export type UserList = {
	users: UserSummary[];
	q: string;
	page: number;
	pageCount: number;
	total: number;
};

export type RoleRefusal = 'no-role' | 'unknown-role';
export type InviteResult =
	| { ok: true; user: { id: string; email: string } }
	| { ok: false; reason: 'forbidden' | 'invalid-name' | 'invalid-email' | RoleRefusal }
	| { ok: false; reason: 'invitation-pending'; userId: string }
	| { ok: false; reason: 'account-exists'; userId: string; roles: Role[] };
export type ResendResult =
	{ ok: true } | { ok: false; reason: 'forbidden' | 'not-found' | 'closed' | 'not-pending' };
export type ChangeRolesResult =
	| { ok: true; roles: Role[]; updatedAt: Date }
	| {
			ok: false;
			reason:
				'forbidden' | 'not-found' | 'closed' | 'stale' | 'last-admin' | 'own-admin' | RoleRefusal;
	  };
export type AcceptInvitationResult =
	| { ok: true; userId: string; token: string; session: Session }
	| { ok: false; reason: 'invalid' | 'password-off' | PasswordWeakness };

function statusOf(row: repo.AdminUserRow, now: Date): UserStatus {
	if (row.deletedAt) return 'closed';
	if (!row.hasPassword)
		return row.inviteExpiresAt && row.inviteExpiresAt > now ? 'invited' : 'invitation-expired';
	return row.emailVerifiedAt ? 'active' : 'unverified';
}

function toSummary(row: repo.AdminUserRow, now: Date): UserSummary {
	return {
		id: row.id,
		name: row.name,
		email: row.email,
		roles: row.roles,
		status: statusOf(row, now),
		createdAt: row.createdAt
	};
}

/** The one audit record of an account change, as a JSON line for the log collector. */
function audit(
	event: 'invited' | 'invitation-resent' | 'invitation-accepted' | 'roles-changed',
	actor: { id: string; email: string },
	target: { id: string; email: string },
	change: Record<string, unknown>,
	now: Date
): void {
	console.info(
		JSON.stringify({
			audit: 'user',
			event,
			at: now.toISOString(),
			actor: { id: actor.id, email: actor.email },
			target: { id: target.id, email: target.email },
			change
		})
	);
}

/** Known, distinct roles, at least one, in the canonical order. */
function parseRoles(
	input: readonly string[],
	allowed: readonly Role[] = knownRoles
): { ok: true; roles: Role[] } | { ok: false; reason: RoleRefusal } {
	if (input.length === 0) return { ok: false, reason: 'no-role' };
	if (!input.every((r) => (allowed as readonly string[]).includes(r)))
		return { ok: false, reason: 'unknown-role' };
	return { ok: true, roles: knownRoles.filter((r) => input.includes(r)) };
}

/** The actor as stored now: an open admin account that can sign in, or null. */
async function findActingAdmin(db: Db, actor: Actor) {
	if (!isUuid(actor.id)) return null;
	const row = await users.findById(db, actor.id);
	return row && !row.deletedAt && row.passwordHash && row.roles.includes('admin') ? row : null;
}

function assertAdmin(actor: Actor): void {
	if (!actor.roles.includes('admin')) throw new AdminOnlyError('Only admins manage users');
}

/** One page of accounts, newest first, searched by name or e-mail. Offset pagination. */
export async function listUsers(
	actor: Actor,
	query: { q?: string | null; page?: number | null },
	db: Db = getDb(),
	now = new Date()
): Promise<UserList> {
	assertAdmin(actor);
	const q = (query.q ?? '').trim().slice(0, 200);
	const requested = Number.isInteger(query.page) && (query.page ?? 0) > 0 ? query.page! : 1;
	let page = requested;
	let result = await repo.listUsers(db, {
		q,
		limit: USERS_PAGE_SIZE,
		offset: (page - 1) * USERS_PAGE_SIZE
	});
	const pageCount = Math.max(1, Math.ceil(result.total / USERS_PAGE_SIZE));
	if (page > pageCount) {
		// A page past the end (a bookmark after accounts were removed): show the last one.
		page = pageCount;
		result = await repo.listUsers(db, {
			q,
			limit: USERS_PAGE_SIZE,
			offset: (page - 1) * USERS_PAGE_SIZE
		});
	}
	return {
		users: result.rows.map((r) => toSummary(r, now)),
		q,
		page,
		pageCount,
		total: result.total
	};
}

/** One account for its page, or null when there is none with that id. */
export async function getUser(
	actor: Actor,
	userId: string,
	db: Db = getDb(),
	now = new Date()
): Promise<UserDetail | null> {
	assertAdmin(actor);
	if (!isUuid(userId)) return null;
	const row = await repo.findUser(db, userId);
	if (!row) return null;
	return {
		...toSummary(row, now),
		emailVerifiedAt: row.emailVerifiedAt,
		inviteExpiresAt: row.inviteExpiresAt,
		updatedAt: row.updatedAt
	};
}

/** Replaces the account's invitation tokens by a new one and queues the mail that carries it. */
async function issueInvitation(
	trx: Transaction<Database>,
	user: { id: string; email: string; roles: Role[] },
	invitedByName: string,
	language: Locale,
	now: Date
): Promise<void> {
	const token = generateToken();
	await repo.deleteInviteTokens(trx, user.id);
	await users.insertUserToken(trx, {
		id: hashToken(token),
		userId: user.id,
		purpose: 'invite',
		expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS.invite)
	});
	await outbox.insertOutbox(trx, 'invite', {
		userId: user.id,
		email: user.email,
		token,
		roles: user.roles,
		invitedByName,
		language
	});
}

function isUniqueViolation(e: unknown): boolean {
	return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}

/**
 * Invites someone by e-mail. An address that already has an account gets no second one: a
 * pending invitation can be sent again (`resendInvitation`), any other account can be given
 * roles instead (`changeRoles`).
 */
export async function inviteUser(
	actor: Actor,
	input: { name: string; email: string; roles: readonly string[] },
	opts: { language: Locale },
	db: Db = getDb(),
	now = new Date()
): Promise<InviteResult> {
	const name = input.name.trim();
	const email = input.email.trim();
	if (name.length === 0 || name.length > 200) return { ok: false, reason: 'invalid-name' };
	if (!isValidEmail(email)) return { ok: false, reason: 'invalid-email' };
	const parsed = parseRoles(input.roles, INVITABLE_ROLES);
	if (!parsed.ok) return parsed;
	const existingAccount = async (x: Db): Promise<InviteResult | null> => {
		const existing = await users.findByEmailLower(x, normaliseEmail(email));
		if (!existing) return null;
		if (existing.passwordHash === null && existing.deletedAt === null)
			return { ok: false, reason: 'invitation-pending', userId: existing.id };
		return { ok: false, reason: 'account-exists', userId: existing.id, roles: existing.roles };
	};
	try {
		const result = await db.transaction().execute(async (trx): Promise<InviteResult> => {
			const admin = await findActingAdmin(trx, actor);
			if (!admin) return { ok: false, reason: 'forbidden' };
			const existing = await existingAccount(trx);
			if (existing) return existing;
			const user = await repo.insertInvitedUser(trx, { email, name, roles: parsed.roles });
			await issueInvitation(trx, user, admin.name || admin.email, opts.language, now);
			return { ok: true, user: { id: user.id, email: user.email } };
		});
		if (result.ok) audit('invited', actor, result.user, { roles: parsed.roles }, now);
		return result;
	} catch (e) {
		// Someone else created the account between our check and our insert.
		if (!isUniqueViolation(e)) throw e;
		const existing = await existingAccount(db);
		if (existing) return existing;
		throw e;
	}
}

/** A new invitation link for an account that has not accepted yet; the older links stop working. */
export async function resendInvitation(
	actor: Actor,
	userId: string,
	opts: { language: Locale },
	db: Db = getDb(),
	now = new Date()
): Promise<ResendResult> {
	if (!isUuid(userId)) return { ok: false, reason: 'not-found' };
	const result = await db.transaction().execute(async (trx) => {
		const admin = await findActingAdmin(trx, actor);
		if (!admin) return { ok: false as const, reason: 'forbidden' as const };
		const user = await repo.lockUser(trx, userId);
		if (!user) return { ok: false as const, reason: 'not-found' as const };
		if (user.deletedAt) return { ok: false as const, reason: 'closed' as const };
		if (user.hasPassword) return { ok: false as const, reason: 'not-pending' as const };
		await issueInvitation(trx, user, admin.name || admin.email, opts.language, now);
		return { ok: true as const, user };
	});
	if (!result.ok) return result;
	audit('invitation-resent', actor, result.user, { roles: result.user.roles }, now);
	return { ok: true };
}

/**
 * Sets the account's roles. Refused when the account changed since `expectedUpdatedAt` (the
 * form is stale), when it would leave no admin who can sign in, and when an admin would drop
 * their own admin role. Sessions read roles on every request, so the change applies at once.
 */
export async function changeRoles(
	actor: Actor,
	input: { userId: string; roles: readonly string[]; expectedUpdatedAt: Date },
	db: Db = getDb(),
	now = new Date()
): Promise<ChangeRolesResult> {
	if (!isUuid(input.userId)) return { ok: false, reason: 'not-found' };
	const parsed = parseRoles(input.roles);
	if (!parsed.ok) return parsed;
	const next = parsed.roles;
	const result = await db.transaction().execute(async (trx) => {
		// Serialises admin-role changes, so two admins cannot demote each other at the same time.
		await users.lockForTransaction(trx, ADMINS_LOCK);
		if (!(await findActingAdmin(trx, actor)))
			return { ok: false as const, reason: 'forbidden' as const };
		const user = await repo.lockUser(trx, input.userId);
		if (!user) return { ok: false as const, reason: 'not-found' as const };
		if (user.deletedAt) return { ok: false as const, reason: 'closed' as const };
		if (user.updatedAt.getTime() !== input.expectedUpdatedAt.getTime())
			return { ok: false as const, reason: 'stale' as const };
		const losesAdmin = user.roles.includes('admin') && !next.includes('admin');
		if (losesAdmin && user.hasPassword && (await repo.countActiveAdmins(trx)) <= 1)
			return { ok: false as const, reason: 'last-admin' as const };
		if (losesAdmin && user.id === actor.id)
			return { ok: false as const, reason: 'own-admin' as const };
		const unchanged =
			user.roles.length === next.length && next.every((r) => user.roles.includes(r));
		if (unchanged) return { ok: true as const, user, updatedAt: user.updatedAt, changed: false };
		// Strictly later than the loaded value, so a form loaded before this change is always stale.
		const updatedAt = new Date(Math.max(now.getTime(), user.updatedAt.getTime() + 1));
		await repo.updateRoles(trx, user.id, next, updatedAt);
		return { ok: true as const, user, updatedAt, changed: true };
	});
	if (!result.ok) return result;
	if (result.changed)
		audit(
			'roles-changed',
			actor,
			result.user,
			{ roles: { from: result.user.roles, to: next } },
			now
		);
	return { ok: true, roles: next, updatedAt: result.updatedAt };
}

/** What the invitation page shows, without using the token (mail scanners open links too). */
export async function findInvitation(
	token: string,
	db: Db = getDb(),
	now = new Date()
): Promise<{ name: string; email: string; roles: Role[] } | null> {
	const found = await repo.findInvitation(db, hashToken(token), now);
	return found ? { name: found.name, email: found.email, roles: found.roles } : null;
}

class InvitationGone extends Error {}

/**
 * Accepts an invitation: the password must meet the policy (checked before the token is used),
 * then the token is used once, the password and name are set, the address counts as verified
 * (the mail reached it) and a session is created, all in one transaction.
 */
export async function acceptInvitation(
	token: string,
	input: { name: string; password: string; passwordLogin?: PasswordLogin },
	db: Db = getDb(),
	now = new Date()
): Promise<AcceptInvitationResult> {
	const tokenHash = hashToken(token);
	const invitation = await repo.findInvitation(db, tokenHash, now);
	if (!invitation) return { ok: false, reason: 'invalid' };
	// Where these roles sign in without a password, the invitation sets none (and is not used).
	if (!mayUsePassword(invitation, input.passwordLogin ?? PASSWORDS_FOR_ALL))
		return { ok: false, reason: 'password-off' };
	const name = input.name.trim().slice(0, 200) || invitation.name;
	const weakness = checkPasswordStrength(input.password, { email: invitation.email, name });
	if (weakness) return { ok: false, reason: weakness };
	const passwordHash = await hashPassword(input.password);
	try {
		const {
			userId,
			token: sessionToken,
			session
		} = await db.transaction().execute(async (trx) => {
			const used = await users.useUserToken(trx, tokenHash, 'invite', now);
			if (!used) throw new InvitationGone();
			if (!(await repo.activateInvitedUser(trx, used.userId, { passwordHash, name, now })))
				throw new InvitationGone();
			return { userId: used.userId, ...(await createSession(used.userId, trx, now)) };
		});
		const target = { id: userId, email: invitation.email };
		audit('invitation-accepted', target, target, { roles: invitation.roles }, now);
		return { ok: true, userId, token: sessionToken, session };
	} catch (e) {
		// Used by a concurrent request, or the account changed meanwhile: nothing was stored.
		if (e instanceof InvitationGone) return { ok: false, reason: 'invalid' };
		throw e;
	}
}

// Login rate limiting, kept in the database so that it holds across server instances: a few failed
// attempts per account and per IP address within a window, after which logins wait. The answer
// depends only on the attempts recorded, never on whether the account exists.
import { getDb, type Db } from '../db';
import * as repo from './repository';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export type LoginAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function checkLoginAllowed(
	attempt: { email: string; ip: string },
	db: Db = getDb(),
	now = new Date()
): Promise<LoginAllowance> {
	const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
	// The limit lifts when the oldest failure that still counts leaves the window.
	const [byAccount, byIp] = await Promise.all([
		repo.findNthRecentFailure(
			db,
			{ emailLower: normaliseEmail(attempt.email) },
			since,
			MAX_FAILURES_PER_ACCOUNT
		),
		repo.findNthRecentFailure(db, { ip: attempt.ip }, since, MAX_FAILURES_PER_IP)
	]);
	const until = Math.max(byAccount?.getTime() ?? 0, byIp?.getTime() ?? 0) + LOGIN_WINDOW_MS;
	if (!byAccount && !byIp) return { allowed: true };
	return {
		allowed: false,
		retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000))
	};
}

export async function recordLoginAttempt(
	attempt: { email: string; ip: string; succeeded: boolean },
	db: Db = getDb(),
	now = new Date()
): Promise<void> {
	await repo.insertLoginAttempt(db, {
		emailLower: normaliseEmail(attempt.email),
		ip: attempt.ip,
		succeeded: attempt.succeeded,
		at: now
	});
}

/** Attempts older than a day no longer count for anything. */
export async function pruneLoginAttempts(db: Db = getDb(), now = new Date()): Promise<number> {
	return repo.deleteLoginAttemptsBefore(db, new Date(now.getTime() - 24 * 60 * 60 * 1000));
}

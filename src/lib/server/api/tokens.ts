// API tokens: the credentials an admin gives to another system (a mid-office, a document
// management system) so it can read and advance dossiers through /api/v1. A token is shown once
// when it is made and stored only as its SHA-256; it has scopes (read, or read and write) and may
// be limited to some processes. Revoking is immediate and kept for the audit trail. Every call made
// with a token is recorded with the token's name, and at most RATE_LIMIT calls a minute are allowed.
import { createHash, randomBytes } from 'node:crypto';
import { isUuid } from '$lib/uuid';
import { getDb, type Db } from '../db';
import type { ApiScope, ApiToken } from '../db/schema';
import * as processRepo from '../processes/repository';
import * as repo from './repository';

export const TOKEN_PREFIX = 'loket_';
export const NAME_MAX = 100;
export const RATE_WINDOW_MS = 60 * 1000;
export const RATE_LIMIT = 600;
/** How long the audit trail of calls is kept. */
export const CALL_RETENTION_MS = 400 * 24 * 60 * 60 * 1000;

/** What a route knows about the caller once the token is checked. */
export type ApiClient = {
	tokenId: string;
	name: string;
	scopes: readonly ApiScope[];
	/** null: every process. */
	processIds: readonly string[] | null;
	lastUsedAt: Date | null;
	/** Calls made in the last RATE_WINDOW_MS, counted when the token was checked. */
	recentCalls: number;
};

export function hashApiToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** May this client see dossiers (and definitions) of this process? */
export function canSeeProcess(client: ApiClient, processId: string): boolean {
	return client.processIds === null || client.processIds.includes(processId);
}

export type TokenInput = { name: string; access: string; processIds: string[] };
export type TokenIssue = { name: 'name' | 'access' | 'processIds'; code: string };
export type CreateTokenResult =
	{ ok: true; id: string; token: string } | { ok: false; issues: TokenIssue[] };

/** Makes a token; the plain token is in the result only, never stored. */
export async function createToken(
	adminId: string,
	input: TokenInput,
	db: Db = getDb()
): Promise<CreateTokenResult> {
	const name = input.name.trim();
	const issues: TokenIssue[] = [];
	if (!name) issues.push({ name: 'name', code: 'required' });
	else if (name.length > NAME_MAX) issues.push({ name: 'name', code: 'too-long' });
	const scopes: ApiScope[] | null =
		input.access === 'read' ? ['read'] : input.access === 'write' ? ['read', 'write'] : null;
	if (!scopes) issues.push({ name: 'access', code: 'required' });
	const wanted = [...new Set(input.processIds.map((p) => p.trim()).filter(Boolean))];
	if (wanted.length > 0) {
		const known = new Set((await processRepo.listProcessRows(db)).map((p) => p.id));
		if (wanted.some((p) => !known.has(p))) issues.push({ name: 'processIds', code: 'unknown' });
	}
	if (issues.length > 0 || !scopes) return { ok: false, issues };
	const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
	const row = await repo.insertToken(db, {
		name,
		tokenHash: hashApiToken(token),
		prefix: token.slice(0, TOKEN_PREFIX.length + 6),
		scopes,
		processIds: wanted.length > 0 ? wanted : null,
		createdBy: adminId
	});
	return { ok: true, id: row.id, token };
}

export type TokenSummary = {
	id: string;
	name: string;
	prefix: string;
	scopes: ApiScope[];
	processIds: string[] | null;
	createdBy: string | null;
	createdAt: Date;
	lastUsedAt: Date | null;
	revokedAt: Date | null;
};

function summary(
	t: ApiToken & { createdByName: string | null; createdByEmail: string | null }
): TokenSummary {
	return {
		id: t.id,
		name: t.name,
		prefix: t.prefix,
		scopes: t.scopes,
		processIds: t.processIds,
		createdBy: t.createdByName || t.createdByEmail,
		createdAt: t.createdAt,
		lastUsedAt: t.lastUsedAt,
		revokedAt: t.revokedAt
	};
}

export async function listTokens(db: Db = getDb()): Promise<TokenSummary[]> {
	return (await repo.listTokens(db)).map(summary);
}

export type TokenDetail = TokenSummary & {
	revokedBy: string | null;
	calls: { id: number; method: string; path: string; status: number; at: Date }[];
};

/** One token with its most recent calls (the audit trail), or null. */
export async function findToken(
	id: string,
	db: Db = getDb(),
	callLimit = 100
): Promise<TokenDetail | null> {
	if (!isUuid(id)) return null;
	const t = await repo.findToken(db, id);
	if (!t) return null;
	const calls = await repo.listCalls(db, id, callLimit);
	return { ...summary(t), revokedBy: t.revokedByName || t.revokedByEmail, calls };
}

/** Revokes a token at once; false when there is none or it was revoked already. */
export async function revokeToken(
	adminId: string,
	id: string,
	db: Db = getDb(),
	now = new Date()
): Promise<boolean> {
	if (!isUuid(id)) return false;
	return repo.revokeToken(db, id, adminId, now);
}

/** The client of an `Authorization: Bearer <token>` header, or null (none, unknown or revoked). */
export async function authenticate(
	authorization: string | null,
	db: Db = getDb(),
	now = new Date()
): Promise<ApiClient | null> {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
	if (!match?.[1]?.startsWith(TOKEN_PREFIX)) return null;
	const since = new Date(now.getTime() - RATE_WINDOW_MS);
	const row = await repo.findActiveByHash(db, hashApiToken(match[1]), since);
	if (!row) return null;
	return {
		tokenId: row.id,
		name: row.name,
		scopes: row.scopes,
		processIds: row.processIds,
		lastUsedAt: row.lastUsedAt,
		recentCalls: Number(row.recentCalls ?? 0)
	};
}

export type RateAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * At most RATE_LIMIT calls in any RATE_WINDOW_MS, counted from the audit trail (so across all
 * server instances) when the token was checked.
 */
export async function checkRate(
	client: ApiClient,
	db: Db = getDb(),
	now = new Date(),
	limit = RATE_LIMIT
): Promise<RateAllowance> {
	if (client.recentCalls < limit) return { allowed: true };
	const since = new Date(now.getTime() - RATE_WINDOW_MS);
	const oldest = await repo.findOldestCallSince(db, client.tokenId, since);
	const until = (oldest ?? now).getTime() + RATE_WINDOW_MS;
	return {
		allowed: false,
		retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000))
	};
}

/** "Last used" is a minute precise: a busy token does not rewrite its row on every call. */
const LAST_USED_PRECISION_MS = 60 * 1000;

/** Writes one call to the audit trail and marks the token as used. */
export async function recordCall(
	client: ApiClient,
	call: { method: string; path: string; status: number; dossierId: string | null },
	db: Db = getDb(),
	now = new Date()
): Promise<void> {
	await repo.insertCall(db, { tokenId: client.tokenId, tokenName: client.name, ...call, at: now });
	if (!client.lastUsedAt || now.getTime() - client.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS)
		await repo.touchToken(db, client.tokenId, now);
}

/** Calls older than the retention period leave the audit trail. */
export async function pruneCalls(db: Db = getDb(), now = new Date()): Promise<number> {
	return repo.deleteCallsBefore(db, new Date(now.getTime() - CALL_RETENTION_MS));
}

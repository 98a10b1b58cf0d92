// The periodic clean-up (run by the outbox worker's loop at start-up and every hour): removes what
// has outlived its use: expired sessions, old login attempts, spent e-mail tokens, drafts that were
// abandoned before submission (with their files, when no dossier or other draft holds the same
// bytes), outbox rows processed long ago and API calls older than the audit trail keeps; it also compacts the inbox tally (folds each
// key's stripes into one row). The terms are those of retention/terms.ts; the daily retention run
// (retention/service.ts, from the same loop) does the dossiers and the rest. Every step is idempotent, so several server instances may run it at the same time.
import { pruneCalls } from '../api/tokens';
import { pruneLoginAttempts } from '../auth/rate-limit';
import { deleteExpiredSessions } from '../auth/session';
import { getDb, type Db } from '../db';
import { getFileStorage } from '../files';
import type { FileStorage } from '../files/storage';
import { foldTally } from '../inbox/repository';
import * as outbox from '../outbox/repository';
import { currentTerms, type RetentionTerms } from '../retention/terms';
import * as repo from './repository';

const DAY_MS = 24 * 60 * 60 * 1000;
export const MAINTENANCE_EVERY_MS = 60 * 60 * 1000;
/** Used or expired e-mail tokens are kept this long (support can still see what happened). */
export const SPENT_TOKEN_KEEP_MS = 7 * DAY_MS;

export type MaintenanceReport = {
	sessions: number;
	loginAttempts: number;
	userTokens: number;
	drafts: number;
	files: number;
	outbox: number;
	/** Rows of the inbox's running tally folded away (stripes folded, zero counts dropped). */
	tally: number;
	apiCalls: number;
};

export async function runMaintenance(
	db: Db = getDb(),
	now = new Date(),
	storage: FileStorage = getFileStorage(),
	terms: Pick<RetentionTerms, 'outboxDays'> = currentTerms()
): Promise<MaintenanceReport> {
	const sessions = await deleteExpiredSessions(db, now);
	const loginAttempts = await pruneLoginAttempts(db, now);
	const userTokens = await repo.deleteStaleUserTokens(
		db,
		new Date(now.getTime() - SPENT_TOKEN_KEEP_MS)
	);
	const abandoned = await db.transaction().execute((trx) => repo.deleteAbandonedDrafts(trx, now));
	// Stored bytes are shared by every row with the same SHA-256: delete them only when no row
	// names them any more. The rows are gone (committed) before the bytes, never the other way.
	const unreferenced = await repo.findUnreferencedKeys(db, abandoned.keys);
	for (const key of unreferenced) await storage.delete(key);
	const processed = await outbox.deleteProcessedBefore(
		db,
		new Date(now.getTime() - terms.outboxDays * DAY_MS)
	);
	const tally = await foldTally(db);
	const apiCalls = await pruneCalls(db, now);
	return {
		sessions,
		loginAttempts,
		userTokens,
		drafts: abandoned.drafts,
		files: unreferenced.length,
		outbox: processed,
		tally,
		apiCalls
	};
}

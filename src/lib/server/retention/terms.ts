// How long Loket keeps what is not a dossier, in one place (README, "What is kept, for how long").
// A dossier's own term is in its process definition (`retention`); these are the short limits of
// everything else, each overridable by the environment where a municipality would change it.
import { getConfig } from '../config';

export type RetentionTerms = {
	/** Where archived dossiers' packages go (ARCHIVE_DIR; DATA_DIR/archive by default). */
	archiveDir: string;
	/** Sent mail, push and webhook rows of the outbox, once processed (RETENTION_OUTBOX_DAYS). */
	outboxDays: number;
	/**
	 * Push subscriptions of a dossier closed this long ago (no news will come), or that failed
	 * and are this old (RETENTION_PUSH_DAYS).
	 */
	pushDays: number;
	/**
	 * The access log of a destroyed dossier, this many years after its destruction
	 * (RETENTION_ACCESS_LOG_YEARS, at least 1; the database refuses less): long enough for the
	 * citizen to ask who looked at it while it existed, and for a complaint about that to run.
	 */
	accessLogYears: number;
};

/** A draft (and its uploads) never filed is removed when it expires, this long after its last save. */
export const DRAFT_LIFETIME_DAYS = 30;

/** How long one run may hold the day's work before another instance takes it over. */
export const RUN_LEASE_MS = 6 * 60 * 60 * 1000;

/** The back-office shows what falls due this many days ahead. */
export const UPCOMING_DAYS = 30;

export function currentTerms(): RetentionTerms {
	const { archiveDir, outboxDays, pushDays, accessLogYears } = getConfig().retention;
	return { archiveDir, outboxDays, pushDays, accessLogYears };
}

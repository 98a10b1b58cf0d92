// The outbox worker: takes the rows other code wrote to the outbox (in the transaction of the change
// that caused them) and hands each to the handler registered for its kind: mail now, webhooks and
// push later. A row is never lost: it is either processed, or waits with its error for a later try
// (exponential backoff), until MAX_ATTEMPTS tries have failed and it counts as failed.
//
// How a row is claimed: a short transaction locks due rows with FOR UPDATE SKIP LOCKED, counts
// the attempt and leases them (next_attempt_at moves LEASE_MS ahead), then commits. The handler
// runs AFTER that transaction, outside it, and the result is written in a second statement. So a
// slow SMTP server never holds a lock or a connection (on embedded PGlite a transaction blocks every
// other query), and several server instances never take the same row. If the process dies between
// claim and result, the lease runs out and another drain tries the row again: delivery is
// at-least-once (a mail can, rarely, arrive twice), never at-most-once.
//
// Several workers and machines (issue 21): SKIP LOCKED, kept rather than a job queue such as
// pg-boss or graphile-worker. Those claim the same way (a row lock with SKIP LOCKED, a lease) and
// have the same window between sending and recording, so they would add a dependency and a second
// schema without narrowing it; the outbox row is already written in the transaction of the change
// it belongs to, which a queue's own tables would have to copy. Exactly once is therefore what a
// receiver can see: each delivery carries a key fixed by its outbox row, the same on every attempt
// (the `webhook-id` header of Standard Webhooks; the mail's Message-ID `<outbox-<id>@…>`), so a
// receiver that meets a key again drops the copy. tests/integration/outbox-workers.test.ts runs
// three workers on separate connections and finds every mail and webhook delivered once.
// Periodic jobs (clean-up, digest) run on one worker per round: claimPeriodic.
import { getDb, type Db } from '../db';
import * as repo from './repository';

export const MAX_ATTEMPTS = 10;
export const BATCH_SIZE = 10;
/** Longer than any handler may take (the SMTP transport times out well before this). */
export const LEASE_MS = 10 * 60 * 1000;
const BACKOFF_BASE_MS = 30 * 1000;
const BACKOFF_CAP_MS = 6 * 60 * 60 * 1000;
/** At most this many batches per drain, so one drain always ends. */
const MAX_BATCHES = 20;

export type OutboxJob = {
	id: number;
	kind: string;
	/** This attempt's number: 1 for the first try. */
	attempt: number;
	now: Date;
	db: Db;
};

/** Does the work of one row; throws to have it retried later. */
export type OutboxHandler = (payload: Record<string, unknown>, job: OutboxJob) => Promise<void>;

/** Thrown by a handler when retrying cannot help (a malformed payload): the row fails at once. */
export class PermanentOutboxError extends Error {
	override name = 'PermanentOutboxError';
}

const handlers = new Map<string, OutboxHandler>();

/** Registers (or replaces) the handler of a kind. */
export function registerOutboxHandler(kind: string, handler: OutboxHandler): void {
	handlers.set(kind, handler);
}

/** The wait after the n-th failed attempt: 30 s, 1 min, 2 min, … at most 6 h. */
export function backoffMs(failedAttempts: number): number {
	return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failedAttempts - 1), BACKOFF_CAP_MS);
}

export type DrainResult = { processed: number; retrying: number; failed: number };

function errorText(e: unknown): string {
	const text =
		e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
	return text.slice(0, 2000);
}

async function runOne(db: Db, row: repo.OutboxRow, now: Date, result: DrainResult): Promise<void> {
	const handler = handlers.get(row.kind);
	try {
		if (!handler) throw new Error(`no handler for ${row.kind}`);
		await handler(row.payload, { id: row.id, kind: row.kind, attempt: row.attempts, now, db });
		await repo.markProcessed(db, row.id, now);
		result.processed++;
	} catch (e) {
		const permanent = e instanceof PermanentOutboxError;
		const givesUp = permanent || row.attempts >= MAX_ATTEMPTS;
		await repo.markFailed(db, row.id, {
			error: errorText(e),
			nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
			attempts: permanent ? Math.max(row.attempts, MAX_ATTEMPTS) : undefined
		});
		if (givesUp) result.failed++;
		else result.retrying++;
		console.error(
			`Outbox #${row.id} (${row.kind}) attempt ${row.attempts}/${MAX_ATTEMPTS} failed` +
				`${givesUp ? ', giving up' : ''}: ${errorText(e)}`
		);
	}
}

/**
 * Processes every row that is due, in batches of BATCH_SIZE. Safe to call from several processes
 * at once: each row goes to one of them. With `now` (tests), that moment is used throughout;
 * without it, each batch reads the clock, so leases stay right however long a drain takes.
 */
export async function drainOutbox(db: Db, now?: Date): Promise<DrainResult> {
	const result: DrainResult = { processed: 0, retrying: 0, failed: 0 };
	for (let batch = 0; batch < MAX_BATCHES; batch++) {
		const at = now ?? new Date();
		const rows = await db.transaction().execute((trx) =>
			repo.claimDue(trx, {
				now: at,
				leaseUntil: new Date(at.getTime() + LEASE_MS),
				maxAttempts: MAX_ATTEMPTS,
				limit: BATCH_SIZE
			})
		);
		for (const row of rows) await runOne(db, row, now ?? new Date(), result);
		if (rows.length < BATCH_SIZE) break;
	}
	return result;
}

// The loop that runs in a server process: drain every POLL_MS (sooner after kickOutbox()), and
// run the periodic jobs (clean-up) at start and then every `every` ms.

export const POLL_MS = 2000;

export type PeriodicJob = {
	name: string;
	every: number;
	run: (db: Db, now: Date) => Promise<unknown>;
};

type Loop = {
	timer: ReturnType<typeof setTimeout> | undefined;
	running: Promise<void> | undefined;
	stopped: boolean;
	again: boolean;
	lastRun: Map<string, number>;
	jobs: PeriodicJob[];
};

let loop: Loop | undefined;

async function tick(current: Loop): Promise<void> {
	const now = new Date();
	try {
		const db = getDb();
		for (const job of current.jobs) {
			const last = current.lastRun.get(job.name);
			if (last !== undefined && now.getTime() - last < job.every) continue;
			current.lastRun.set(job.name, now.getTime());
			try {
				// Every worker of every machine comes here each round; one of them runs the job.
				if (!(await repo.claimPeriodic(db, { name: job.name, now, every: job.every }))) continue;
				await job.run(db, now);
			} catch (e) {
				console.error(`Periodic job ${job.name} failed:`, e);
			}
		}
		await drainOutbox(db);
	} catch (e) {
		// The database may be briefly unreachable; the next tick tries again.
		console.error('Outbox worker:', e);
	}
}

function schedule(current: Loop, delay: number): void {
	if (current.stopped) return;
	clearTimeout(current.timer);
	current.timer = setTimeout(() => run(current), delay);
	// The worker alone must not keep the process alive.
	current.timer.unref();
}

function run(current: Loop): void {
	if (current.stopped) return;
	if (current.running) {
		current.again = true;
		return;
	}
	current.running = tick(current).finally(() => {
		current.running = undefined;
		const again = current.again;
		current.again = false;
		schedule(current, again ? 0 : POLL_MS);
	});
}

/** Starts the worker loop in this process (once; later calls do nothing). */
export function startOutboxWorker(jobs: PeriodicJob[] = []): void {
	if (loop && !loop.stopped) return;
	loop = {
		timer: undefined,
		running: undefined,
		stopped: false,
		again: false,
		lastRun: new Map(),
		jobs
	};
	schedule(loop, 0);
}

/** Wakes the worker now, e.g. right after a transaction that wrote a mail to the outbox. */
export function kickOutbox(): void {
	if (loop && !loop.stopped) run(loop);
}

/** Stops the loop and waits for a drain in progress to finish. */
export async function stopOutboxWorker(): Promise<void> {
	const current = loop;
	if (!current) return;
	current.stopped = true;
	clearTimeout(current.timer);
	await current.running;
}

// The catalogue and the product pages change only when a process is published, retired or
// reopened, yet every visit to the home page used to read and parse all the definitions. They are
// kept in memory here, per database handle, and dropped when the database says they may differ: a
// trigger raises catalogue_revision and sends NOTIFY loket_catalogue at commit (migration jobs).
// While this process listens, a notification drops the cache; while it does not (not started, the
// listening connection lost, a test's handle), each read first compares the counter, one small
// query, so an answer is never older than the last commit in any case. Several workers and machines
// on one PostgreSQL each keep their own cache and each get the notification.
import type { Db } from '../db';
import * as repo from './repository';

const CHANNEL = 'loket_catalogue';
/** Product pages of ids that do not exist are cached too (as null): bound the map. */
const MAX_ENTRIES = 1000;

type State = {
	listening: boolean;
	/** Raised on every notification: a value read before it is not stored after it. */
	generation: number;
	revision: number | null;
	entries: Map<string, { value: unknown; at: number }>;
};

export type CacheOptions<T> = {
	/** Whether a loaded value may be kept (e.g. a page that rendered whole and the same for all). */
	keep?: (value: T) => boolean;
	/** Kept at most this long, for values that also depend on something else that changes slowly. */
	maxAgeMs?: number;
};

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
	let state = states.get(db);
	if (!state)
		states.set(
			db,
			(state = { listening: false, generation: 0, revision: null, entries: new Map() })
		);
	return state;
}

function drop(state: State): void {
	state.generation++;
	state.revision = null;
	state.entries.clear();
}

/** The value under `key`, from memory when it is known to be current, else from `load`. */
export async function cached<T>(
	db: Db,
	key: string,
	load: () => Promise<T>,
	options: CacheOptions<T> = {}
): Promise<T> {
	// Inside a transaction the caller wants what that transaction sees.
	if (db.isTransaction) return load();
	const state = stateOf(db);
	if (!state.listening) {
		const revision = await repo.readCatalogueRevision(db);
		if (revision !== state.revision) {
			drop(state);
			state.revision = revision;
		}
	}
	const entry = state.entries.get(key);
	if (entry && (options.maxAgeMs === undefined || Date.now() - entry.at < options.maxAgeMs))
		return entry.value as T;
	const generation = state.generation;
	const at = Date.now();
	const value = await load();
	if (generation === state.generation && (options.keep?.(value) ?? true)) {
		if (state.entries.size >= MAX_ENTRIES) state.entries.clear();
		state.entries.set(key, { value, at });
	}
	return value;
}

/** Whether `db`'s cache is kept current by notifications (else by the counter). */
export function isWatched(db: Db): boolean {
	return states.get(db)?.listening ?? false;
}

/**
 * Drops the cache of `db` on every NOTIFY loket_catalogue, and trusts it without the counter only
 * while listening. Returns the function that stops.
 */
export function watchCatalogue(
	db: Db,
	listen: (
		channel: string,
		on: { notified: () => void; up: () => void; down: () => void }
	) => () => Promise<void>
): () => Promise<void> {
	const state = stateOf(db);
	const stop = listen(CHANNEL, {
		notified: () => drop(state),
		up: () => {
			// Whatever changed while nobody listened is not in a notification.
			drop(state);
			state.listening = true;
		},
		down: () => {
			state.listening = false;
			drop(state);
		}
	});
	return async () => {
		state.listening = false;
		drop(state);
		await stop();
	};
}

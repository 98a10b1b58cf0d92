// The server's one database handle, opened at start-up (hooks.server.ts `init`) and shared by all
// requests. Kept on globalThis so that Vite's module reloads in development reuse the open
// embedded database instead of trying to lock it a second time.
import type { MigrationResult } from 'kysely';
import {
	openMigrated,
	type DatabaseTarget,
	type Db,
	type Listener,
	type OpenDatabase
} from './connect';
import { migrateToLatest } from './migrate';

export type { Db } from './connect';

type StartedDatabase = OpenDatabase & { migrated: MigrationResult[] };

const holder = globalThis as typeof globalThis & { __loketDatabase?: Promise<StartedDatabase> };

/**
 * Opens the database once per process, running the migrations as the tables' owner; the handle
 * works as the application's role (see openMigrated). Later calls return the same handle.
 */
export function startDatabase(target: DatabaseTarget): Promise<StartedDatabase> {
	holder.__loketDatabase ??= openMigrated(target, (db) => migrateToLatest(db));
	holder.__loketDatabase.catch(() => (holder.__loketDatabase = undefined));
	return holder.__loketDatabase;
}

let current: OpenDatabase | undefined;

export async function useDatabase(target: DatabaseTarget): Promise<StartedDatabase> {
	const started = await startDatabase(target);
	current = started;
	return started;
}

/** The open database; only valid after start-up. */
export function getDb(): Db {
	if (!current) throw new Error('The database is not open yet (start-up has not run)');
	return current.db;
}

export function getDatabaseKind(): 'postgres' | 'pglite' {
	if (!current) throw new Error('The database is not open yet (start-up has not run)');
	return current.kind;
}

/** LISTEN on the open database (see OpenDatabase.listen). */
export function listenDatabase(channel: string, on: Listener): () => Promise<void> {
	if (!current) throw new Error('The database is not open yet (start-up has not run)');
	return current.listen(channel, on);
}

export async function closeDatabase(): Promise<void> {
	const open = current;
	current = undefined;
	holder.__loketDatabase = undefined;
	await open?.close();
}

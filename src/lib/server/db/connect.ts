// Opens the database Loket runs on: PostgreSQL through a `pg` Pool when a URL is configured,
// otherwise embedded PGlite (PostgreSQL compiled to WebAssembly) in the data directory, guarded by
// a lock file. Both go through Kysely with the CamelCasePlugin, so the rest of the code is the same.
// The application works as APP_ROLE, never as the owner of the tables (see openMigrated).
import { join } from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import type { Config } from '../config-schema';
import { redactUrl } from '../config-schema';
import { acquireLock } from './lock';
import type { Database } from './schema';

export type DatabaseTarget =
	| Config['database']
	/** In memory; `image` (a dumped data directory) is loaded first when given (tests). */
	| { kind: 'pglite'; dataDir: null; image?: Blob }
	| { kind: 'postgres'; url: string; ownerUrl?: string; schema?: string };

/**
 * The role the application works as: made and granted by the migration
 * 2026_12_06_0004_record_integrity. It may write what the application changes, but may not alter,
 * drop or truncate a table, disable a trigger, or change or delete what is part of the record.
 */
export const APP_ROLE = 'loket_app';

export type Db = Kysely<Database>;

export class DatabaseUnavailableError extends Error {
	override name = 'DatabaseUnavailableError';
}

export type OpenDatabase = {
	db: Db;
	kind: 'postgres' | 'pglite';
	close: () => Promise<void>;
	/** PGlite only: its data directory as one tar file (a copy to load elsewhere). */
	dump?: () => Promise<Blob>;
	/**
	 * LISTEN on `channel`: `notified` for each NOTIFY, `up` once listening (again: notifications
	 * may have been missed while down), `down` when the listening connection is lost (it is
	 * reopened). Returns the function that stops listening.
	 */
	listen: (channel: string, on: Listener) => () => Promise<void>;
};

export type Listener = { notified: () => void; up: () => void; down: () => void };

const RELISTEN_MS = 1000;

/**
 * A LISTEN on its own connection (a pooled one would be handed to queries), reopened a second after
 * it is lost, for as long as it is not stopped.
 */
function listenPostgres(
	pg: typeof import('pg').default,
	url: string,
	channel: string,
	on: Listener
): () => Promise<void> {
	let stopped = false;
	let client: import('pg').Client | undefined;
	let retry: ReturnType<typeof setTimeout> | undefined;
	const lost = () => {
		if (!client) return;
		const old = client;
		client = undefined;
		old.removeAllListeners();
		old.on('error', () => {});
		void old.end().catch(() => {});
		on.down();
		if (!stopped) retry = setTimeout(open, RELISTEN_MS).unref();
	};
	const open = () => {
		if (stopped) return;
		const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
		client = c;
		c.on('error', lost);
		c.on('end', lost);
		c.on('notification', (n) => n.channel === channel && on.notified());
		c.connect()
			.then(() => c.query(`listen ${channel}`))
			.then(() => client === c && !stopped && on.up())
			.catch(lost);
	};
	open();
	return async () => {
		stopped = true;
		clearTimeout(retry);
		const c = client;
		client = undefined;
		c?.removeAllListeners();
		c?.on('error', () => {});
		await c?.end().catch(() => {});
	};
}

async function openPostgres(url: string, schema?: string, role?: string): Promise<OpenDatabase> {
	const { default: pg } = await import('pg');
	// Dates stay 'YYYY-MM-DD' strings instead of local-midnight Dates, and bigints (ids, sizes,
	// counts) are numbers, exactly as the PGlite parsers below return them.
	pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
	pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
	const pool = new pg.Pool({
		connectionString: url,
		max: 10,
		connectionTimeoutMillis: 5000,
		options:
			[schema && `-c search_path=${schema}`, role && `-c role=${role}`].filter(Boolean).join(' ') ||
			undefined
	});
	// A client losing its server (PostgreSQL restarting) must not crash the process. The pool
	// listens on idle clients only; a client checked out between two queries of a transaction
	// emits its 'error' with no listener, which would kill the server. So every client gets its
	// own listener: the next query on it fails (answered 503), and the pool then drops it.
	pool.on('connect', (client) =>
		client.on('error', (e) => console.error(`PostgreSQL connection lost: ${e.message}`))
	);
	pool.on('error', () => {});
	const db = new Kysely<Database>({
		dialect: new PostgresDialect({ pool }),
		plugins: [new CamelCasePlugin()]
	});
	try {
		await sql`select 1`.execute(db);
	} catch (e) {
		await db.destroy();
		const message = (e as Error).message || String(e);
		throw new DatabaseUnavailableError(
			`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${message}. ` +
				(role && message.includes(role)
					? `The user of DATABASE_URL must be a member of ${role} (GRANT ${role} TO that user).`
					: 'Check DATABASE_URL and that the server is running.')
		);
	}
	return {
		db,
		kind: 'postgres',
		close: () => db.destroy(),
		listen: (channel, on) => listenPostgres(pg, url, channel, on)
	};
}

async function openPglite(dataDir: string | null, image?: Blob): Promise<OpenDatabase> {
	const release = dataDir ? acquireLock(join(dataDir, '..', 'pglite.lock')) : () => {};
	try {
		const { PGlite, types } = await import('@electric-sql/pglite');
		const { PGliteDialect } = await import('kysely-pglite-dialect');
		// unaccent: the inbox's search (migration dutch_search).
		const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
		const options = {
			extensions: { unaccent },
			...(image ? { loadDataDir: image } : {}),
			parsers: { [types.DATE]: (v: string) => v, [types.INT8]: (v: string) => Number(v) }
		};
		const client = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
		const db = new Kysely<Database>({
			dialect: new PGliteDialect(client),
			plugins: [new CamelCasePlugin()]
		});
		return {
			db,
			kind: 'pglite',
			dump: () => client.dumpDataDir('none'),
			// One process, one session: a NOTIFY reaches this listener right after its commit.
			listen: (channel, on) => {
				const unsubscribe = client.listen(channel, () => on.notified());
				let stopped = false;
				void unsubscribe.then(() => !stopped && on.up());
				return async () => {
					stopped = true;
					if (!client.closed) await (await unsubscribe)();
				};
			},
			close: async () => {
				await db.destroy();
				if (!client.closed) await client.close();
				release();
			}
		};
	} catch (e) {
		release();
		throw e;
	}
}

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
	return target.kind === 'postgres'
		? openPostgres(target.url, 'schema' in target ? target.schema : undefined)
		: openPglite(target.dataDir, 'image' in target ? target.image : undefined);
}

/**
 * Opens the database as the owner of its tables (DATABASE_OWNER_URL, else DATABASE_URL, else the
 * embedded database's only user), lets `migrate` bring the schema up to date, and returns the
 * handle the application uses, which works as APP_ROLE. On PostgreSQL that is a new pool whose
 * connections start with `role=loket_app`; on PGlite, which has one session, a SET ROLE on it.
 * Either way the application's queries never run with the owner's rights. A session whose login
 * user is the owner could RESET ROLE; a separate login role (DATABASE_URL) that is only a member
 * of loket_app cannot gain anything by it: see "Running against PostgreSQL" in the README.
 */
export async function openMigrated<T>(
	target: DatabaseTarget,
	migrate: (db: Db) => Promise<T>
): Promise<OpenDatabase & { migrated: T }> {
	if (target.kind === 'pglite') {
		const open = await openPglite(target.dataDir, 'image' in target ? target.image : undefined);
		try {
			const migrated = await migrate(open.db);
			await sql`set role ${sql.id(APP_ROLE)}`.execute(open.db);
			return { ...open, migrated };
		} catch (e) {
			await open.close();
			throw e;
		}
	}
	const schema = 'schema' in target ? target.schema : undefined;
	const owner = await openPostgres(ownerUrl(target), schema);
	let migrated: T;
	try {
		migrated = await migrate(owner.db);
	} catch (e) {
		if ((e as { code?: string }).code !== '42501') throw e;
		throw new DatabaseUnavailableError(
			`Cannot run the migrations as the user of ${redactUrl(ownerUrl(target))}: ${(e as Error).message}. ` +
				'They must run as the owner of the tables: set DATABASE_OWNER_URL to that role.'
		);
	} finally {
		await owner.close();
	}
	return { ...(await openPostgres(target.url, schema, APP_ROLE)), migrated };
}

/** The URL migrations connect with: DATABASE_OWNER_URL when set, else DATABASE_URL. */
export function ownerUrl(target: Extract<DatabaseTarget, { kind: 'postgres' }>): string {
	return ('ownerUrl' in target && target.ownerUrl) || target.url;
}

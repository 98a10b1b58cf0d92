// Opens a fresh, migrated database for one test file: embedded PGlite in memory by default, or a
// new schema on the PostgreSQL server named by DATABASE_URL (dropped afterwards), so test files
// can run in parallel on one server without seeing each other's rows. Like the server, it migrates
// as the owner of the tables and hands the tests a handle that works as the application's role.
import { sql, type Transaction } from 'kysely';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, openMigrated, type OpenDatabase } from '$lib/server/db/connect';
import { migrateToLatest } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db/schema';

export type TestDatabase = OpenDatabase & { label: string; drop: () => Promise<void> };

export const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * Runs `fn` in a transaction with the rights of the tables' owner (SET LOCAL ROLE NONE goes back to
 * the login user, which the tests' DATABASE_URL and PGlite make the owner): for test set-ups the
 * application may not do, such as removing a dossier.
 */
export function asOwner<T>(
	t: OpenDatabase,
	fn: (trx: Transaction<Database>) => Promise<T>
): Promise<T> {
	return t.db.transaction().execute(async (trx) => {
		await sql`set local role none`.execute(trx);
		return fn(trx);
	});
}

export async function openTestDatabase(as: 'app' | 'owner' = 'app'): Promise<TestDatabase> {
	const url = process.env.DATABASE_URL;
	if (!url) {
		// The database as migrated once by the global set-up (pglite-image.ts), when there is one.
		const file = inject('pgliteImage');
		const image = as === 'app' && file ? new Blob([readFileSync(file)]) : undefined;
		const open =
			as === 'app'
				? await openMigrated({ kind: 'pglite', dataDir: null, image }, (db) => migrateToLatest(db))
				: await openDatabase({ kind: 'pglite', dataDir: null });
		if (as === 'owner') await migrateToLatest(open.db);
		return { ...open, label: `pglite (memory, as ${as})`, drop: open.close };
	}
	const database = new URL(url).pathname.slice(1);
	// Tests create and drop schemas: never on a database that is not meant for tests.
	if (!/test|ci/i.test(database))
		throw new Error(
			`Refusing to run tests on database "${database}": its name must contain "test" or "ci"`
		);
	const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	await admin.query(`create schema ${schema}`);
	await admin.end();
	const target = { kind: 'postgres' as const, url, schema };
	const migrate = (db: OpenDatabase['db']) => migrateToLatest(db, undefined, schema);
	const open = as === 'app' ? await openMigrated(target, migrate) : await openDatabase(target);
	if (as === 'owner') await migrate(open.db);
	return {
		...open,
		label: `postgres (schema ${schema}, as ${as})`,
		drop: async () => {
			await open.close();
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			await client.query(`drop schema ${schema} cascade`);
			await client.end();
		}
	};
}

// Opens a fresh, migrated database for one test file: embedded PGlite in memory by default, or a
// new schema on the PostgreSQL server named by DATABASE_URL (dropped afterwards), so test files
// can run in parallel on one server without seeing each other's rows.
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '$lib/server/db/connect';
import { migrateToLatest } from '$lib/server/db/migrate';

export type TestDatabase = OpenDatabase & { label: string; drop: () => Promise<void> };

export const backend = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export async function openTestDatabase(): Promise<TestDatabase> {
	const url = process.env.DATABASE_URL;
	if (!url) {
		const open = await openDatabase({ kind: 'pglite', dataDir: null });
		await migrateToLatest(open.db);
		return { ...open, label: 'pglite (memory)', drop: open.close };
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
	const open = await openDatabase({ kind: 'postgres', url, schema });
	await migrateToLatest(open.db, undefined, schema);
	return {
		...open,
		label: `postgres (schema ${schema})`,
		drop: async () => {
			await open.close();
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			await client.query(`drop schema ${schema} cascade`);
			await client.end();
		}
	};
}

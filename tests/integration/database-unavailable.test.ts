// When PostgreSQL goes away under a running server (a restart, a failover): the connection of a
// transaction in progress is cut, the server process survives it, the failure is recognised as
// "the database is unavailable" (answered 503), and the pool connects again by itself.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '$lib/server/unavailable';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

describe.skipIf(backend !== 'postgres')('a PostgreSQL connection cut mid-transaction', () => {
	let t: TestDatabase;
	const uncaught: unknown[] = [];
	const record = (e: unknown) => uncaught.push(e);
	beforeAll(async () => {
		t = await openTestDatabase();
		process.on('uncaughtException', record);
	});
	afterAll(async () => {
		process.off('uncaughtException', record);
		await t.drop();
	});

	/** What PostgreSQL does to every session when it shuts down: terminate the backend. */
	async function terminate(pid: number): Promise<void> {
		const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
		await admin.connect();
		await admin.query('select pg_terminate_backend($1)', [pid]);
		await admin.end();
	}

	it('fails the transaction as "unavailable", keeps the process alive, and reconnects', async () => {
		let failure: unknown;
		try {
			await t.db.transaction().execute(async (trx) => {
				const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
				// Between two queries the client has no query running: the cut reaches it as an
				// 'error' event, which no one listened to before.
				await terminate(rows[0].pid);
				await new Promise((resolve) => setTimeout(resolve, 300));
				await sql`select 1`.execute(trx);
			});
		} catch (e) {
			failure = e;
		}
		expect(failure).toBeInstanceOf(Error);
		expect(isDatabaseUnavailable(failure)).toBe(true);
		expect(uncaught).toEqual([]);

		const { rows } = await sql<{ one: number }>`select 1 as one`.execute(t.db);
		expect(rows).toEqual([{ one: 1 }]);
	});

	it('tells a database that is down from an ordinary SQL error', async () => {
		const refused = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
		const down = await refused.connect().catch((e: unknown) => e);
		expect(isDatabaseUnavailable(down)).toBe(true);

		const wrong = await sql`select * from no_such_table`.execute(t.db).catch((e: unknown) => e);
		expect(wrong).toBeInstanceOf(Error);
		expect(isDatabaseUnavailable(wrong)).toBe(false);
	});
});

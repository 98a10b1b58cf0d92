// The catalogue and product pages come from memory until the catalogue changes, and are never
// stale: a second handle on the same database (another worker) sees a new version, a retired and
// a reopened process at once, whether it listens for the notification or compares the counter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '$lib/server/db/connect';
import { loadLibrary } from '$lib/server/processes/library';
import { isWatched, watchCatalogue } from '$lib/server/processes/catalogue-cache';
import * as processes from '$lib/server/processes/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const library = loadLibrary();
const { definition } = library.definitions.find((d) => d.definition.id === 'bewonerskaart')!;

async function until(check: () => Promise<boolean>): Promise<void> {
	for (let i = 0; i < 100; i++) {
		if (await check()) return;
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error('the condition never held');
}

describe(`catalogue cache on ${backend}`, () => {
	let t: TestDatabase;
	// On PostgreSQL a second pool on the same schema, as a second worker has; on PGlite (one
	// process) the same handle.
	let other: OpenDatabase;
	let stopWatching: () => Promise<void>;
	beforeAll(async () => {
		t = await openTestDatabase();
		const schema = t.label.match(/schema (\S+),/)?.[1];
		other =
			backend === 'postgres'
				? await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL!, schema })
				: t;
		await processes.importLibrary(library.definitions, t.db);
	});
	afterAll(async () => {
		await stopWatching?.();
		if (other !== t) await other.close();
		await t.drop();
	});

	it('answers from memory until the catalogue changes, and never stale without listening', async () => {
		const first = await processes.listCatalogue(other.db);
		expect(first.find((c) => c.id === 'bewonerskaart')?.version).toBe(definition.version);
		// From memory: the same entries (a fresh array each time, so callers may sort it).
		const again = await processes.listCatalogue(other.db);
		expect(again).not.toBe(first);
		expect(again[0]).toBe(first[0]);
		expect((await processes.findProduct('bewonerskaart', other.db))?.version).toBe(
			definition.version
		);

		// A new version published through the other handle: seen at once (the counter moved).
		await processes.importLibrary(
			[
				{
					...library.definitions[0],
					definition: { ...definition, version: definition.version + 1 }
				}
			],
			t.db
		);
		expect((await processes.findProduct('bewonerskaart', other.db))?.version).toBe(
			definition.version + 1
		);
		const after = await processes.listCatalogue(other.db);
		expect(after.find((c) => c.id === 'bewonerskaart')?.version).toBe(definition.version + 1);
	});

	it('drops the cache on the notification while listening', async () => {
		stopWatching = watchCatalogue(other.db, other.listen);
		await until(async () => isWatched(other.db));
		expect((await processes.listCatalogue(other.db)).some((c) => c.id === 'bewonerskaart')).toBe(
			true
		);
		// Retired through the first handle: the notification drops the other's cache.
		await t.db
			.updateTable('process')
			.set({ retiredAt: new Date() })
			.where('id', '=', 'bewonerskaart')
			.execute();
		await until(async () => (await processes.findProduct('bewonerskaart', other.db)) === null);
		expect((await processes.listCatalogue(other.db)).some((c) => c.id === 'bewonerskaart')).toBe(
			false
		);
		// Reopened: back.
		await t.db
			.updateTable('process')
			.set({ retiredAt: null })
			.where('id', '=', 'bewonerskaart')
			.execute();
		await until(async () => (await processes.findProduct('bewonerskaart', other.db)) !== null);
	});

	it('does not move the counter when only a draft is edited', async () => {
		const read = async () =>
			(await t.db.selectFrom('catalogueRevision').select('revision').executeTakeFirstOrThrow())
				.revision;
		const before = await read();
		await t.db
			.insertInto('processVersion')
			.values({
				processId: 'bewonerskaart',
				version: 99,
				status: 'draft',
				source: 'builder',
				definition: JSON.stringify(definition)
			})
			.execute();
		await t.db
			.updateTable('processVersion')
			.set({ revision: 2 })
			.where('processId', '=', 'bewonerskaart')
			.where('version', '=', 99)
			.execute();
		expect(await read()).toBe(before);
	});
});

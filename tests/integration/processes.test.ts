import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '$lib/process/loader';
import { loadLibrary } from '$lib/server/processes/library';
import * as processes from '$lib/server/processes/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const library = loadLibrary();

describe(`process library import on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
	});
	afterAll(async () => {
		await t.drop();
	});

	it('imports every library definition once as a published version', async () => {
		const first = await processes.importLibrary(library.definitions, t.db);
		expect(first.imported).toHaveLength(library.definitions.length);
		// A restart (or a second instance starting at the same time) imports nothing again.
		const [again, concurrent] = await Promise.all([
			processes.importLibrary(library.definitions, t.db),
			processes.importLibrary(library.definitions, t.db)
		]);
		expect(again.imported).toEqual([]);
		expect(concurrent.imported).toEqual([]);
		const rows = await t.db
			.selectFrom('processVersion')
			.select(['processId', 'version', 'status', 'source', 'publishedAt'])
			.execute();
		expect(rows).toHaveLength(library.definitions.length);
		for (const row of rows) expect(row).toMatchObject({ status: 'published', source: 'library' });
		expect(rows.every((r) => r.publishedAt instanceof Date)).toBe(true);
	});

	it('lists the current version of every process in the catalogue', async () => {
		const catalogue = await processes.listCatalogue(t.db);
		expect(catalogue.map((c) => c.id).sort()).toEqual(
			library.definitions.map((d) => d.definition.id).sort()
		);
		const titles = catalogue.map((c) => c.title.nl);
		expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'nl')));
	});

	it('adds a new library version next to the old one, and new filings get the newest', async () => {
		const { definition } = library.definitions.find((d) => d.definition.id === 'bewonerskaart')!;
		const v2 = {
			...definition,
			version: definition.version + 1,
			summary: { nl: 'Nieuwe versie', en: 'New version' }
		};
		const loaded = loadDefinitions({ 'forms/bewonerskaart.json': JSON.stringify(v2) });
		if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
		expect((await processes.importLibrary(loaded.definitions, t.db)).imported).toEqual([
			`bewonerskaart@${v2.version}`
		]);
		const product = await processes.findProduct('bewonerskaart', t.db);
		expect(product?.version).toBe(v2.version);
		expect(product?.definition.summary.nl).toBe('Nieuwe versie');
		const versions = await t.db
			.selectFrom('processVersion')
			.where('processId', '=', 'bewonerskaart')
			.select('version')
			.orderBy('version')
			.execute();
		expect(versions.map((v) => v.version)).toEqual([definition.version, v2.version]);
	});

	it('reads a draft afresh every time, a published version once', async () => {
		const { definition } = library.definitions[0];
		await t.db
			.insertInto('processVersion')
			.values({
				processId: definition.id,
				version: 90,
				status: 'draft',
				source: 'builder',
				definition: JSON.stringify({ ...definition, version: 90 })
			})
			.execute();
		expect((await processes.getVersion(definition.id, 90, t.db)).title).toEqual(definition.title);
		const retitled = { ...definition, version: 90, title: { nl: 'Nieuwe titel' } };
		await t.db
			.updateTable('processVersion')
			.set({ definition: JSON.stringify(retitled) })
			.where('processId', '=', definition.id)
			.where('version', '=', 90)
			.execute();
		expect((await processes.getVersion(definition.id, 90, t.db)).title).toEqual({
			nl: 'Nieuwe titel'
		});
		const published = await processes.getVersion(definition.id, definition.version, t.db);
		expect(await processes.getVersion(definition.id, definition.version, t.db)).toBe(published);
		await t.db
			.deleteFrom('processVersion')
			.where('processId', '=', definition.id)
			.where('version', '=', 90)
			.execute();
	});

	it('hides retired processes and finds nothing for an unknown one', async () => {
		await t.db
			.updateTable('process')
			.set({ retiredAt: new Date() })
			.where('id', '=', 'klacht')
			.execute();
		expect(await processes.findProduct('klacht', t.db)).toBeNull();
		expect((await processes.listCatalogue(t.db)).some((c) => c.id === 'klacht')).toBe(false);
		expect(await processes.findProduct('bestaat-niet', t.db)).toBeNull();
	});
});

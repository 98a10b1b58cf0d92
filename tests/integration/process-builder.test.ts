import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDefinition } from '$lib/process/loader';
import { loadLibrary } from '$lib/server/processes/library';
import * as lifecycle from '$lib/server/processes/lifecycle';
import * as draftVersions from '$lib/server/processes/draft-versions';
import * as processes from '$lib/server/processes/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const library = loadLibrary();

describe(`process builder on ${backend}`, () => {
	let t: TestDatabase;
	let clerk: string;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary(library.definitions, t.db);
		clerk = (
			await t.db
				.insertInto('appUser')
				.values({ email: 'carla@stad.be', name: 'Carla Formulier', roles: ['clerk'] })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	});
	afterAll(async () => {
		await t.drop();
	});

	async function fileDossier(processId: string, version: number) {
		const n = Math.floor(Math.random() * 900_000) + 100_000;
		await t.db
			.insertInto('dossier')
			.values({
				reference: `2026-${n}`,
				processId,
				processVersion: version,
				status: 'ingediend',
				answers: {},
				guestTokenHash: randomUUID(),
				submissionId: randomUUID()
			})
			.execute();
	}

	it('lists every library process with its versions and the dossiers filed under each', async () => {
		await fileDossier('klacht', 1);
		await fileDossier('klacht', 1);
		const list = await lifecycle.listProcesses(t.db);
		expect(list.map((p) => p.id).sort()).toEqual(
			library.definitions.map((d) => d.definition.id).sort()
		);
		const klacht = list.find((p) => p.id === 'klacht');
		expect(klacht).toMatchObject({
			title: { nl: 'Klacht over de dienstverlening', en: 'Complaint about our service' },
			retiredAt: null,
			currentVersion: 1,
			draftVersion: null,
			versions: [{ version: 1, status: 'published', source: 'library', dossiers: 2, current: true }]
		});
		expect(klacht?.versions[0].publishedAt).toBeInstanceOf(Date);
		// Sorted by Dutch title.
		const titles = list.map((p) => p.title.nl);
		expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'nl')));
	});

	it('creates a blank process as a draft without problems', async () => {
		const result = await lifecycle.createProcess(
			{ id: 'hondenbelasting', title: 'Hondenbelasting', from: null, actorId: clerk },
			t.db
		);
		expect(result).toEqual({ ok: true, id: 'hondenbelasting', version: 1 });
		const draft = await draftVersions.findDraft('hondenbelasting', 1, t.db);
		expect(draft).toMatchObject({ status: 'draft', problems: [] });
		expect(draft?.definition).toMatchObject({
			id: 'hondenbelasting',
			version: 1,
			title: { nl: 'Hondenbelasting' }
		});
		const [summary] = [await lifecycle.findProcess('hondenbelasting', t.db)];
		expect(summary).toMatchObject({
			currentVersion: null,
			draftVersion: 1,
			versions: [{ version: 1, status: 'draft', source: 'builder', dossiers: 0, current: false }]
		});
		// Not in the catalogue: nothing is published yet.
		expect(await processes.findProduct('hondenbelasting', t.db)).toBeNull();
	});

	it('refuses a taken, empty or invalid id and an empty title, clearly', async () => {
		const create = (id: string, title = 'Iets') =>
			lifecycle.createProcess({ id, title, from: null, actorId: clerk }, t.db);
		expect(await create('klacht')).toEqual({
			ok: false,
			refusal: { id: 'taken', title: undefined }
		});
		expect(await create('')).toMatchObject({ ok: false, refusal: { id: 'required' } });
		expect(await create('Met Spaties')).toMatchObject({ ok: false, refusal: { id: 'invalid' } });
		expect(await create('a'.repeat(61))).toMatchObject({ ok: false, refusal: { id: 'too-long' } });
		expect(await create('nieuw-iets', '  ')).toMatchObject({
			ok: false,
			refusal: { title: 'required' }
		});
		expect(
			await lifecycle.createProcess(
				{ id: 'nieuw', title: 'Nieuw', from: { processId: 'klacht', version: 9 }, actorId: clerk },
				t.db
			)
		).toEqual({ ok: false, refusal: { from: 'unknown' } });
		expect(await lifecycle.findProcess('nieuw', t.db)).toBeNull();
	});

	it('creates a process from a library definition and duplicates one', async () => {
		const created = await lifecycle.createProcess(
			{
				id: 'klacht-jeugd',
				title: 'Klacht jeugddienst',
				from: { processId: 'klacht', version: 1 },
				actorId: clerk
			},
			t.db
		);
		expect(created.ok).toBe(true);
		const copy = await draftVersions.findDraft('klacht-jeugd', 1, t.db);
		const original = await processes.getVersion('klacht', 1, t.db);
		expect(copy?.problems).toEqual([]);
		expect(copy?.definition).toMatchObject({
			id: 'klacht-jeugd',
			version: 1,
			title: { nl: 'Klacht jeugddienst' },
			pages: original.pages,
			workflow: original.workflow
		});

		const duplicate = await lifecycle.duplicateProcess('klacht', 1, 'klacht-kopie', clerk, t.db);
		expect(duplicate).toEqual({ ok: true, id: 'klacht-kopie', version: 1 });
		const dup = await draftVersions.findDraft('klacht-kopie', 1, t.db);
		expect(dup?.definition).toEqual({ ...original, id: 'klacht-kopie', version: 1 });
		expect(await lifecycle.duplicateProcess('klacht', 1, 'klacht-kopie', clerk, t.db)).toEqual({
			ok: false,
			refusal: { id: 'taken' }
		});
	});

	it('retires a process out of the catalogue and reopens it; its dossiers stay', async () => {
		expect(await lifecycle.retireProcess('klacht', clerk, t.db)).toEqual({ ok: true });
		expect(await lifecycle.retireProcess('klacht', clerk, t.db)).toEqual({
			ok: false,
			reason: 'unchanged'
		});
		expect((await processes.listCatalogue(t.db)).map((c) => c.id)).not.toContain('klacht');
		expect(await processes.findProduct('klacht', t.db)).toBeNull();
		const retired = await lifecycle.findProcess('klacht', t.db);
		expect(retired?.retiredAt).toBeInstanceOf(Date);
		expect(retired).toMatchObject({ currentVersion: null, versions: [{ dossiers: 2 }] });
		// Dossiers filed before keep their version.
		expect((await processes.getVersion('klacht', 1, t.db)).id).toBe('klacht');

		expect(await lifecycle.reopenProcess('klacht', clerk, t.db)).toEqual({ ok: true });
		expect((await processes.listCatalogue(t.db)).map((c) => c.id)).toContain('klacht');
		expect((await processes.findProduct('klacht', t.db))?.version).toBe(1);
		expect(await lifecycle.retireProcess('bestaat-niet', clerk, t.db)).toEqual({
			ok: false,
			reason: 'not-found'
		});
	});

	it('refuses an invalid import with every problem and stores nothing', async () => {
		const before = await t.db.selectFrom('processVersion').select('processId').execute();
		const broken = JSON.stringify({
			...library.definitions[0].definition,
			id: 'Kapot ID',
			pages: []
		});
		const refused = await lifecycle.importDefinition(broken, clerk, t.db);
		expect(refused.ok).toBe(false);
		if (refused.ok || refused.reason !== 'invalid') throw new Error('expected problems');
		// Problems come with their path and facts, for the page to say them in the user's language.
		expect(refused.problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ path: 'id' }),
				expect.objectContaining({ path: 'pages' })
			])
		);
		expect(await lifecycle.importDefinition('{ niet json', clerk, t.db)).toMatchObject({
			ok: false,
			reason: 'invalid',
			problems: [{ path: '', message: expect.stringMatching(/^JSON: /) }]
		});
		const after = await t.db.selectFrom('processVersion').select('processId').execute();
		expect(after).toHaveLength(before.length);
	});

	it('imports a new id as draft 1 and an existing id as its next draft, never published', async () => {
		const fresh = { ...(await processes.getVersion('klacht', 1, t.db)), id: 'klacht-import' };
		expect(await lifecycle.importDefinition(JSON.stringify(fresh), clerk, t.db)).toEqual({
			ok: true,
			processId: 'klacht-import',
			version: 1,
			created: true
		});
		const exported = await lifecycle.exportVersion('evenement', 1, t.db);
		const imported = await lifecycle.importDefinition(exported!.text, clerk, t.db);
		expect(imported).toEqual({ ok: true, processId: 'evenement', version: 2, created: false });
		expect(await lifecycle.findProcess('evenement', t.db)).toMatchObject({
			currentVersion: 1,
			draftVersion: 2,
			versions: [
				{ version: 2, status: 'draft', source: 'import' },
				{ version: 1, status: 'published' }
			]
		});
		expect(await lifecycle.importDefinition(exported!.text, clerk, t.db)).toEqual({
			ok: false,
			reason: 'draft-exists',
			processId: 'evenement',
			version: 2
		});
		expect((await processes.findProduct('evenement', t.db))?.version).toBe(1);
	});

	it('exports every library definition in its file format; importing it gives the same definition', async () => {
		for (const { file, definition } of library.definitions) {
			const { id, version } = definition;
			const exported = await lifecycle.exportVersion(id, version, t.db);
			expect(exported?.fileName).toBe(`${id}-v${version}.json`);
			const text = exported!.text;
			expect(text.startsWith('{\n\t"$schema": "./schema.json",\n\t"id": ')).toBe(true);
			expect(text.endsWith('}\n')).toBe(true);
			// The file parses to the very definition the library file gives.
			const reparsed = checkDefinition(JSON.parse(text));
			expect(reparsed.ok, file).toBe(true);
			if (reparsed.ok) expect(reparsed.definition, file).toEqual(definition);

			// And back in: the next draft of the same process holds the same definition.
			const before = await lifecycle.findProcess(id, t.db);
			if (before?.draftVersion) {
				const open = await draftVersions.findDraft(id, before.draftVersion, t.db);
				await draftVersions.discardDraft(
					{ processId: id, version: before.draftVersion, revision: open!.revision, actorId: clerk },
					t.db
				);
			}
			const imported = await lifecycle.importDefinition(text, clerk, t.db);
			expect(imported.ok, file).toBe(true);
			if (!imported.ok) continue;
			const draft = await draftVersions.findDraft(id, imported.version, t.db);
			expect(draft?.problems, file).toEqual([]);
			const { $schema: _schema, ...expected } = definition;
			expect({ ...draft!.definition, version }, file).toEqual(expected);
			// Exporting the imported draft gives the same file, but for its version number.
			const again = await lifecycle.exportVersion(id, imported.version, t.db);
			expect(again!.text, file).toBe(
				text.replace(`"version": ${version},`, `"version": ${imported.version},`)
			);
			await draftVersions.discardDraft(
				{ processId: id, version: imported.version, revision: draft!.revision, actorId: clerk },
				t.db
			);
		}
	});

	it('keeps the library file format: key order and tabs as in forms/', async () => {
		const exported = await lifecycle.exportVersion('klacht', 1, t.db);
		const lines = exported!.text.split('\n');
		expect(lines[1]).toBe('\t"$schema": "./schema.json",');
		expect(lines[2]).toBe('\t"id": "klacht",');
		expect(lines[3]).toBe('\t"version": 1,');
		expect(lines[4]).toBe('\t"title": {');
		expect(await lifecycle.exportVersion('klacht', 99, t.db)).toBeNull();
	});

	it('diffs two versions in words-ready changes', async () => {
		const opened = await draftVersions.openDraft('bewonerskaart', clerk, t.db);
		const draft = await draftVersions.findDraft('bewonerskaart', opened!.version, t.db);
		const definition = structuredClone(draft!.definition) as {
			title: { nl: string; en?: string };
		};
		definition.title.nl = 'Bewonerskaart voor het centrum';
		await draftVersions.saveDraft(
			{
				processId: 'bewonerskaart',
				version: opened!.version,
				revision: draft!.revision,
				definition,
				actorId: clerk
			},
			t.db
		);
		const diff = await lifecycle.diffVersions('bewonerskaart', 1, opened!.version, t.db);
		expect(diff?.changes).toEqual([
			expect.objectContaining({ action: 'changed', subject: 'process', id: 'title' })
		]);
		expect((await lifecycle.diffVersions('bewonerskaart', 1, 1, t.db))?.changes).toEqual([]);
		expect(await lifecycle.diffVersions('bewonerskaart', 1, 42, t.db)).toBeNull();
	});

	it('opens one draft when two clerks open one at the same time', async () => {
		const both = await Promise.all([
			draftVersions.openDraft('terrasvergunning', clerk, t.db),
			draftVersions.openDraft('terrasvergunning', clerk, t.db)
		]);
		expect(both.map((o) => o?.version)).toEqual([2, 2]);
		expect(both.filter((o) => o?.created)).toHaveLength(1);
		const summary = await lifecycle.findProcess('terrasvergunning', t.db);
		expect(summary?.versions.filter((v) => v.status === 'draft')).toHaveLength(1);
	});

	it('lists the change log newest first, with who did what', async () => {
		const log = await lifecycle.listEvents('bewonerskaart', t.db);
		expect(log.map((e) => e.type)).toEqual([
			'draft-saved',
			'draft-created',
			'draft-discarded',
			'imported'
		]);
		expect(log.every((e) => e.actor === 'Carla Formulier')).toBe(true);
		expect(lifecycle.changesOf(log[0])).toEqual([
			expect.objectContaining({ subject: 'process', id: 'title' })
		]);
		const klacht = await lifecycle.listEvents('klacht', t.db);
		expect(klacht.map((e) => e.type)).toEqual([
			'draft-discarded',
			'imported',
			'reopened',
			'retired'
		]);
		const created = await lifecycle.listEvents('klacht-jeugd', t.db);
		expect(created).toMatchObject([
			{ type: 'created', version: 1, data: { from: { processId: 'klacht', version: 1 } } }
		]);
	});
});

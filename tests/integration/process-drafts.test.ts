import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadLibrary } from '$lib/server/processes/library';
import * as processes from '$lib/server/processes/service';
import * as draftVersions from '$lib/server/processes/draft-versions';
import { asOwner, backend, openTestDatabase, type TestDatabase } from './test-db';

const library = loadLibrary();

describe(`process drafts on ${backend}`, () => {
	let t: TestDatabase;
	let clerk: string;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary(library.definitions, t.db);
		clerk = (
			await t.db
				.insertInto('appUser')
				.values({ email: 'griet@stad.be', name: 'Griet Clerk', roles: ['clerk'] })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	});
	afterAll(async () => {
		await t.drop();
	});

	it('opens one draft per process, copied from its newest version with the next number', async () => {
		const first = await draftVersions.openDraft('klacht', clerk, t.db);
		const again = await draftVersions.openDraft('klacht', clerk, t.db);
		expect(first).toEqual({ version: 2, created: true });
		expect(again).toEqual({ version: 2, created: false });
		expect(await draftVersions.openDraft('bestaat-niet', clerk, t.db)).toBeNull();
		const draft = await draftVersions.findDraft('klacht', 2, t.db);
		expect(draft).toMatchObject({ status: 'draft', revision: 1, problems: [] });
		expect(draft?.definition).toMatchObject({ id: 'klacht', version: 2 });
	});

	it('saves a draft with problems, refuses a stale revision and never publishes problems', async () => {
		const draft = await draftVersions.findDraft('klacht', 2, t.db);
		const definition = structuredClone(draft!.definition) as {
			title: { nl: string };
			pages: { fields: { label: { nl: string } }[] }[];
		};
		definition.title.nl = '';
		const saved = await draftVersions.saveDraft(
			{ processId: 'klacht', version: 2, revision: 1, definition, actorId: clerk },
			t.db
		);
		expect(saved.ok).toBe(true);
		if (!saved.ok) return;
		expect(saved.revision).toBe(2);
		expect(saved.problems.map((p) => p.path)).toContain('title.nl');

		const stale = await draftVersions.saveDraft(
			{ processId: 'klacht', version: 2, revision: 1, definition, actorId: clerk },
			t.db
		);
		expect(stale).toMatchObject({ ok: false, reason: 'conflict', changedBy: 'Griet Clerk' });

		const refused = await draftVersions.publishDraft(
			{ processId: 'klacht', version: 2, revision: 2, actorId: clerk },
			t.db
		);
		expect(refused).toMatchObject({ ok: false, reason: 'problems' });

		definition.title.nl = 'Klacht of melding';
		const fixed = await draftVersions.saveDraft(
			{ processId: 'klacht', version: 2, revision: 2, definition, actorId: clerk },
			t.db
		);
		expect(fixed).toMatchObject({ ok: true, revision: 3, problems: [] });
	});

	it('publishes: new filings get the new version, the old one stays and is frozen', async () => {
		const published = await draftVersions.publishDraft(
			{ processId: 'klacht', version: 2, revision: 3, actorId: clerk },
			t.db
		);
		expect(published.ok).toBe(true);
		if (!published.ok) return;
		expect(published.changes).toContainEqual(
			expect.objectContaining({ action: 'changed', subject: 'process', id: 'title' })
		);
		expect((await processes.findProduct('klacht', t.db))?.version).toBe(2);
		expect((await processes.getVersion('klacht', 1, t.db)).title.nl).not.toBe('Klacht of melding');

		await expect(
			sql`update process_version set definition = '{}'::jsonb where process_id = 'klacht' and version = 1`.execute(
				t.db
			)
		).rejects.toThrow(/cannot be changed/);
		await expect(
			sql`delete from process_version where process_id = 'klacht' and version = 2`.execute(t.db)
		).rejects.toThrow(/cannot be changed/);
		const again = await draftVersions.saveDraft(
			{ processId: 'klacht', version: 2, revision: 4, definition: {}, actorId: clerk },
			t.db
		);
		expect(again).toEqual({ ok: false, reason: 'not-a-draft' });
	});

	it('records every change in an append-only log and discards a draft', async () => {
		const opened = await draftVersions.openDraft('klacht', clerk, t.db);
		expect(opened?.version).toBe(3);
		expect(
			await draftVersions.discardDraft(
				{ processId: 'klacht', version: 3, revision: 1, actorId: clerk },
				t.db
			)
		).toEqual({ ok: true });
		expect(await draftVersions.findDraft('klacht', 3, t.db)).toBeNull();

		const log = await t.db
			.selectFrom('processEvent')
			.where('processId', '=', 'klacht')
			.select(['type', 'version', 'actorId', 'data'])
			.orderBy('id')
			.execute();
		expect(log.map((e) => e.type)).toEqual([
			'draft-created',
			'draft-saved',
			'draft-saved',
			'published',
			'draft-created',
			'draft-discarded'
		]);
		expect(log.every((e) => e.actorId === clerk)).toBe(true);
		// Each save says what changed, also while the draft still had a problem.
		const titleChange = { action: 'changed', subject: 'process', id: 'title' };
		expect(log[1].data.changes).toEqual([expect.objectContaining(titleChange)]);
		expect(log[2].data.changes).toEqual([
			expect.objectContaining({
				...titleChange,
				after: expect.objectContaining({ nl: 'Klacht of melding' })
			})
		]);
		// The application's role may not even try (record-integrity.test.ts); the trigger holds
		// for the tables' owner too.
		await expect(
			asOwner(t, (owner) => sql`update process_event set type = 'x'`.execute(owner))
		).rejects.toThrow(/append-only/);
		await expect(
			asOwner(t, (owner) => sql`delete from process_event`.execute(owner))
		).rejects.toThrow(/append-only/);
	});
});

// Acting for an enterprise (issue 18, item 5): a citizen signed in for an enterprise files on its
// behalf; the dossier records for which enterprise and who acted, and that record never changes.
// The enterprise's dossiers are listed apart from the person's own, to whoever is signed in for
// that enterprise, and found by no one else.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import type { SignedIn } from '$lib/process/assurance';
import { toIsoDate } from '$lib/process/calendar';
import { describeDossier } from '$lib/server/api/dossiers';
import { GlobMigrationProvider, migrateToLatest } from '$lib/server/db/migrate';
import * as dossiers from '$lib/server/dossiers/service';
import { onBehalfOf } from '$lib/server/dossiers/on-behalf';
import * as views from '$lib/server/dossiers/views';
import * as drafts from '$lib/server/drafts/service';
import { LocalFileStorage } from '$lib/server/files/storage';
import * as processes from '$lib/server/processes/service';
import { fileDossier } from '../fixtures/dossiers';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: toIsoDate(new Date()) };
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-on-behalf-')));
const answers = [
	{
		naam: 'Carla Peeters',
		rrn: '85.07.30-033.28',
		eigendom: 'eigen',
		'adres.street': 'Kerkstraat',
		'adres.number': '12',
		'adres.postcode': '9000',
		'adres.municipality': 'Gent',
		email: 'carla@example.be'
	},
	{ datum: toIsoDate(new Date(Date.now() + 60 * 86_400_000)), bezoekers: '120' }
];
const bakery = { number: '0123456749', name: 'Bakkerij Peeters BV', role: 'zaakvoerder' };
const forBakery = (givenName: string): SignedIn => ({
	provider: 'acmidm',
	assurance: 'high',
	identity: { givenName, familyName: 'Peeters', enterprise: bakery }
});
const herself: SignedIn = {
	provider: 'acmidm',
	assurance: 'high',
	identity: { givenName: 'Carla', familyName: 'Peeters' }
};

describe(`filing on behalf of an enterprise on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'test.json', definition: testDefinition }], t.db);
	});
	afterAll(async () => {
		await t.drop();
	});

	async function newCitizen(name: string) {
		const user = await t.db
			.insertInto('appUser')
			.values({ email: `kbo-${crypto.randomUUID()}@example.be`, name })
			.returning('id')
			.executeTakeFirstOrThrow();
		return user.id;
	}

	async function file(ownerId: string, signedIn: SignedIn) {
		const opened = await drafts.openDraft(
			{ processId: testDefinition.id, token: undefined, ownerId, language: 'nl' },
			t.db
		);
		if (!opened) throw new Error('no draft');
		let view = opened.view;
		for (const [page, values] of answers.entries()) {
			const reading = readPage(view.definition, page, values, view.answers, opts);
			const saved = await drafts.savePage(view, reading, { storage, opts }, t.db);
			if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
			view = (await drafts.findDraft(
				{ processId: testDefinition.id, token: opened.token, ownerId },
				t.db
			))!;
		}
		const filed = await dossiers.submitDraft(view, { ownerId, opts, signedIn }, t.db);
		if (!filed.ok) throw new Error(JSON.stringify(filed));
		return filed.dossier;
	}

	it('records the enterprise and who acted, as staff and the API see it', async () => {
		const carla = await newCitizen('Carla Peeters');
		const dossier = await file(carla, forBakery('Carla'));
		expect(dossier).toMatchObject({
			onBehalfKbo: '0123456749',
			onBehalfName: 'Bakkerij Peeters BV',
			onBehalfBy: 'Carla Peeters',
			onBehalfRole: 'zaakvoerder'
		});
		expect(onBehalfOf(dossier)).toEqual({
			kbo: '0123456749',
			kboFormatted: '0123.456.749',
			name: 'Bakkerij Peeters BV',
			by: 'Carla Peeters',
			role: 'zaakvoerder'
		});
		const api = await describeDossier(dossier, t.db);
		expect(api.onBehalfOf).toEqual({
			enterpriseNumber: '0123456749',
			name: 'Bakkerij Peeters BV',
			actedBy: 'Carla Peeters',
			role: 'zaakvoerder'
		});
		// Filed for herself: no enterprise.
		const own = await file(carla, herself);
		expect(onBehalfOf(own)).toBeNull();
		expect((await describeDossier(own, t.db)).onBehalfOf).toBeNull();
	});

	it('keeps on whose behalf it was filed: the database refuses a change', async () => {
		const carla = await newCitizen('Carla Peeters');
		const dossier = await file(carla, forBakery('Carla'));
		for (const change of [
			sql`update dossier set on_behalf_kbo = '0202239951' where id = ${dossier.id}`,
			sql`update dossier set on_behalf_name = 'Andere BV' where id = ${dossier.id}`,
			sql`update dossier set on_behalf_by = 'Iemand' where id = ${dossier.id}`,
			sql`update dossier set on_behalf_role = null where id = ${dossier.id}`
		])
			await expect(change.execute(t.db)).rejects.toThrow(
				/on whose behalf it was filed cannot change/
			);
		const own = await file(carla, herself);
		await expect(
			sql`update dossier set on_behalf_kbo = '0123456749', on_behalf_name = 'X', on_behalf_by = 'Y'
				where id = ${own.id}`.execute(t.db)
		).rejects.toThrow(/on whose behalf it was filed cannot change/);
		// A number without a name or an actor is not a record it can hold.
		await expect(
			sql`insert into dossier (reference, process_id, process_version, status, answers,
					applicant_name, submission_id, guest_token_hash, on_behalf_kbo)
				values ('2099-999998', ${testDefinition.id}, 1, 'ingediend', '{}', 'X', ${crypto.randomUUID()}, 'h', '0123456749')`.execute(
				t.db
			)
		).rejects.toThrow(/dossier_on_behalf/);
	});

	it('forgets who acted when the dossier is destroyed, and keeps the enterprise', async () => {
		const carla = await newCitizen('Carla Peeters');
		const dossier = await file(carla, forBakery('Carla'));
		const kept = await file(carla, forBakery('Carla'));
		// Clearing who acted is the destruction's alone: not in an ordinary update, not without
		// the enterprise staying as it was.
		for (const change of [
			sql`update dossier set on_behalf_by = null, on_behalf_role = null where id = ${dossier.id}`,
			sql`update dossier set destroyed_at = now(), retention = '{}'::jsonb, answers = '{}'::jsonb,
				applicant_name = '', applicant_email = null, on_behalf_by = null, on_behalf_role = null,
				on_behalf_name = 'Andere BV' where id = ${dossier.id}`
		])
			await expect(change.execute(t.db)).rejects.toThrow(
				/on whose behalf it was filed cannot change/
			);
		await sql`update dossier set closed_at = now() where id in (${dossier.id}, ${kept.id})`.execute(
			t.db
		);
		await sql`select destroy_dossier(${dossier.id}::uuid, '{"action":"destroy"}'::jsonb)`.execute(
			t.db
		);
		const tombstone = await t.db
			.selectFrom('dossier')
			.select(['destroyedAt', 'onBehalfKbo', 'onBehalfName', 'onBehalfBy', 'onBehalfRole'])
			.where('id', '=', dossier.id)
			.executeTakeFirstOrThrow();
		expect(tombstone.destroyedAt).not.toBeNull();
		expect(tombstone).toMatchObject({
			onBehalfKbo: '0123456749',
			onBehalfName: 'Bakkerij Peeters BV',
			onBehalfBy: null,
			onBehalfRole: null
		});
		expect(onBehalfOf({ ...dossier, ...tombstone })).toEqual({
			kbo: '0123456749',
			kboFormatted: '0123.456.749',
			name: 'Bakkerij Peeters BV',
			by: null,
			role: null
		});
		// It is still the enterprise's: its list holds it.
		expect((await views.listForEnterprise(bakery.number, t.db)).map((d) => d.reference)).toContain(
			dossier.reference
		);
		// After it, the enterprise stays as it is and no one can be named again.
		for (const change of [
			sql`update dossier set on_behalf_by = 'Carla Peeters' where id = ${dossier.id}`,
			sql`update dossier set on_behalf_kbo = null, on_behalf_name = null where id = ${dossier.id}`,
			sql`update dossier set on_behalf_name = 'Andere BV' where id = ${dossier.id}`
		])
			await expect(change.execute(t.db)).rejects.toThrow(
				/on whose behalf it was filed cannot change/
			);
		// A kept dossier, even closed, still names who acted and cannot lose it.
		await expect(
			sql`update dossier set on_behalf_by = null, on_behalf_role = null where id = ${kept.id}`.execute(
				t.db
			)
		).rejects.toThrow(/on whose behalf it was filed cannot change/);
		expect(
			await t.db
				.selectFrom('dossier')
				.select(['onBehalfBy', 'onBehalfRole'])
				.where('id', '=', kept.id)
				.executeTakeFirstOrThrow()
		).toEqual({ onBehalfBy: 'Carla Peeters', onBehalfRole: 'zaakvoerder' });
		// Only a tombstone may hold the enterprise without who acted.
		await expect(
			sql`insert into dossier (reference, process_id, process_version, status, answers,
					applicant_name, submission_id, guest_token_hash, on_behalf_kbo, on_behalf_name)
				values ('2099-999997', ${testDefinition.id}, 1, 'ingediend', '{}', 'X', ${crypto.randomUUID()}, 'h', '0123456749', 'Bakkerij Peeters BV')`.execute(
				t.db
			)
		).rejects.toThrow(/dossier_on_behalf/);
	});

	it("lists the enterprise's dossiers apart, to whoever signs in for it, and only to them", async () => {
		const carla = await newCitizen('Carla Peeters');
		const jan = await newCitizen('Jan Peeters');
		const stranger = await newCitizen('Els Wouters');
		const forIt = await file(carla, forBakery('Carla'));
		const byJan = await file(jan, forBakery('Jan'));
		const own = await file(carla, herself);

		// Her own list: her own dossier, not the one she filed for the bakery.
		expect((await views.listForOwner(carla, t.db)).map((d) => d.reference)).toEqual([
			own.reference
		]);
		// The bakery's: both, whoever of it filed them.
		const bakeryList = (await views.listForEnterprise(bakery.number, t.db)).map((d) => d.reference);
		expect(bakeryList).toEqual(expect.arrayContaining([forIt.reference, byJan.reference]));
		expect(bakeryList).not.toContain(own.reference);

		const find = (reference: string, userId: string, enterprise: string | null) =>
			views.findForCitizen(reference, { userId, enterprise }, t.db);
		// Signed in for the bakery, Carla finds Jan's dossier for it; signed in for herself, not even
		// her own for the bakery.
		expect((await find(byJan.reference, carla, bakery.number))?.id).toBe(byJan.id);
		expect(await find(forIt.reference, carla, null)).toBeNull();
		expect(await views.findForOwner(forIt.reference, carla, t.db)).toBeNull();
		// Her own dossier stays hers, whatever she is signed in for; no one else's.
		expect((await find(own.reference, carla, bakery.number))?.id).toBe(own.id);
		expect(await find(own.reference, jan, bakery.number)).toBeNull();
		// Another enterprise, or none: nothing of the bakery's.
		expect(await find(forIt.reference, stranger, '0202239951')).toBeNull();
		expect(await find(forIt.reference, stranger, null)).toBeNull();

		// Why it is not found is told to the one who acted alone, signed in for herself or for
		// another enterprise: for which enterprise to sign in. To no one else, and not once found.
		const why = (reference: string, userId: string, enterprise: string | null) =>
			views.findEnterpriseOfActor(reference, { userId, enterprise }, t.db);
		expect(await why(forIt.reference, carla, null)).toEqual({ name: 'Bakkerij Peeters BV' });
		expect(await why(forIt.reference, carla, '0202239951')).toEqual({
			name: 'Bakkerij Peeters BV'
		});
		expect(await why(forIt.reference, carla, bakery.number)).toBeNull();
		expect(await why(byJan.reference, carla, null)).toBeNull();
		expect(await why(forIt.reference, jan, null)).toBeNull();
		expect(await why(forIt.reference, stranger, null)).toBeNull();
		expect(await why(own.reference, stranger, null)).toBeNull();
		expect(await why('2099-000000', carla, null)).toBeNull();
	});
});

describe(`the migration that forgets who acted on a tombstone, on ${backend}`, () => {
	it('clears who acted on the dossiers destroyed before it, and on none kept', async () => {
		const t = await openTestDatabase('owner');
		try {
			const schema = t.label.match(/schema (\w+)/)?.[1];
			const migrator = new Migrator({
				db: t.db,
				provider: new GlobMigrationProvider(),
				...(schema ? { migrationTableSchema: schema } : {})
			});
			const back = await migrator.migrateTo('2026_12_10_0005_jobs');
			if (back.error) throw back.error;
			await processes.importLibrary([{ file: 'test.json', definition: testDefinition }], t.db);
			const forBakery = (reference: string) =>
				fileDossier(t.db, {
					reference,
					processId: testDefinition.id,
					closedAt: new Date('2026-01-10T10:00:00Z'),
					onBehalfKbo: '0123456749',
					onBehalfName: 'Bakkerij Peeters BV',
					onBehalfBy: 'Carla Peeters',
					onBehalfRole: 'zaakvoerder'
				});
			const destroyed = await forBakery('2026-900001');
			const kept = await forBakery('2026-900002');
			// Destroyed by the function as the retention migration made it: who acted stayed.
			await sql`select destroy_dossier(${destroyed.id}::uuid, '{"action":"destroy"}'::jsonb)`.execute(
				t.db
			);
			const who = (id: string) =>
				t.db
					.selectFrom('dossier')
					.select(['onBehalfKbo', 'onBehalfName', 'onBehalfBy', 'onBehalfRole'])
					.where('id', '=', id)
					.executeTakeFirstOrThrow();
			expect((await who(destroyed.id)).onBehalfBy).toBe('Carla Peeters');

			await migrateToLatest(t.db, undefined, schema);
			expect(await who(destroyed.id)).toEqual({
				onBehalfKbo: '0123456749',
				onBehalfName: 'Bakkerij Peeters BV',
				onBehalfBy: null,
				onBehalfRole: null
			});
			expect(await who(kept.id)).toMatchObject({
				onBehalfBy: 'Carla Peeters',
				onBehalfRole: 'zaakvoerder'
			});
		} finally {
			await t.drop();
		}
	});
});

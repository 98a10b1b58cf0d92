// A process that needs a certain identity (issue 18): filing it needs a sign-in at its level of
// assurance, whatever way the answers come (the form's last step, a device's queued submission);
// the dossier records how the citizen had signed in, and that record never changes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import type { SignedIn } from '$lib/process/assurance';
import { toIsoDate } from '$lib/process/calendar';
import { processDefinition } from '$lib/process/definition';
import { lockedAnswers } from '$lib/process/identity';
import * as dossiers from '$lib/server/dossiers/service';
import * as drafts from '$lib/server/drafts/service';
import { receiveFromDevice } from '$lib/server/filing/device';
import { LocalFileStorage } from '$lib/server/files/storage';
import * as processes from '$lib/server/processes/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: toIsoDate(new Date()) };
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-assurance-')));
const withEid = processDefinition.parse({
	...testDefinition,
	id: 'proef-eid',
	auth: 'required',
	assurance: 'high'
});
const answers = [
	{
		naam: 'Ada Peeters',
		rrn: '85.07.30-033.28',
		eigendom: 'eigen',
		'adres.street': 'Kerkstraat',
		'adres.number': '12',
		'adres.postcode': '9000',
		'adres.municipality': 'Gent',
		email: 'ada@example.be'
	},
	{ datum: toIsoDate(new Date(Date.now() + 60 * 86_400_000)), bezoekers: '120' }
];
const password: SignedIn = { provider: null, assurance: 'low' };
const eid: SignedIn = { provider: 'acmidm', assurance: 'high' };

describe(`filing a process that needs eID or itsme on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary(
			[
				{ file: 'test.json', definition: testDefinition },
				{ file: 'eid.json', definition: withEid }
			],
			t.db
		);
	});
	afterAll(async () => {
		await t.drop();
	});

	async function newCitizen() {
		const user = await t.db
			.insertInto('appUser')
			.values({ email: `eid-${crypto.randomUUID()}@example.be`, name: 'Ada Peeters' })
			.returning('id')
			.executeTakeFirstOrThrow();
		return user.id;
	}

	async function filledDraft(processId: string, ownerId: string | null) {
		const opened = await drafts.openDraft(
			{ processId, token: undefined, ownerId, language: 'nl' },
			t.db
		);
		if (!opened) throw new Error('no draft');
		let view = opened.view;
		for (const [page, values] of answers.entries()) {
			const reading = readPage(view.definition, page, values, view.answers, opts);
			const saved = await drafts.savePage(view, reading, { storage, opts }, t.db);
			if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
			view = (await drafts.findDraft({ processId, token: opened.token, ownerId }, t.db))!;
		}
		return { view, token: opened.token };
	}

	it('refuses to file with a password session, files with eID, and records how', async () => {
		const ownerId = await newCitizen();
		const { view, token } = await filledDraft('proef-eid', ownerId);

		const low = await dossiers.submitDraft(
			view,
			{ ownerId, opts, trackingToken: token, signedIn: password },
			t.db
		);
		expect(low).toEqual({ ok: false, issues: [], needs: 'high' });
		const none = await dossiers.submitDraft(view, { ownerId, opts, signedIn: null }, t.db);
		expect(none).toEqual({ ok: false, issues: [], needs: 'high' });
		expect(
			await t.db.selectFrom('dossier').select('id').where('ownerId', '=', ownerId).execute()
		).toEqual([]);

		// Signed in again with eID: the same draft is filed, nothing was lost.
		const high = await dossiers.submitDraft(
			view,
			{ ownerId, opts, trackingToken: token, signedIn: eid },
			t.db
		);
		if (!high.ok) throw new Error(JSON.stringify(high));
		expect(high.dossier).toMatchObject({
			processId: 'proef-eid',
			ownerId,
			signedInWith: 'acmidm',
			assurance: 'high',
			applicantName: 'Ada Peeters'
		});
	});

	it('keeps how the citizen signed in as it was filed: the database refuses a change', async () => {
		const ownerId = await newCitizen();
		const { view } = await filledDraft('proef-eid', ownerId);
		const filed = await dossiers.submitDraft(view, { ownerId, opts, signedIn: eid }, t.db);
		if (!filed.ok) throw new Error(JSON.stringify(filed));
		await expect(
			sql`update dossier set assurance = 'low' where id = ${filed.dossier.id}`.execute(t.db)
		).rejects.toThrow(/how the citizen signed in cannot change/);
		await expect(
			sql`update dossier set signed_in_with = 'other' where id = ${filed.dossier.id}`.execute(t.db)
		).rejects.toThrow(/how the citizen signed in cannot change/);
		// A provider without a level is not a sign-in the record can hold.
		await expect(
			sql`insert into dossier (reference, process_id, process_version, status, answers,
					applicant_name, submission_id, guest_token_hash, signed_in_with)
				values ('2099-999999', 'proef-eid', 1, 'ingediend', '{}', 'X', ${crypto.randomUUID()}, 'h', 'acmidm')`.execute(
				t.db
			)
		).rejects.toThrow(/dossier_signed_in/);
	});

	it('asks a device that sends its queued submission to sign in at the level first', async () => {
		const ownerId = await newCitizen();
		const upload = {
			mode: 'submit' as const,
			submissionId: crypto.randomUUID(),
			// The answers as a device keeps them: what the page rules accepted, in their stored form.
			answers: answers.reduce(
				(kept, values, page) => ({
					...kept,
					...readPage(withEid, page, values, kept, opts).answers
				}),
				{}
			),
			files: new Map<string, File>(),
			version: 1
		};
		const who = { processId: 'proef-eid', token: undefined, ownerId, language: 'nl' as const };
		const deps = { storage, opts };
		const low = await receiveFromDevice({ ...who, signedIn: password }, upload, deps, t.db);
		expect(low).toMatchObject({ kind: 'login', needs: 'high' });
		// What it sent is kept as the draft: after signing in it is filed from there.
		const high = await receiveFromDevice(
			{ ...who, token: low.kind === 'login' ? low.token : undefined, signedIn: eid },
			upload,
			deps,
			t.db
		);
		expect(high).toMatchObject({ kind: 'filed', created: true });
		const dossier = await t.db
			.selectFrom('dossier')
			.select(['signedInWith', 'assurance'])
			.where('submissionId', '=', upload.submissionId)
			.executeTakeFirstOrThrow();
		expect(dossier).toEqual({ signedInWith: 'acmidm', assurance: 'high' });
	});

	it('records a password sign-in as low and a guest as not signed in', async () => {
		const ownerId = await newCitizen();
		const mine = await filledDraft('proef', ownerId);
		const byPassword = await dossiers.submitDraft(
			mine.view,
			{ ownerId, opts, signedIn: password },
			t.db
		);
		const guest = await filledDraft('proef', null);
		const asGuest = await dossiers.submitDraft(
			guest.view,
			{ ownerId: null, opts, signedIn: null },
			t.db
		);
		if (!byPassword.ok || !asGuest.ok) throw new Error('not filed');
		expect(byPassword.dossier).toMatchObject({ signedInWith: null, assurance: 'low' });
		expect(asGuest.dossier).toMatchObject({ signedInWith: null, assurance: null });
	});

	it('files the name eID vouched for, and refuses a page post that changes it', async () => {
		const ownerId = await newCitizen();
		const identity = { givenName: 'Ada', familyName: 'Peeters-Janssens' };
		const { view } = await filledDraft('proef-eid', ownerId);
		const locked = lockedAnswers(view.definition, identity);
		expect(locked).toEqual({ naam: 'Ada Peeters-Janssens' });

		const store = drafts.answerStore(view, { storage, opts, locked }, t.db);
		const changed = readPage(view.definition, 0, answers[0], view.answers, opts);
		expect(await store.save(0, changed)).toEqual({
			ok: false,
			issues: [{ name: 'naam', message: 'identityLocked(label=Naam)' }]
		});
		const kept = readPage(
			view.definition,
			0,
			{ ...answers[0], naam: 'Ada Peeters-Janssens' },
			view.answers,
			opts
		);
		expect((await store.save(0, kept)).ok).toBe(true);

		// The draft still says "Ada Peeters" (typed before signing in): what is filed is eID's.
		const filed = await dossiers.submitDraft(
			view,
			{ ownerId, opts, signedIn: { ...eid, identity } },
			t.db
		);
		if (!filed.ok) throw new Error(JSON.stringify(filed));
		expect(filed.dossier.applicantName).toBe('Ada Peeters-Janssens');
		expect(filed.dossier.answers).toMatchObject({ naam: 'Ada Peeters-Janssens' });
	});
});

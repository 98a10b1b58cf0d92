import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions, type StoredFile } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import { computeDueDate, toIsoDate } from '$lib/process/calendar';
import * as dossiers from '$lib/server/dossiers/service';
import * as drafts from '$lib/server/drafts/service';
import { LocalFileStorage, readStored } from '$lib/server/files/storage';
import * as processes from '$lib/server/processes/service';
import * as users from '$lib/server/users/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: toIsoDate(new Date()) };
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-filing-')));
const pdf = (name: string, text = 'aanvraag') =>
	new File([`%PDF-1.7\n${text}`], name, { type: 'application/pdf' });

const firstPage = {
	naam: 'Ada Peeters',
	rrn: '85.07.30-033.28',
	eigendom: 'lease',
	'adres.street': 'Kerkstraat',
	'adres.number': '12',
	'adres.postcode': '9000',
	'adres.municipality': 'Gent',
	email: 'ada@example.be'
};
const secondPage = { datum: toIsoDate(new Date(Date.now() + 60 * 86_400_000)), bezoekers: '120' };

describe(`filing a request on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'test.json', definition: testDefinition }], t.db);
	});
	afterAll(async () => {
		await t.drop();
	});

	async function fillDraft() {
		const opened = await drafts.openDraft(
			{ processId: 'proef', token: undefined, ownerId: null, language: 'nl' },
			t.db
		);
		if (!opened) throw new Error('no draft');
		let view = opened.view;
		for (const [page, values] of [
			[0, { ...firstPage, contract: [pdf('contract.pdf')] }],
			[1, secondPage]
		] as const) {
			const reading = readPage(view.definition, page, values, view.answers, opts);
			expect(reading.issues).toEqual([]);
			const saved = await drafts.savePage(view, reading, { storage, opts }, t.db);
			if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
			view = (await drafts.findDraft(
				{ processId: 'proef', token: opened.token, ownerId: null },
				t.db
			))!;
		}
		return { view, token: opened.token };
	}

	it('keeps a guest draft behind its token, for this process and nobody else', async () => {
		const opened = await drafts.openDraft(
			{ processId: 'proef', token: undefined, ownerId: null, language: 'nl' },
			t.db
		);
		expect(opened?.token).toMatch(/^[A-Za-z0-9_-]{27}$/);
		const again = await drafts.openDraft(
			{ processId: 'proef', token: opened?.token, ownerId: null, language: 'nl' },
			t.db
		);
		expect(again?.view.draft.id).toBe(opened?.view.draft.id);
		expect(
			await drafts.findDraft({ processId: 'klacht', token: opened?.token, ownerId: null }, t.db)
		).toBeNull();
		expect(
			await drafts.findDraft({ processId: 'proef', token: 'geraden', ownerId: null }, t.db)
		).toBeNull();
		const row = await t.db
			.selectFrom('formDraft')
			.select('tokenHash')
			.where('id', '=', opened!.view.draft.id)
			.executeTakeFirstOrThrow();
		expect(row.tokenHash).not.toContain(opened!.token);
		expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('stores uploads by content and refuses a file whose bytes are not what it claims', async () => {
		const { view } = await fillDraft();
		const [stored] = view.answers.contract as StoredFile[];
		expect(stored).toMatchObject({ name: 'contract.pdf', type: 'application/pdf' });
		const rows = await t.db
			.selectFrom('draftFile')
			.selectAll()
			.where('draftId', '=', view.draft.id)
			.execute();
		expect(rows).toHaveLength(1);
		expect(await readStored(storage, rows[0].sha256)).toEqual(
			new TextEncoder().encode('%PDF-1.7\naanvraag')
		);

		const fake = new File(['MZ\x90\x00 programma'], 'factuur.pdf', { type: 'application/pdf' });
		const reading = readPage(
			view.definition,
			0,
			{ ...firstPage, contract: [fake], 'contract.keep': [stored.id] },
			view.answers,
			opts
		);
		expect(reading.issues).toEqual([]);
		const refused = await drafts.savePage(view, reading, { storage, opts }, t.db);
		expect(refused).toEqual({
			ok: false,
			issues: [
				{
					name: 'contract',
					message: 'fileType(label=Contract, name=factuur.pdf, accepted=PDF, JPG, PNG)'
				}
			]
		});
		const after = await drafts.findDraft(
			{ processId: 'proef', token: undefined, ownerId: null },
			t.db
		);
		expect(after).toBeNull();
		expect(
			await t.db.selectFrom('draftFile').select('id').where('draftId', '=', view.draft.id).execute()
		).toHaveLength(1);
	});

	it('drops an upload, and its file, when the answer that asked for it changes', async () => {
		const { view, token } = await fillDraft();
		const reading = readPage(
			view.definition,
			0,
			{ ...firstPage, eigendom: 'eigen' },
			view.answers,
			opts
		);
		const saved = await drafts.savePage(view, reading, { storage, opts }, t.db);
		expect(saved.ok && 'contract' in saved.answers).toBe(false);
		expect(
			await t.db.selectFrom('draftFile').select('id').where('draftId', '=', view.draft.id).execute()
		).toEqual([]);
		const reloaded = await drafts.findDraft({ processId: 'proef', token, ownerId: null }, t.db);
		expect(reloaded?.answers.eigendom).toBe('eigen');
	});

	it('submits once: dossier, files, first event and receipt e-mail together, whatever the retries', async () => {
		const { view, token } = await fillDraft();
		const submit = () =>
			dossiers.submitDraft(
				view,
				{ ownerId: null, signedIn: null, opts, trackingToken: token },
				t.db
			);
		const [first, second, third] = await Promise.all([submit(), submit(), submit()]);
		if (!first.ok || !second.ok || !third.ok) throw new Error('submit failed');
		expect(new Set([first.dossier.id, second.dossier.id, third.dossier.id]).size).toBe(1);
		expect([first, second, third].filter((r) => r.ok && r.created)).toHaveLength(1);
		const dossier = first.dossier;
		expect(dossier).toMatchObject({
			processId: 'proef',
			processVersion: 1,
			status: 'ingediend',
			applicantName: 'Ada Peeters',
			applicantEmail: 'ada@example.be',
			ownerId: null,
			guestTokenHash: view.draft.tokenHash,
			dueDate: computeDueDate(toIsoDate(new Date()), { days: 10, unit: 'working' })
		});
		expect(dossier.reference).toMatch(new RegExp(`^${new Date().getFullYear()}-\\d{6}$`));
		const attachments = await t.db
			.selectFrom('attachment')
			.selectAll()
			.where('dossierId', '=', dossier.id)
			.execute();
		expect(attachments.map((a) => [a.fieldKey, a.fileName, a.mediaType])).toEqual([
			['contract', 'contract.pdf', 'application/pdf']
		]);
		expect(attachments[0].id).toBe((dossier.answers.contract as StoredFile[])[0].id);
		const events = await t.db
			.selectFrom('dossierEvent')
			.selectAll()
			.where('dossierId', '=', dossier.id)
			.execute();
		expect(events.map((e) => [e.type, e.toStatus, e.visibility])).toEqual([
			['submitted', 'ingediend', 'public']
		]);
		const outbox = await t.db
			.selectFrom('outbox')
			.selectAll()
			.where('kind', '=', 'receipt-email')
			.execute();
		const mails = outbox.filter((o) => o.payload.dossierId === dossier.id);
		expect(mails).toHaveLength(1);
		// The guest's receipt mail carries the tracking link: nothing else holds the raw token.
		expect(mails[0].payload.trackingToken).toBe(token);
		// A later retry through the draft (a reload after the answer was lost) finds the same dossier.
		const reloaded = await drafts.findDraft(
			{ processId: 'proef', token: undefined, ownerId: null },
			t.db
		);
		expect(reloaded).toBeNull();
		const retry = await dossiers.submitDraft(
			{ ...view, draft: { ...view.draft, dossierId: dossier.id } },
			{ ownerId: null, signedIn: null, opts },
			t.db
		);
		expect(retry.ok && retry.dossier.id).toBe(dossier.id);
	});

	it('refuses an incomplete submission and stores nothing', async () => {
		const opened = await drafts.openDraft(
			{ processId: 'proef', token: undefined, ownerId: null, language: 'nl' },
			t.db
		);
		const before = await t.db.selectFrom('dossier').select('id').execute();
		const result = await dossiers.submitDraft(
			opened!.view,
			{ ownerId: null, signedIn: null, opts },
			t.db
		);
		expect(result.ok).toBe(false);
		if (!result.ok)
			expect(result.issues.map((i) => i.name)).toEqual([
				'naam',
				'rrn',
				'eigendom',
				'adres.street',
				'datum',
				'bezoekers'
			]);
		expect(await t.db.selectFrom('dossier').select('id').execute()).toHaveLength(before.length);
	});
	it("starts a signed-in citizen's draft with their name; an answer taken out stays out", async () => {
		const added = await users.addUser(
			{
				email: 'prefill@example.be',
				password: 'een lange zin als wachtwoord',
				roles: ['citizen'],
				name: 'Ada Peeters'
			},
			t.db
		);
		if (!added.ok) throw new Error(added.reason);
		const opened = await drafts.openDraft(
			{
				processId: 'proef',
				token: undefined,
				ownerId: added.user.id,
				language: 'nl',
				account: { name: 'Ada Peeters', email: 'prefill@example.be' }
			},
			t.db
		);
		if (!opened) throw new Error('no draft');
		expect(opened.view.answers).toEqual({ naam: 'Ada Peeters' });
		const find = async () =>
			(await drafts.findDraft(
				{ processId: 'proef', token: opened.token, ownerId: added.user.id },
				t.db
			))!;
		expect((await find()).answers).toEqual({ naam: 'Ada Peeters' });

		const page = { ...firstPage, eigendom: 'eigen', naam: 'Ada P.' };
		let view = await find();
		let saved = await drafts.savePage(
			view,
			readPage(view.definition, 0, page, view.answers, opts),
			{ storage, opts },
			t.db
		);
		expect(saved).toMatchObject({ ok: true, answers: { naam: 'Ada P.', email: 'ada@example.be' } });
		view = await find();
		saved = await drafts.savePage(
			view,
			readPage(view.definition, 0, { ...page, email: '' }, view.answers, opts),
			{ storage, opts },
			t.db
		);
		expect(saved.ok && 'email' in saved.answers).toBe(false);
		expect((await find()).answers).not.toHaveProperty('email');
	});
});

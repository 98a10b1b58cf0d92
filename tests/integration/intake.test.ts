// Intake on behalf of a citizen on a real database (issue 20, item 3): staff start a request for a
// citizen at the desk, fill it in page by page through the intake's answer store (kept on the
// server, so a reload continues it), and file it through the citizen's own submit: one dossier
// with its channel and who filed it, the same reference and receipt mail with the tracking link,
// never a second dossier on a retry. Staff of another department are refused the process, and
// the database refuses any change to how and by whom a dossier was filed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import { toIsoDate } from '$lib/process/calendar';
import { acceptPage } from '$lib/process/runner';
import type { SessionUser } from '$lib/server/auth/repository';
import * as departments from '$lib/server/departments/service';
import * as views from '$lib/server/dossiers/views';
import * as drafts from '$lib/server/drafts/service';
import { LocalFileStorage } from '$lib/server/files/storage';
import * as processes from '$lib/server/processes/service';
import * as intakes from '$lib/server/intake/service';
import { hashToken } from '$lib/server/tokens';
import {
	defineProcess,
	importProcesses,
	reviewTransitions,
	workflowState
} from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: toIsoDate(new Date()) };
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-intake-')));

const firstPage = {
	naam: 'Jan Peeters',
	rrn: '85.07.30-033.28',
	eigendom: 'eigen',
	'adres.street': 'Kerkstraat',
	'adres.number': '12',
	'adres.postcode': '9000',
	'adres.municipality': 'Gent',
	email: 'jan@example.be'
};
const secondPage = { datum: toIsoDate(new Date(Date.now() + 60 * 86_400_000)), bezoekers: '120' };

async function refusal(run: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
	try {
		await run();
	} catch (e) {
		return { code: (e as { code?: string }).code, message: (e as Error).message ?? String(e) };
	}
	throw new Error('expected the database to refuse the statement, but it was done');
}

describe(`intake on behalf of a citizen on ${backend}`, () => {
	let t: TestDatabase;
	let wout: SessionUser; // the default department: handles 'proef'
	let gert: SessionUser; // the parks: handles 'bomen' only

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [
			testDefinition,
			defineProcess('bomen', {
				states: [
					workflowState('ingediend', 'open', { label: { nl: 'Nieuw' } }),
					workflowState('onvolledig', 'waiting', { label: { nl: 'Wacht' } }),
					workflowState('goedgekeurd', 'final', { label: { nl: 'Goedgekeurd' } })
				],
				transitions: reviewTransitions()
			}),
			// A process a citizen may only file signed in.
			{ ...testDefinition, id: 'verplicht', auth: 'required' }
		]);
		wout = await addUser(t.db, 'wout@gemeente.be', ['staff'], 'Wout Loket');
		gert = await addUser(t.db, 'gert@gemeente.be', ['staff'], 'Gert Groen');
		const [general] = await departments.list(t.db);
		const parks = await departments.create({ name: 'Groendienst' }, t.db);
		if (!parks.ok) throw new Error('no department');
		const id = parks.department.id;
		expect(
			await departments.update(
				id,
				{ name: 'Groendienst', memberIds: [gert.id], processIds: ['bomen'] },
				t.db
			)
		).toEqual({ ok: true });
		expect(
			await departments.update(
				general!.id,
				{ name: 'Algemeen', memberIds: [wout.id], processIds: ['proef', 'verplicht'] },
				t.db
			)
		).toEqual({ ok: true });
	});
	afterAll(async () => {
		await t.drop();
	});

	/** Wout starts an intake: Jan Peeters at the desk for 'proef', in Dutch, unless told otherwise. */
	async function startIntake(
		input: Partial<intakes.StartInput> = {},
		language: 'nl' | 'en' = 'nl'
	) {
		const started = await intakes.start(
			wout,
			{
				processId: 'proef',
				channel: 'desk',
				name: ' Jan  Peeters ',
				email: 'jan@example.be',
				...input
			},
			language,
			t.db
		);
		if (!started.ok) throw new Error(JSON.stringify(started.issues));
		return started;
	}
	const startAtDesk = (email = 'jan@example.be') => startIntake({ email });

	async function fillIn(intake: intakes.Intake): Promise<intakes.Intake> {
		let current = intake;
		for (const [page, values] of [
			[0, firstPage],
			[1, secondPage]
		] as const) {
			const store = intakes.answerStore(current, { storage, opts }, t.db);
			const reading = readPage(current.definition, page, values, await store.load(), opts);
			const accepted = await acceptPage(store, page, reading, opts);
			expect(accepted.kind).toBe('next');
			// A reload: the intake is read again from the database, by its id and its staff member.
			current = (await intakes.find(current.draft.id, wout, t.db))!;
		}
		return current;
	}

	it('lists only the processes of the staff member’s departments', async () => {
		expect((await intakes.listProcesses(wout.id, t.db)).map((p) => p.id).sort()).toEqual([
			'proef',
			'verplicht'
		]);
		expect((await intakes.listProcesses(gert.id, t.db)).map((p) => p.id)).toEqual(['bomen']);
	});

	it('refuses a start without a channel or a name, with a bad e-mail, or for another department', async () => {
		expect(
			await intakes.start(
				wout,
				{ processId: 'proef', channel: 'fax', name: ' ', email: 'geen-adres' },
				'nl',
				t.db
			)
		).toEqual({
			ok: false,
			kind: 'invalid',
			issues: { channel: 'required', name: 'required', email: 'invalid' }
		});
		expect(
			await intakes.start(
				gert,
				{ processId: 'proef', channel: 'phone', name: 'Jan Peeters', email: '' },
				'nl',
				t.db
			)
		).toEqual({ ok: false, kind: 'forbidden', issues: { processId: 'forbidden' } });
		// Someone else's intake is not found, by a colleague of another department nor by id alone.
		const { intake } = await startAtDesk();
		expect(await intakes.find(intake.draft.id, gert, t.db)).toBeNull();
		expect(await intakes.find('not-a-uuid', wout, t.db)).toBeNull();
	});

	it('keeps the pages on the server, prefilled with whom it is for, never as a citizen’s draft', async () => {
		const { intake, token } = await startAtDesk();
		expect(intake).toMatchObject({
			channel: 'desk',
			applicantName: 'Jan Peeters',
			applicantEmail: 'jan@example.be',
			// The form's applicant fields (by their autocomplete purpose) start with whom it is for.
			answers: { naam: 'Jan Peeters' }
		});
		expect(intake.draft).toMatchObject({ filedBy: wout.id, ownerId: null, dossierId: null });
		// The tracking token is stored as a hash only, and opens no citizen's draft.
		expect(intake.draft.tokenHash).toBe(hashToken(token));
		expect(await drafts.findDraft({ processId: 'proef', token, ownerId: null }, t.db)).toBeNull();

		const filled = await fillIn(intake);
		expect(filled.answers).toMatchObject({ naam: 'Jan Peeters', bezoekers: 120 });
		expect(filled.answers.datum).toBe(secondPage.datum);
		expect((await intakes.listOpen(wout, t.db)).map((o) => o.id)).toContain(intake.draft.id);
		expect(intakes.answerStore(filled, { storage, opts }, t.db).locate('controle')).toBe(
			`/backoffice/intake/${intake.draft.id}/controle`
		);
	});

	it('files one dossier with the channel and who filed it, the receipt mail with the tracking link', async () => {
		const { intake, token } = await startAtDesk();
		const filled = await fillIn(intake);
		// A double click and a retry: three submits, one dossier.
		const results = await Promise.all([
			intakes.submit(filled, { token, opts }, t.db),
			intakes.submit(filled, { token, opts }, t.db),
			intakes.submit(filled, { token, opts }, t.db)
		]);
		const ids = new Set(results.map((r) => (r.ok ? r.dossier.id : null)));
		expect(ids.size).toBe(1);
		expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
		const first = results[0]!;
		if (!first.ok) throw new Error('not filed');
		const dossier = first.dossier;
		expect(first.token).toBe(token);
		expect(dossier).toMatchObject({
			processId: 'proef',
			status: 'ingediend',
			applicantName: 'Jan Peeters',
			applicantEmail: 'jan@example.be',
			channel: 'desk',
			filedBy: wout.id,
			ownerId: null,
			guestTokenHash: hashToken(token)
		});
		expect(dossier.reference).toMatch(new RegExp(`^${new Date().getFullYear()}-\\d{6}$`));
		const mails = (
			await t.db.selectFrom('outbox').selectAll().where('kind', '=', 'receipt-email').execute()
		).filter((o) => o.payload.dossierId === dossier.id);
		expect(mails.map((m) => m.payload)).toEqual([
			{
				dossierId: dossier.id,
				reference: dossier.reference,
				to: 'jan@example.be',
				language: 'nl',
				trackingToken: token
			}
		]);
		const events = await t.db
			.selectFrom('dossierEvent')
			.selectAll()
			.where('dossierId', '=', dossier.id)
			.execute();
		expect(events.map((e) => [e.type, e.actorId, e.actorLabel, e.data])).toEqual([
			['submitted', wout.id, null, { channel: 'desk' }]
		]);

		// A retry after a reload finds the filed intake and returns the same dossier, no new mail.
		const again = (await intakes.find(intake.draft.id, wout, t.db))!;
		expect(again.draft.dossierId).toBe(dossier.id);
		const retry = await intakes.submit(again, { token: undefined, opts }, t.db);
		expect(retry.ok && [retry.dossier.id, retry.created]).toEqual([dossier.id, false]);
		expect(
			await t.db.selectFrom('dossier').select('id').where('filedBy', '=', wout.id).execute()
		).toHaveLength(1);

		// Staff see who filed it and how; the timeline says so too.
		const view = await views.viewForStaff(dossier, wout, t.db);
		expect(view).toMatchObject({ channel: 'desk', filedBy: 'Wout Loket' });
		expect(view.timeline[0]).toMatchObject({
			kind: 'submitted',
			actor: 'Wout Loket',
			channel: 'desk'
		});
		const citizen = await views.viewForCitizen(dossier, t.db);
		expect(citizen.timeline[0]).toMatchObject({ kind: 'submitted', actor: null, channel: 'desk' });
	});

	it('sends the receipt in the language chosen for the citizen', async () => {
		const started = await startIntake({ channel: 'phone', name: 'Jane Smith' }, 'en');
		const filed = await intakes.submit(
			await fillIn(started.intake),
			{ token: started.token, opts },
			t.db
		);
		if (!filed.ok) throw new Error('not filed');
		const mail = (
			await t.db.selectFrom('outbox').selectAll().where('kind', '=', 'receipt-email').execute()
		).find((o) => o.payload.dossierId === filed.dossier.id);
		expect(mail?.payload).toMatchObject({ language: 'en' });
	});

	it('drops an unfiled intake of one’s own, and nothing else', async () => {
		const { intake } = await startAtDesk();
		// A colleague cannot drop it, nor can anyone drop what is not an intake.
		expect(await intakes.discard(intake.draft.id, gert, t.db)).toBeNull();
		expect(await intakes.discard('not-a-uuid', wout, t.db)).toBeNull();
		expect((await intakes.listOpen(wout, t.db)).map((o) => o.id)).toContain(intake.draft.id);

		// What was dropped is named, for the message that says so.
		const dropped = await intakes.discard(intake.draft.id, wout, t.db);
		expect(dropped).toEqual({
			title: (await processes.getVersion('proef', intake.draft.processVersion, t.db)).title,
			applicantName: 'Jan Peeters'
		});
		expect((await intakes.listOpen(wout, t.db)).map((o) => o.id)).not.toContain(intake.draft.id);
		expect(await intakes.find(intake.draft.id, wout, t.db)).toBeNull();
		expect(await intakes.discard(intake.draft.id, wout, t.db)).toBeNull();

		// A filed intake is a dossier: it stays.
		const other = await startAtDesk();
		const filed = await intakes.submit(
			await fillIn(other.intake),
			{ token: other.token, opts },
			t.db
		);
		expect(filed.ok).toBe(true);
		expect(await intakes.discard(other.intake.draft.id, wout, t.db)).toBeNull();
		expect((await intakes.find(other.intake.draft.id, wout, t.db))?.draft.dossierId).toBeTruthy();
	});

	it('files without an e-mail address: no mail, a new tracking token when this browser has none', async () => {
		const { intake } = await startAtDesk('');
		const filled = await fillIn(intake);
		// The citizen's e-mail field was filled in on the form: clear it to file without one.
		const store = intakes.answerStore(filled, { storage, opts }, t.db);
		const reading = readPage(
			filled.definition,
			0,
			{ ...firstPage, email: '' },
			filled.answers,
			opts
		);
		await acceptPage(store, 0, reading, opts);
		const noMail = (await intakes.find(intake.draft.id, wout, t.db))!;
		const result = await intakes.submit(noMail, { token: undefined, opts }, t.db);
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		expect(result.dossier.applicantEmail).toBeNull();
		expect(result.token).toMatch(/^[A-Za-z0-9_-]{27}$/);
		expect(intakes.holdsTrackingToken(result.dossier, result.token!)).toBe(true);
		const mails = await t.db
			.selectFrom('outbox')
			.selectAll()
			.where('kind', '=', 'receipt-email')
			.execute();
		expect(mails.filter((o) => o.payload.dossierId === result.dossier.id)).toEqual([]);
	});

	it('files a process that asks for a sign-in, for the person entered, linked to no account', async () => {
		// A citizen with an account under the same address: the dossier is still not theirs.
		await addUser(t.db, 'an@example.be', ['citizen'], 'An Account');
		const started = await startIntake({
			processId: 'verplicht',
			channel: 'phone',
			name: 'An Janssens',
			email: 'an@example.be'
		});
		let current = started.intake;
		for (const [page, values] of [
			[0, { ...firstPage, naam: 'An Janssens', email: 'an@example.be' }],
			[1, secondPage]
		] as const) {
			const store = intakes.answerStore(current, { storage, opts }, t.db);
			const reading = readPage(current.definition, page, values, await store.load(), opts);
			expect((await acceptPage(store, page, reading, opts)).kind).toBe('next');
			current = (await intakes.find(current.draft.id, wout, t.db))!;
		}
		const result = await intakes.submit(current, { token: started.token, opts }, t.db);
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		expect(result.dossier).toMatchObject({
			processId: 'verplicht',
			applicantName: 'An Janssens',
			channel: 'phone',
			filedBy: wout.id,
			ownerId: null,
			guestTokenHash: hashToken(started.token)
		});
	});

	it('refuses a process moved to another department, even for an intake already begun', async () => {
		const { intake } = await startAtDesk();
		const [general] = await departments.list(t.db);
		const parks = (await departments.list(t.db)).find((d) => d.name === 'Groendienst')!;
		await departments.update(
			parks.id,
			{ name: 'Groendienst', memberIds: [gert.id], processIds: ['bomen', 'proef', 'verplicht'] },
			t.db
		);
		await departments.update(
			general!.id,
			{ name: 'Algemeen', memberIds: [wout.id], processIds: [] },
			t.db
		);
		expect(await intakes.find(intake.draft.id, wout, t.db)).toBeNull();
		expect(await intakes.listProcesses(wout.id, t.db)).toEqual([]);
	});

	it('cannot change how or by whom a dossier was filed', async () => {
		const dossier = await t.db
			.selectFrom('dossier')
			.selectAll()
			.where('channel', '=', 'desk')
			.executeTakeFirstOrThrow();
		for (const change of [
			{ channel: 'phone' as const },
			{ filedBy: gert.id },
			{ channel: 'web' as const, filedBy: null }
		]) {
			const refused = await refusal(() =>
				t.db.updateTable('dossier').set(change).where('id', '=', dossier.id).execute()
			);
			expect(refused).toEqual({ code: '42501', message: expect.stringContaining('by whom') });
		}
		// Handling goes on.
		await t.db
			.updateTable('dossier')
			.set({ assigneeId: wout.id })
			.where('id', '=', dossier.id)
			.execute();
	});
});

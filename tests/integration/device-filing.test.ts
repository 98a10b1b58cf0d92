// What a phone sends when its connection returns: the answers it kept (offline, or from a closed
// tab) and its queued submission. Replayed through the form's own page rules into a server draft,
// filed exactly once per idempotency key, whatever the retries.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage, type AnswerMap, type AnswerOptions } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import { toIsoDate } from '$lib/process/calendar';
import { processDefinition } from '$lib/process/definition';
import * as drafts from '$lib/server/drafts/service';
import { receiveFromDevice, type DeviceUpload } from '$lib/server/filing/device';
import { LocalFileStorage } from '$lib/server/files/storage';
import * as processes from '$lib/server/processes/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: toIsoDate(new Date()) };
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-device-')));
const deps = { storage, opts };
const guest = {
	processId: 'proef',
	token: undefined,
	ownerId: null,
	language: 'nl' as const,
	signedIn: null
};

/** The answers as the device keeps them: what the page rules accepted, in their stored form. */
function canonical(): AnswerMap {
	const first = readPage(
		testDefinition,
		0,
		{
			naam: 'Ada Peeters',
			rrn: '85.07.30-033.28',
			eigendom: 'lease',
			'adres.street': 'Kerkstraat',
			'adres.number': '12',
			'adres.postcode': '9000',
			'adres.municipality': 'Gent',
			email: 'ada@example.be'
		},
		{},
		opts
	).answers;
	const second = readPage(
		testDefinition,
		1,
		{ datum: toIsoDate(new Date(Date.now() + 60 * 86_400_000)), bezoekers: '120' },
		first,
		opts
	).answers;
	return {
		...first,
		...second,
		contract: [{ id: 'device-1', name: 'contract.pdf', size: 17, type: 'application/pdf' }]
	};
}

const pdfFile = () => new File(['%PDF-1.7\ncontract'], 'contract.pdf', { type: 'application/pdf' });

function submission(overrides: Partial<DeviceUpload> = {}): DeviceUpload {
	return {
		mode: 'submit',
		submissionId: crypto.randomUUID(),
		answers: canonical(),
		files: new Map([['device-1', pdfFile()]]),
		...overrides
	};
}

describe(`answers and submissions from a device on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'test.json', definition: testDefinition }], t.db);
	});
	afterAll(async () => {
		await t.drop();
	});

	const dossiersWith = (submissionId: string) =>
		t.db.selectFrom('dossier').selectAll().where('submissionId', '=', submissionId).execute();

	it('files a submission queued offline, with its files, as one dossier', async () => {
		const upload = submission();
		const result = await receiveFromDevice(guest, upload, deps, t.db);
		expect(result).toMatchObject({ kind: 'filed', created: true });
		const [dossier, ...more] = await dossiersWith(upload.submissionId!);
		expect(more).toEqual([]);
		expect(dossier).toMatchObject({ processId: 'proef', applicantName: 'Ada Peeters' });
		expect(result.kind === 'filed' && result.reference).toBe(dossier.reference);
		expect(dossier.answers.bezoekers).toBe(120);
		const attachments = await t.db
			.selectFrom('attachment')
			.selectAll()
			.where('dossierId', '=', dossier.id)
			.execute();
		expect(attachments.map((a) => [a.fieldKey, a.fileName, a.mediaType])).toEqual([
			['contract', 'contract.pdf', 'application/pdf']
		]);
		// The guest follows the dossier with the token of the draft the response's cookie holds.
		expect(result.kind === 'filed' && result.token).toMatch(/^[A-Za-z0-9_-]{27}$/);
	});

	it('gives every retry of the same key the same dossier, one after another or at once', async () => {
		const upload = submission();
		const first = await receiveFromDevice(guest, upload, deps, t.db);
		const again = await receiveFromDevice(guest, upload, deps, t.db);
		const together = await Promise.all(
			[1, 2, 3].map(() => receiveFromDevice(guest, submission({ ...upload }), deps, t.db))
		);
		expect(first).toMatchObject({ kind: 'filed', created: true });
		expect(again).toMatchObject({ kind: 'filed', created: false });
		for (const r of [again, ...together])
			expect(r.kind === 'filed' && r.reference).toBe(first.kind === 'filed' && first.reference);
		expect(await dossiersWith(upload.submissionId!)).toHaveLength(1);

		// Three fresh keys sent at once are three dossiers, and each exactly one.
		const keys = [1, 2, 3].map(() => submission());
		await Promise.all(keys.map((k) => receiveFromDevice(guest, k, deps, t.db)));
		for (const k of keys) expect(await dossiersWith(k.submissionId!)).toHaveLength(1);
	});

	it('stops at the first page that does not pass, keeps the pages before it, files nothing', async () => {
		const answers = canonical();
		delete answers.bezoekers;
		const upload = submission({ answers });
		const result = await receiveFromDevice(guest, upload, deps, t.db);
		expect(result).toMatchObject({ kind: 'incomplete', step: 'evenement' });
		expect(result.kind === 'incomplete' && result.issues.map((i) => i.name)).toEqual(['bezoekers']);
		expect(await dossiersWith(upload.submissionId!)).toEqual([]);
		const view = await drafts.findDraft(
			{
				processId: 'proef',
				token: result.kind === 'incomplete' ? result.token : '',
				ownerId: null
			},
			t.db
		);
		expect(view?.answers.naam).toBe('Ada Peeters');
		expect(view?.answers.bezoekers).toBeUndefined();
	});

	it('trusts nothing the device says: bad values, files it does not have, files that lie', async () => {
		const tampered = { ...canonical(), rrn: '85073003399' };
		expect(
			await receiveFromDevice(guest, submission({ answers: tampered }), deps, t.db)
		).toMatchObject({ kind: 'incomplete', step: 'aanvrager' });

		// A file named by an id that is neither uploaded nor in this draft does not count.
		const missing = submission({ files: new Map() });
		expect(await receiveFromDevice(guest, missing, deps, t.db)).toMatchObject({
			kind: 'incomplete',
			step: 'aanvrager'
		});

		const lying = submission({
			files: new Map([['device-1', new File(['MZ\x90\x00'], 'contract.pdf')]])
		});
		const refused = await receiveFromDevice(guest, lying, deps, t.db);
		expect(refused).toMatchObject({ kind: 'incomplete', step: 'aanvrager' });
		expect(refused.kind === 'incomplete' && refused.issues[0].name).toBe('contract');
		for (const u of [missing, lying]) expect(await dossiersWith(u.submissionId!)).toEqual([]);
	});

	it('saves to continue online, keeping the files the server already has', async () => {
		const saved = await receiveFromDevice(
			guest,
			submission({ mode: 'save', submissionId: null }),
			deps,
			t.db
		);
		expect(saved).toMatchObject({ kind: 'saved', step: 'controle' });
		if (saved.kind !== 'saved') return;
		const view = await drafts.findDraft(
			{ processId: 'proef', token: saved.token, ownerId: null },
			t.db
		);
		const stored = view!.answers.contract as { id: string }[];
		expect(stored).toHaveLength(1);
		// Later, from the same browser: the file is named by its server id and not sent again.
		const upload = submission({
			token: undefined,
			answers: { ...canonical(), contract: view!.answers.contract },
			files: new Map()
		} as Partial<DeviceUpload>);
		const filed = await receiveFromDevice({ ...guest, token: saved.token }, upload, deps, t.db);
		expect(filed).toMatchObject({ kind: 'filed', created: true });
		const [dossier] = await dossiersWith(upload.submissionId!);
		expect((dossier.answers.contract as { id: string }[]).map((f) => f.id)).toEqual(
			stored.map((f) => f.id)
		);
	});

	it('lets a signed-in citizen continue on another device the draft begun on the first', async () => {
		const user = await t.db
			.insertInto('appUser')
			.values({ email: `device-${crypto.randomUUID()}@example.be`, name: 'Ada' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const who = {
			...guest,
			ownerId: user.id,
			signedIn: { provider: null, assurance: 'low' as const }
		};
		const phone = await receiveFromDevice(
			who,
			submission({ mode: 'save', submissionId: null }),
			deps,
			t.db
		);
		expect(phone.kind).toBe('saved');
		// The laptop has no cookie for it: signing in is enough.
		const laptop = await drafts.openDraft({ ...who, token: undefined }, t.db);
		expect(laptop?.view.answers.naam).toBe('Ada Peeters');
		// Another citizen does not get it.
		const other = await drafts.openDraft({ ...guest, token: undefined }, t.db);
		expect(other?.view.answers).toEqual({});
	});

	// Last: it publishes a version 2 of the test process, which every test above files under v1.
	it('files a submission queued under version 1 as version 1, after version 2 added a required question', async () => {
		const [first, ...rest] = testDefinition.pages;
		const v2 = processDefinition.parse({
			...testDefinition,
			version: 2,
			pages: [
				{
					...first,
					fields: [
						...first.fields,
						{ type: 'text', key: 'beroep', label: { nl: 'Beroep' }, required: true }
					]
				},
				...rest
			]
		});
		await processes.importLibrary([{ file: 'test.json', definition: v2 }], t.db);
		expect((await processes.findProduct('proef', t.db))?.version).toBe(2);

		const queued = submission({ version: 1 });
		const result = await receiveFromDevice(guest, queued, deps, t.db);
		expect(result).toMatchObject({ kind: 'filed', created: true });
		const [dossier] = await dossiersWith(queued.submissionId!);
		expect(dossier.processVersion).toBe(1);
		expect(dossier.answers).toMatchObject({ naam: 'Ada Peeters', bezoekers: 120 });
		expect(dossier.answers.beroep).toBeUndefined();
		// A retry is the same dossier.
		expect(await receiveFromDevice(guest, queued, deps, t.db)).toMatchObject({
			kind: 'filed',
			created: false
		});

		// Without a version (a phone from before), it is read as the current version: incomplete.
		const unversioned = submission();
		expect(await receiveFromDevice(guest, unversioned, deps, t.db)).toMatchObject({
			kind: 'incomplete',
			step: 'aanvrager'
		});

		// A version that was never published is refused as such, and nothing is filed.
		const unknown = submission({ version: 7 });
		expect(await receiveFromDevice(guest, unknown, deps, t.db)).toEqual({
			kind: 'unknownVersion'
		});
		expect(await dossiersWith(unknown.submissionId!)).toEqual([]);
	});
});

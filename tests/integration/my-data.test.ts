// "Mijn gegevens" against a real database and real files: the package holds the person's own
// dossiers (answers by key and label, messages, public timeline), their files byte for byte, their
// drafts and sessions, and nothing of another citizen; downloads are limited per account; deleting
// the account detaches the dossiers (they stay, without owner, and cannot be claimed back) and
// removes sessions, drafts, links to identity providers and push subscriptions.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import { toIsoDate } from '$lib/process/calendar';
import * as sessions from '$lib/server/auth/session';
import * as dossiers from '$lib/server/dossiers/service';
import * as drafts from '$lib/server/drafts/service';
import { LocalFileStorage } from '$lib/server/files/storage';
import * as processes from '$lib/server/processes/service';
import * as myData from '$lib/server/users/my-data';
import * as dataPackage from '$lib/server/users/my-data-package';
import * as selfService from '$lib/server/users/self-service';
import * as users from '$lib/server/users/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const PASSWORD = 'paarse olifant op de fiets';
const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: toIsoDate(new Date()) };
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-my-data-')));
const pdfText = (who: string) => `%PDF-1.7\nhuurcontract van ${who}`;

let ipCounter = 0;
const newIp = () => `203.0.113.${++ipCounter}`;

describe(`Mijn gegevens on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'test.json', definition: testDefinition }], t.db);
	});
	afterAll(async () => {
		await t.drop();
	});

	async function register(email: string, name: string) {
		const result = await users.registerUser({ email, password: PASSWORD, name }, t.db);
		if (!result.ok) throw new Error(result.reason);
		return result.user;
	}

	/** Files the test process as `owner`, leasing, with a contract (a PDF naming the person). */
	async function file(owner: { id: string; name: string; email: string }) {
		const opened = await drafts.openDraft(
			{ processId: 'proef', token: undefined, ownerId: owner.id, language: 'nl' },
			t.db
		);
		if (!opened) throw new Error('no draft');
		let view = opened.view;
		const contract = new File([pdfText(owner.name)], 'contract.pdf', {
			type: 'application/pdf'
		});
		const pages = [
			{
				naam: owner.name,
				rrn: '85.07.30-033.28',
				eigendom: 'lease',
				contract: [contract],
				'adres.street': 'Kerkstraat',
				'adres.number': '12',
				'adres.postcode': '9000',
				'adres.municipality': 'Gent',
				email: owner.email
			},
			{ datum: toIsoDate(new Date(Date.now() + 60 * 86_400_000)), bezoekers: '120' }
		];
		for (const [page, values] of pages.entries()) {
			const reading = readPage(view.definition, page, values, view.answers, opts);
			expect(reading.issues).toEqual([]);
			const saved = await drafts.savePage(view, reading, { storage, opts }, t.db);
			if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
			view = (await drafts.findDraft(
				{ processId: 'proef', token: opened.token, ownerId: owner.id },
				t.db
			))!;
		}
		const result = await dossiers.submitDraft(
			view,
			{ ownerId: owner.id, signedIn: { provider: null, assurance: 'low' }, opts },
			t.db
		);
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		return result.dossier;
	}

	async function download(user: { id: string }, now = new Date()) {
		const data = await myData.collect(user, 'nl', t.db, now);
		if (!data) throw new Error('no data');
		const { json, files } = await dataPackage.describePackage(
			data,
			'nl',
			[{ id: 'itsme', label: { nl: 'itsme' } }],
			{ storage },
			t.db,
			now
		);
		const zip = new Uint8Array(
			await new Response(dataPackage.zipStream(json, files, now)).arrayBuffer()
		);
		return unzipSync(zip);
	}

	it('packs the citizen’s own dossiers, files, drafts and sessions, and nothing of another', async () => {
		const ada = await register('ada.data@example.be', 'Ada Data');
		const bob = await register('bob.data@example.be', 'Bob Ander');
		const mine = await file(ada);
		const theirs = await file(bob);
		await drafts.openDraft(
			{ processId: 'proef', token: undefined, ownerId: ada.id, language: 'nl' },
			t.db
		);
		const session = await sessions.createSession(ada.id, t.db);
		await sessions.createSession(bob.id, t.db);

		const unzipped = await download(ada);
		const contractPath = `bestanden/${mine.reference}/contract.pdf`;
		expect(Object.keys(unzipped).sort()).toEqual([contractPath, 'gegevens.json']);
		expect(strFromU8(unzipped[contractPath])).toBe(pdfText('Ada Data'));

		const gegevens = JSON.parse(strFromU8(unzipped['gegevens.json']));
		expect(gegevens.format).toBe(dataPackage.PACKAGE_FORMAT);
		expect(gegevens.account).toMatchObject({
			email: 'ada.data@example.be',
			name: 'Ada Data',
			signIn: { password: true, identities: [] }
		});
		expect(gegevens.dossiers).toHaveLength(1);
		const [dossier] = gegevens.dossiers;
		expect(dossier).toMatchObject({
			reference: mine.reference,
			process: { id: 'proef', version: 1 },
			applicant: { name: 'Ada Data', email: 'ada.data@example.be' }
		});
		// Each answer by its key and by the label the form showed, with its value and its reading.
		expect(dossier.answers).toContainEqual(
			expect.objectContaining({ key: 'naam', label: 'Naam', value: 'Ada Data', text: 'Ada Data' })
		);
		expect(dossier.answers).toContainEqual(
			expect.objectContaining({ key: 'eigendom', label: 'Eigendom', value: 'lease', text: 'Lease' })
		);
		expect(dossier.files).toEqual([
			expect.objectContaining({ name: 'contract.pdf', field: 'contract', path: contractPath })
		]);
		expect(dossier.timeline[0]).toMatchObject({ what: 'submitted' });
		expect(gegevens.drafts).toHaveLength(1);
		expect(gegevens.sessions).toHaveLength(1);
		expect(gegevens.sessions[0]).toMatchObject({ signedInWith: 'password', assurance: 'low' });

		// Nothing of Bob: not his dossier, his file, his address or his name.
		const all = strFromU8(unzipped['gegevens.json']);
		for (const trace of [theirs.reference, 'bob.data@example.be', 'Bob Ander'])
			expect(all).not.toContain(trace);

		const view = myData.toView((await myData.collect(ada, 'nl', t.db))!, [], session.session.id);
		expect(view.dossiers.map((d) => d.reference)).toEqual([mine.reference]);
		expect(view.files).toEqual([
			{
				reference: mine.reference,
				name: 'contract.pdf',
				size: pdfText('Ada Data').length,
				type: 'application/pdf'
			}
		]);
		expect(view.sessions).toEqual([expect.objectContaining({ current: true })]);
		expect(view.digest).toBeNull();
	});

	it('names files in the archive so that none can leave its folder', () => {
		expect(dataPackage.safeSegment('../../etc/passwd')).toBe('_.._etc_passwd');
		expect(dataPackage.safeSegment('..')).toBe('bestand');
		expect(dataPackage.safeSegment('C:\\foto\u0000.jpg')).toBe('C__foto_.jpg');
	});

	it('refuses the package when it is asked for too often, cheaply and per account', async () => {
		const user = { email: 'vaak@example.be' };
		const start = new Date('2026-12-07T10:00:00Z');
		for (let i = 0; i < dataPackage.MAX_EXPORTS_PER_WINDOW; i++)
			expect(await dataPackage.allowDownload(user, newIp(), t.db, start)).toEqual({
				allowed: true
			});
		expect(await dataPackage.allowDownload(user, newIp(), t.db, start)).toEqual({
			allowed: false,
			retryAfterSeconds: 3600
		});
		// Another account is not held up, and the window passes.
		expect(
			await dataPackage.allowDownload({ email: 'ander@example.be' }, newIp(), t.db, start)
		).toEqual({ allowed: true });
		const later = new Date(start.getTime() + dataPackage.EXPORT_WINDOW_MS + 1000);
		expect(await dataPackage.allowDownload(user, newIp(), t.db, later)).toEqual({
			allowed: true
		});
	});

	it('deletes an account: dossiers detached and kept, sessions, drafts and links gone', async () => {
		const cas = await register('cas.weg@example.be', 'Cas Weg');
		const dina = await register('dina.blijft@example.be', 'Dina Blijft');
		const mine = await file(cas);
		const theirs = await file(dina);
		await drafts.openDraft(
			{ processId: 'proef', token: undefined, ownerId: cas.id, language: 'nl' },
			t.db
		);
		const session = await sessions.createSession(cas.id, t.db);
		await t.db
			.insertInto('oidcIdentity')
			.values({ provider: 'itsme', subject: 'cas-123', userId: cas.id })
			.execute();
		expect((await download(cas))['gegevens.json']).toBeDefined();

		const now = new Date();
		expect(
			await selfService.closeAccount(
				cas,
				{ password: PASSWORD, confirmed: true, ip: newIp() },
				t.db,
				now
			)
		).toEqual({ ok: true, detached: 1 });

		const kept = await t.db
			.selectFrom('dossier')
			.select(['ownerId', 'ownerLeftAt', 'applicantEmail', 'answers'])
			.where('id', '=', mine.id)
			.executeTakeFirstOrThrow();
		expect(kept).toMatchObject({
			ownerId: null,
			ownerLeftAt: now,
			// Status mails still reach the address filed with the request.
			applicantEmail: 'cas.weg@example.be',
			answers: expect.objectContaining({ naam: 'Cas Weg' })
		});
		const events = await t.db
			.selectFrom('dossierEvent')
			.select(['type', 'visibility'])
			.where('dossierId', '=', mine.id)
			.execute();
		expect(events).toContainEqual({ type: 'owner-left', visibility: 'internal' });
		expect(await sessions.validateSessionToken(session.token, t.db)).toBeNull();
		for (const table of ['formDraft', 'userSession', 'oidcIdentity', 'pushSubscription'] as const) {
			const column = table === 'formDraft' ? 'ownerId' : 'userId';
			const rows = await t.db.selectFrom(table).select(column).where(column, '=', cas.id).execute();
			expect(rows, table).toEqual([]);
		}
		// Another citizen's dossier is untouched.
		const other = await t.db
			.selectFrom('dossier')
			.select('ownerId')
			.where('id', '=', theirs.id)
			.executeTakeFirstOrThrow();
		expect(other.ownerId).toBe(dina.id);
		expect(await myData.collect(cas, 'nl', t.db)).toBeNull();

		// A new account with the same address, verified, is not offered the detached dossier.
		const again = await register('cas.weg@example.be', 'Cas Terug');
		await t.db
			.updateTable('appUser')
			.set({ emailVerifiedAt: new Date() })
			.where('id', '=', again.id)
			.execute();
		expect(await selfService.findClaimableDossiers(again, t.db)).toEqual([]);
		expect(await selfService.claimGuestDossiers(again, [mine.id], t.db)).toEqual([]);
	});

	it('deletes an account without a password when its address is typed in full', async () => {
		const eva = await register('eva.itsme@example.be', 'Eva Zonder');
		await t.db
			.updateTable('appUser')
			.set({ passwordHash: null })
			.where('id', '=', eva.id)
			.execute();
		expect(await selfService.closingConfirmation(eva, t.db)).toBe('email');
		const close = (typedEmail: string) =>
			selfService.closeAccount(eva, { typedEmail, confirmed: true, ip: newIp() }, t.db);
		expect(await close('eva@example.be')).toEqual({ ok: false, reason: 'email-mismatch' });
		expect(await close(' Eva.Itsme@Example.be ')).toEqual({ ok: true, detached: 0 });
		const row = await t.db
			.selectFrom('appUser')
			.select('deletedAt')
			.where('id', '=', eva.id)
			.executeTakeFirstOrThrow();
		expect(row.deletedAt).not.toBeNull();
	});
});

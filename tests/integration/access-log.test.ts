// The access log on a real database (issue 23, item 4): opening a dossier's page, downloading one
// of its files or documents, a CSV export of three dossiers and the API's reads each write exactly
// the rows they should (who, when, what, which dossier and file), the citizen's own downloads none;
// the dossier page's log lists them latest first; the admin's export for a data-protection request
// holds the rows of exactly that dossier, or of that citizen's dossiers, and is itself on record.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as accessLog from '$lib/server/access-log/service';
import { serve } from '$lib/server/api/serve';
import * as tokens from '$lib/server/api/tokens';
import type { SessionUser } from '$lib/server/auth/repository';
import type { Dossier } from '$lib/server/db/schema';
import * as documents from '$lib/server/documents/service';
import * as dossierRepo from '$lib/server/dossiers/repository';
import * as views from '$lib/server/dossiers/views';
import { LocalFileStorage, readAll } from '$lib/server/files/storage';
import * as inbox from '$lib/server/inbox/service';
import { fileDossier, recordSubmitted } from '../fixtures/dossiers';
import {
	defineProcess,
	importProcesses,
	reviewTransitions,
	workflowState
} from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-access-')));
const NOW = new Date('2026-12-09T10:00:00Z');

describe(`the access log on ${backend}`, () => {
	let t: TestDatabase;
	let stijn: SessionUser;
	let admin: SessionUser;
	let citizen: SessionUser;
	let token: { id: string; token: string };
	let counter = 0;

	const file = async (seed: { ownerId?: string; applicantEmail?: string } = {}) => {
		counter++;
		const d = await fileDossier(t.db, {
			reference: `2026-${String(500000 + counter)}`,
			processId: 'melding',
			...seed
		});
		await recordSubmitted(t.db, d);
		return d;
	};
	const rowsOf = (dossierId: string) =>
		t.db
			.selectFrom('accessLog')
			.select(['action', 'userId', 'tokenId', 'actorName', 'attachmentId', 'documentId', 'at'])
			.where('dossierId', '=', dossierId)
			.orderBy('id')
			.execute();
	const staff = () => accessLog.staffReader(stijn);

	async function attach(d: Dossier, name: string) {
		const bytes = new TextEncoder().encode(`%PDF-1.7\n${name}`);
		const { sha256, size } = await storage.put(bytes);
		return dossierRepo.insertAttachment(t.db, {
			dossierId: d.id,
			messageId: null,
			documentRequestId: null,
			fieldKey: 'bijlage',
			fileName: name,
			mediaType: 'application/pdf',
			sizeBytes: size,
			sha256,
			uploadedBy: null
		});
	}

	async function call(id: string, path: string, params: Record<string, string>) {
		const url = new URL(`http://loket.test/api/v1${path}`);
		const request = new Request(url, { headers: { authorization: `Bearer ${token.token}` } });
		return serve(id, { request, params, url }, { db: t.db, storage });
	}

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [
			defineProcess(
				'melding',
				{
					states: [
						workflowState('ingediend', 'open', { label: { nl: 'Nieuw' } }),
						workflowState('onvolledig', 'waiting', { label: { nl: 'Wacht' } }),
						workflowState('goedgekeurd', 'final', { label: { nl: 'Goedgekeurd' } })
					],
					transitions: reviewTransitions()
				},
				{ title: { nl: 'Melding' } }
			)
		]);
		stijn = await addUser(t.db, 'stijn@gemeente.be', ['staff'], 'Stijn Balie');
		admin = await addUser(t.db, 'ada@gemeente.be', ['admin'], 'Ada Beheer');
		citizen = await addUser(t.db, 'An.Peeters@example.be', ['citizen'], 'An Peeters');
		const made = await tokens.createToken(
			admin.id,
			{ name: 'Mid-office Gent', access: 'read', processIds: [] },
			t.db
		);
		if (!made.ok) throw new Error('no token');
		token = made;
	});
	afterAll(async () => {
		await t.drop();
	});
	beforeEach(() => {
		counter += 10;
	});

	it('records a member of staff opening the dossier page, and shows it in its log', async () => {
		const d = await file();
		const view = await views.openForStaff(d, stijn, t.db, NOW);
		expect(view.reference).toBe(d.reference);
		expect(await rowsOf(d.id)).toEqual([
			{
				action: 'dossier.viewed',
				userId: stijn.id,
				tokenId: null,
				actorName: 'Stijn Balie',
				attachmentId: null,
				documentId: null,
				at: NOW
			}
		]);
		// The inbox's news marker went with it.
		const seen = await t.db
			.selectFrom('dossierSeen')
			.select('seenAt')
			.where('dossierId', '=', d.id)
			.execute();
		expect(seen).toEqual([{ seenAt: NOW }]);

		const later = new Date(NOW.getTime() + 60_000);
		await views.openForStaff(d, admin, t.db, later);
		const log = await accessLog.listForDossier(d.id, { all: false }, t.db);
		expect(log.total).toBe(2);
		expect(log.entries.map((e) => [e.actor, e.action, e.at])).toEqual([
			['Ada Beheer', 'dossier.viewed', later],
			['Stijn Balie', 'dossier.viewed', NOW]
		]);
	});

	it('shows the last lines of a long log, and all of them when asked', async () => {
		const d = await file();
		for (let i = 0; i < accessLog.PAGE_LIMIT + 5; i++)
			await accessLog.record(
				staff(),
				{ what: 'dossier', dossierId: d.id },
				t.db,
				new Date(NOW.getTime() + i * 1000)
			);
		const latest = await accessLog.listForDossier(d.id, { all: false }, t.db);
		expect(latest.total).toBe(accessLog.PAGE_LIMIT + 5);
		expect(latest.entries).toHaveLength(accessLog.PAGE_LIMIT);
		expect(latest.entries[0]!.at).toEqual(
			new Date(NOW.getTime() + (accessLog.PAGE_LIMIT + 4) * 1000)
		);
		const all = await accessLog.listForDossier(d.id, { all: true }, t.db);
		expect(all.entries).toHaveLength(accessLog.PAGE_LIMIT + 5);
	});

	it('records staff downloading a file or a document, with which one; not the citizen', async () => {
		const d = await file({ ownerId: citizen.id });
		const plan = await attach(d, 'plan.pdf');
		const served = await views.openFile(d, plan.id, staff(), { storage }, t.db);
		expect(new TextDecoder().decode(await readAll(served!.body))).toBe('%PDF-1.7\nplan.pdf');
		// A photo's preview on the page is recorded as seen there, not downloaded.
		await views.openFile(
			d,
			plan.id,
			{ kind: 'staff', user: stijn, preview: true },
			{ storage },
			t.db
		);
		// The citizen's own download is not logged, nor a file that is not the dossier's.
		await views.openFile(d, plan.id, { kind: 'citizen' }, { storage }, t.db);
		expect(await views.openFile(d, randomUUID(), staff(), { storage }, t.db)).toBeNull();

		const pdf = new TextEncoder().encode('%PDF-1.7\nbesluit');
		const stored = await storage.put(pdf);
		const document = await t.db
			.insertInto('outgoingDocument')
			.values({
				dossierId: d.id,
				templateId: 'besluit',
				kind: 'decision',
				title: 'Besluit',
				fileName: 'besluit.pdf',
				language: 'nl',
				sha256: stored.sha256,
				sizeBytes: stored.size,
				storageKey: stored.sha256,
				sealed: false,
				createdByEventId: 1
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const doc = await documents.openDocument(d, document.id, staff(), { storage }, t.db);
		expect(doc?.name).toBe('besluit.pdf');
		await documents.openDocument(d, document.id, { kind: 'citizen' }, { storage }, t.db);

		expect(
			(await rowsOf(d.id)).map((r) => [r.action, r.actorName, r.attachmentId, r.documentId])
		).toEqual([
			['file.downloaded', 'Stijn Balie', plan.id, null],
			['file.previewed', 'Stijn Balie', plan.id, null],
			['document.downloaded', 'Stijn Balie', null, document.id]
		]);
		const log = await accessLog.listForDossier(d.id, { all: false }, t.db);
		expect(log.entries.map((e) => e.subject)).toEqual(['Besluit', 'plan.pdf', 'plan.pdf']);
	});

	it('records a CSV export of three chosen dossiers as one row per dossier, and no other', async () => {
		const [a, b, c, other] = [await file(), await file(), await file(), await file()];
		const params = new URLSearchParams();
		for (const d of [a, b, c]) params.append('id', d.id);
		// Read in pages of two: still every dossier in the file is on record.
		const csv = await new Response(inbox.exportCsv(stijn, params, 'nl', t.db, NOW, 2)).text();
		for (const d of [a, b, c]) expect(csv).toContain(d.reference);
		for (const d of [a, b, c])
			expect(await rowsOf(d.id)).toEqual([
				{
					action: 'dossiers.exported',
					userId: stijn.id,
					tokenId: null,
					actorName: 'Stijn Balie',
					attachmentId: null,
					documentId: null,
					at: NOW
				}
			]);
		expect(await rowsOf(other.id)).toEqual([]);
	});

	it('records the API reading a dossier, a file and a list, with the token and its name', async () => {
		const d = await file();
		const photo = await attach(d, 'foto.pdf');
		expect((await call('getDossier', `/dossiers/${d.id}`, { id: d.id })).status).toBe(200);
		const download = await call('getAttachment', `/dossiers/${d.id}/attachments/${photo.id}`, {
			id: d.id,
			attachmentId: photo.id
		});
		expect(download.status).toBe(200);
		const list = await call('listDossiers', `/dossiers?q=${d.reference}`, {});
		expect(list.status).toBe(200);
		const listed = (await list.json()) as { items: { id: string }[] };
		expect(listed.items.map((i) => i.id)).toEqual([d.id]);
		// A page of the change feed lists it too.
		const sync = await call('listDossiers', '/dossiers?cursor=c0', {});
		expect(sync.status).toBe(200);
		expect(((await sync.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toContain(
			d.id
		);
		// A dossier that is not there is no look at anything.
		expect((await call('getDossier', '/dossiers/2026-999999', { id: '2026-999999' })).status).toBe(
			404
		);

		expect(
			(await rowsOf(d.id)).map((r) => [r.action, r.tokenId, r.actorName, r.attachmentId])
		).toEqual([
			['api.dossier.read', token.id, 'Mid-office Gent', null],
			['api.file.downloaded', token.id, 'Mid-office Gent', photo.id],
			['api.dossiers.listed', token.id, 'Mid-office Gent', null],
			['api.dossiers.listed', token.id, 'Mid-office Gent', null]
		]);
		const log = await accessLog.listForDossier(d.id, { all: false }, t.db);
		expect(log.entries.every((e) => e.viaApi && e.actor === 'Mid-office Gent')).toBe(true);
	});

	it('exports the log of exactly one dossier for an admin, the export itself on record', async () => {
		const d = await file();
		const other = await file();
		await views.openForStaff(d, stijn, t.db, NOW);
		await views.openForStaff(other, stijn, t.db, NOW);
		const after = new Date(NOW.getTime() + 60_000);
		const result = await accessLog.exportForSubject(
			admin,
			{ dossier: d.reference },
			'nl',
			t.db,
			after
		);
		if (!result.ok) throw new Error(result.reason);
		const lines = result.csv
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toBe('"Dossier";"Wanneer";"Wie";"Via";"Wat";"Bestand of document"');
		expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual([
			`"${d.reference}"`,
			`"${d.reference}"`
		]);
		expect(lines[1]).toContain('"Stijn Balie";"Back-office";"Dossier geopend"');
		expect(lines[2]).toContain(
			'"Ada Beheer";"Back-office";"Inzage geëxporteerd voor gegevensbescherming"'
		);
		expect((await rowsOf(d.id)).map((r) => [r.action, r.userId])).toEqual([
			['dossier.viewed', stijn.id],
			['access-log.exported', admin.id]
		]);
		expect((await rowsOf(other.id)).map((r) => r.action)).toEqual(['dossier.viewed']);
		// By id too; in English.
		const byId = await accessLog.exportForSubject(admin, { dossier: d.id }, 'en', t.db);
		expect(byId.ok && byId.csv).toContain('"Opened the dossier"');
	});

	it("exports the log of all dossiers of a citizen: their account's and those filed with their address", async () => {
		const els = await addUser(t.db, 'Els.Claes@example.be', ['citizen'], 'Els Claes');
		const own = await file({ ownerId: els.id, applicantEmail: 'els@elders.be' });
		const asGuest = await file({ applicantEmail: 'els.claes@EXAMPLE.be' });
		const someoneElse = await file({ applicantEmail: 'piet@example.be' });
		for (const d of [own, asGuest, someoneElse]) await views.openForStaff(d, stijn, t.db, NOW);
		const found = await accessLog.findSubject({ email: ' ELS.CLAES@example.be ' }, t.db);
		expect(found).toEqual({
			ok: true,
			dossiers: [
				{ id: own.id, reference: own.reference },
				{ id: asGuest.id, reference: asGuest.reference }
			],
			entries: 2
		});
		const result = await accessLog.exportForSubject(
			admin,
			{ email: 'els.claes@example.be' },
			'nl',
			t.db
		);
		if (!result.ok) throw new Error(result.reason);
		const references = result.csv
			.trim()
			.split('\r\n')
			.slice(1)
			.map((l) => l.split(';')[0]);
		expect(references).toEqual([
			`"${own.reference}"`,
			`"${own.reference}"`,
			`"${asGuest.reference}"`,
			`"${asGuest.reference}"`
		]);
		expect((await rowsOf(someoneElse.id)).map((r) => r.action)).toEqual(['dossier.viewed']);
	});

	it('refuses a request that names nothing, something malformed or nothing found', async () => {
		const cases: [accessLog.Subject, string, string][] = [
			[{ dossier: ' ' }, 'dossier', 'required'],
			[{ dossier: 'abc' }, 'dossier', 'invalid'],
			[{ dossier: '2026-999998' }, 'dossier', 'not-found'],
			[{ email: '' }, 'email', 'required'],
			[{ email: 'geen-adres' }, 'email', 'invalid'],
			[{ email: 'niemand@example.be' }, 'email', 'not-found']
		];
		for (const [subject, field, reason] of cases)
			expect(await accessLog.exportForSubject(admin, subject, 'nl', t.db)).toEqual({
				ok: false,
				field,
				reason
			});
	});
});

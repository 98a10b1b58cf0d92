// Hostile uploads on a real database, through every path that accepts a file: a form page, a
// device catching up, and a reply on a dossier. Decompression bombs, polyglots, SVG, files that
// lie about their type, too large or too many files are refused and nothing is stored; odd names
// are stored and served clean, and the bytes on disk are named by their hash only.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions, type StoredFile } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import { toIsoDate } from '$lib/process/calendar';
import { processDefinition } from '$lib/process/definition';
import * as handling from '$lib/server/dossiers/handling';
import * as dossierRepo from '$lib/server/dossiers/repository';
import * as dossiers from '$lib/server/dossiers/service';
import * as views from '$lib/server/dossiers/views';
import * as drafts from '$lib/server/drafts/service';
import { receiveFromDevice } from '$lib/server/filing/device';
import { fileResponse } from '$lib/server/files/response';
import { LocalFileStorage } from '$lib/server/files/storage';
import {
	exeBytes,
	fileOf,
	jpegOf,
	pdfBytes,
	pngOf,
	polyglots,
	svgWithScript,
	webpOf
} from '$lib/server/files/test-files';
import { MAX_FILES_PER_REQUEST } from '$lib/server/files/upload';
import * as processes from '$lib/server/processes/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: toIsoDate(new Date()) };
const root = mkdtempSync(join(tmpdir(), 'loket-uploads-'));
const storage = new LocalFileStorage(root);
const images = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'];
const fileField = (key: string) => ({
	type: 'file',
	key,
	label: { nl: `Bijlage ${key.slice(-1)}` },
	accept: images,
	maxSizeMb: 1,
	maxFiles: 10
});
const definition = processDefinition.parse({
	...testDefinition,
	id: 'bijlagen',
	leadTimes: [],
	pages: [
		{
			id: 'bijlagen',
			title: { nl: 'Bijlagen' },
			fields: [
				{ type: 'text', key: 'naam', label: { nl: 'Naam' }, required: true, autocomplete: 'name' },
				...['bijlage1', 'bijlage2', 'bijlage3', 'bijlage4'].map(fileField)
			]
		}
	]
});
const guest = {
	processId: 'bijlagen',
	token: undefined,
	ownerId: null,
	language: 'nl' as const,
	signedIn: null
};

/** Every name under the storage root: directories of hash prefixes, files named by their hash. */
function storedNames(dir = root): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? [e.name, ...storedNames(join(dir, e.name))] : [e.name]
	);
}

/** What the server makes of each hostile file, and the message the citizen reads at the field. */
const refusals: [string, Uint8Array, string, string, string][] = [
	['a PNG bomb', pngOf(100_000, 100_000), 'bom.png', 'image/png', 'fileDimensions'],
	['a JPEG bomb', jpegOf(60_000, 60_000), 'bom.jpg', 'image/jpeg', 'fileDimensions'],
	['a WebP bomb', webpOf('VP8X', 40_000, 40_000), 'bom.webp', 'image/webp', 'fileDimensions'],
	['a PDF that is a web page', polyglots.pdfWithHtmlHead, 'a.pdf', '', 'fileActiveContent'],
	['a PDF with a page after it', polyglots.pdfWithHtmlTail, 'b.pdf', '', 'fileActiveContent'],
	['a GIFAR', polyglots.gifar, 'foto.jpg', 'image/jpeg', 'fileActiveContent'],
	['a PNG with a script', polyglots.pngWithScript, 'x.png', 'image/png', 'fileActiveContent'],
	['an SVG with a script', svgWithScript, 'logo.svg', 'image/svg+xml', 'fileType'],
	['a PNG named .pdf', pngOf(10, 10), 'scan.pdf', 'application/pdf', 'fileType'],
	['a program named .pdf', exeBytes, 'factuur.pdf', 'application/pdf', 'fileType']
];

describe(`upload security on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'bijlagen.json', definition }], t.db);
	});
	afterAll(async () => {
		await t.drop();
	});

	async function openDraft() {
		const opened = await drafts.openDraft(guest, t.db);
		if (!opened) throw new Error('no draft');
		return opened;
	}
	const reread = async (token: string) =>
		(await drafts.findDraft({ processId: 'bijlagen', token, ownerId: null }, t.db))!;
	const draftFiles = (draftId: string) =>
		t.db.selectFrom('draftFile').selectAll().where('draftId', '=', draftId).execute();

	function post(view: drafts.DraftView, files: Record<string, File[]>) {
		const reading = readPage(definition, 0, { naam: 'Ada', ...files }, view.answers, opts);
		return { reading, save: () => drafts.savePage(view, reading, { storage, opts }, t.db) };
	}

	it.each(refusals)(
		'a form page refuses %s and stores nothing',
		async (_, bytes, name, type, rule) => {
			const { view } = await openDraft();
			const saved = await post(view, { bijlage1: [fileOf(bytes, name, type)] }).save();
			expect(saved.ok).toBe(false);
			if (saved.ok) return;
			expect(saved.issues).toHaveLength(1);
			expect(saved.issues[0].name).toBe('bijlage1');
			expect(saved.issues[0].message).toMatch(new RegExp(`^${rule}\\(label=Bijlage 1, name=`));
			expect(await draftFiles(view.draft.id)).toEqual([]);
		}
	);

	it('refuses too large files, too many in a field and too many in one post', async () => {
		const { view } = await openDraft();
		const big = fileOf(new Uint8Array([...pdfBytes, ...new Uint8Array(1024 * 1024)]), 'groot.pdf');
		// The page rules say so first; the upload gate holds even when a caller skips them.
		expect(post(view, { bijlage1: [big] }).reading.issues).toEqual([
			{ name: 'bijlage1', message: 'fileSize(label=Bijlage 1, name=groot.pdf, maxMb=1)' }
		]);
		const skipped = await drafts.savePage(
			view,
			{ answers: {}, uploads: { bijlage1: [big] }, hidden: [], issues: [] },
			{ storage, opts },
			t.db
		);
		expect(skipped).toEqual({
			ok: false,
			issues: [{ name: 'bijlage1', message: 'fileSize(label=Bijlage 1, name=groot.pdf, maxMb=1)' }]
		});

		const pdfs = (n: number) => Array.from({ length: n }, (_, i) => fileOf(pdfBytes, `${i}.pdf`));
		expect(post(view, { bijlage1: pdfs(11) }).reading.issues).toEqual([
			{ name: 'bijlage1', message: 'fileCount(label=Bijlage 1, max=10)' }
		]);
		const many = post(view, {
			bijlage1: pdfs(8),
			bijlage2: pdfs(8),
			bijlage3: pdfs(8),
			bijlage4: pdfs(8)
		});
		expect(many.reading.issues).toEqual([]);
		expect(await many.save()).toEqual({
			ok: false,
			issues: [{ name: 'bijlage4', message: `fileTotal(max=${MAX_FILES_PER_REQUEST})` }]
		});
		expect(await draftFiles(view.draft.id)).toEqual([]);
	});

	it('stores clean names, names the bytes by their hash, and serves them as safe downloads', async () => {
		const { view, token } = await openDraft();
		const names = [
			'../../etc/passwd',
			'foto\u202Egnp.pdf',
			'brief\r\n\u0000\u200B.pdf',
			`${'lang'.repeat(100)}.pdf`
		];
		const files = names.map((n, i) => fileOf(new Uint8Array([...pdfBytes, 0x30 + i]), n));
		const saved = await post(view, { bijlage1: files }).save();
		if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
		const clean = ['passwd.pdf', 'fotognp.pdf', 'brief.pdf', `${'lang'.repeat(24)}.pdf`];
		expect((saved.answers.bijlage1 as StoredFile[]).map((f) => f.name)).toEqual(clean);
		expect((await draftFiles(view.draft.id)).map((f) => f.fileName).sort()).toEqual(
			[...clean].sort()
		);
		for (const name of storedNames()) expect(name).toMatch(/^([0-9a-f]{2}|[0-9a-f]{64})$/);

		const filed = await dossiers.submitDraft(
			await reread(token),
			{ ownerId: null, signedIn: null, opts },
			t.db
		);
		if (!filed.ok) throw new Error(JSON.stringify(filed.issues));
		const attachments = await t.db
			.selectFrom('attachment')
			.select(['id', 'fileName'])
			.where('dossierId', '=', filed.dossier.id)
			.execute();
		expect(attachments.map((a) => a.fileName).sort()).toEqual([...clean].sort());
		const rtl = attachments.find((a) => a.fileName === 'fotognp.pdf')!;
		const file = await views.openFile(
			filed.dossier,
			rtl.id,
			{ kind: 'citizen' },
			{ storage },
			t.db
		);
		const response = fileResponse(file!);
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="fotognp.pdf"; filename*=UTF-8''fotognp.pdf`
		);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('content-security-policy')).toContain('sandbox');
	});

	it('a device sending a bomb or a polyglot is sent back to the page, and nothing is filed', async () => {
		for (const [bytes, name, rule] of [
			[pngOf(100_000, 100_000), 'bom.png', 'fileDimensions'],
			[polyglots.pdfWithHtmlTail, 'scan.pdf', 'fileActiveContent']
		] as const) {
			const submissionId = randomUUID();
			const result = await receiveFromDevice(
				guest,
				{
					mode: 'submit',
					submissionId,
					answers: { naam: 'Ada', bijlage1: [{ id: 'd1', name, size: 1, type: 'image/png' }] },
					files: new Map([['d1', fileOf(bytes, name)]])
				},
				{ storage, opts },
				t.db
			);
			expect(result).toMatchObject({
				kind: 'incomplete',
				step: 'bijlagen',
				issues: [{ name: 'bijlage1', message: expect.stringMatching(new RegExp(`^${rule}\\(`)) }]
			});
			expect(await dossierRepo.findBySubmissionId(t.db, submissionId)).toBeUndefined();
		}
	});

	describe('a reply on a dossier', () => {
		async function fileDossier() {
			const dossier = await dossierRepo.insertDossier(t.db, {
				reference: `2026-${String(Math.floor(Math.random() * 900000) + 100000)}`,
				processId: 'bijlagen',
				processVersion: 1,
				status: definition.workflow.initial,
				answers: JSON.stringify({ naam: 'Ada' }),
				ownerId: null,
				guestTokenHash: randomUUID(),
				applicantName: 'Ada',
				applicantEmail: null,
				submissionId: randomUUID(),
				dueDate: '2026-12-31'
			});
			if (!dossier) throw new Error('not inserted');
			return dossier;
		}
		const citizen = { kind: 'citizen' as const, userId: null };
		const reply = (dossierId: string, uploads: handling.ReplyUpload[]) =>
			handling.replyAsCitizen(
				dossierId,
				citizen,
				{ replyId: randomUUID(), body: 'zie bijlage', uploads },
				{ storage },
				t.db
			);
		const messages = (dossierId: string) =>
			t.db.selectFrom('message').select('id').where('dossierId', '=', dossierId).execute();

		it('refuses bombs, polyglots, SVG, lies, too large and too many files', async () => {
			const d = await fileDossier();
			const codes = {
				fileDimensions: 'dimensions',
				fileActiveContent: 'active-content',
				fileType: 'type'
			} as const;
			for (const [label, bytes, name, type, rule] of refusals) {
				const result = await reply(d.id, [{ requestId: null, file: fileOf(bytes, name, type) }]);
				expect(result, label).toEqual({
					ok: false,
					reason: 'invalid',
					issues: [{ name: 'files', code: codes[rule as keyof typeof codes], fileName: name }]
				});
			}
			const big = fileOf(
				new Uint8Array([...pdfBytes, ...new Uint8Array(10 * 1024 * 1024)]),
				'g.pdf'
			);
			expect(await reply(d.id, [{ requestId: null, file: big }])).toMatchObject({
				issues: [{ name: 'files', code: 'too-large', fileName: 'g.pdf' }]
			});
			const eleven = Array.from({ length: 11 }, (_, i) => ({
				requestId: null,
				file: fileOf(pdfBytes, `${i}.pdf`)
			}));
			expect(await reply(d.id, eleven)).toMatchObject({
				issues: [{ name: 'files', code: 'too-many' }]
			});
			const request = randomUUID();
			const twice = await reply(d.id, [
				{ requestId: request, file: fileOf(pdfBytes, 'a.pdf') },
				{ requestId: request, file: fileOf(pdfBytes, 'b.pdf') }
			]);
			expect(twice).toMatchObject({ issues: [{ name: request, code: 'one-file' }] });
			expect(await messages(d.id)).toEqual([]);
		});

		it('stores and serves a clean name', async () => {
			const d = await fileDossier();
			const result = await reply(d.id, [
				{ requestId: null, file: fileOf(pngOf(20, 20), '..\\..\\Rekening\u202Egnp.exe\u0007') }
			]);
			// Once the override is gone the name ends in .exe: for a PNG, that name lies.
			expect(result).toMatchObject({ issues: [{ code: 'type', fileName: 'Rekeninggnp.exe' }] });
			const ok = await reply(d.id, [
				{ requestId: null, file: fileOf(pngOf(20, 20), '../../Rekening\u202Egnp') }
			]);
			expect(ok).toMatchObject({ ok: true });
			const [row] = await t.db
				.selectFrom('attachment')
				.select(['id', 'fileName', 'mediaType'])
				.where('dossierId', '=', d.id)
				.execute();
			expect(row).toMatchObject({ fileName: 'Rekeninggnp.png', mediaType: 'image/png' });
			const served = fileResponse(
				(await views.openFile(d, row.id, { kind: 'citizen' }, { storage }, t.db))!
			);
			expect(served.headers.get('content-disposition')).toBe(
				`attachment; filename="Rekeninggnp.png"; filename*=UTF-8''Rekeninggnp.png`
			);
			expect(served.headers.get('content-type')).toBe('image/png');
		});
	});
});

// Files staff send with a message to the citizen (issue 19, item 3), on a real database: stored
// with the message in one transaction, through the same upload gate as the citizen's files (a
// hostile file refuses the whole message, and nothing is stored), once however often the form is
// sent, never on an internal note, and downloaded only by the dossier's owner or the holder of its
// tracking link. The mail says there are files and carries none; the API lists them per message.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '$lib/process/answers/test-definition';
import type { ProcessDefinition } from '$lib/process/definition';
import * as apiDossiers from '$lib/server/api/dossiers';
import type { SessionUser } from '$lib/server/auth/repository';
import type { Dossier } from '$lib/server/db/schema';
import * as handling from '$lib/server/dossiers/handling';
import * as views from '$lib/server/dossiers/views';
import { LocalFileStorage, readAll } from '$lib/server/files/storage';
import { fileOf, pdfBytes, pngOf, polyglots } from '$lib/server/files/test-files';
import { parseEml } from '$lib/server/mail/eml';
import { registerMailHandlers } from '$lib/server/mail/service';
import { FileMailer } from '$lib/server/mail/transport';
import { drainOutbox, registerOutboxHandler } from '$lib/server/outbox/worker';
import * as processes from '$lib/server/processes/service';
import { hashToken } from '$lib/server/tokens';
import * as migration from '../../migrations/2026_12_09_0002_message_attachments';
import { fileDossier, recordSubmitted } from '../fixtures/dossiers';
import { addUser } from '../fixtures/users';
import { asOwner, backend, openTestDatabase, type TestDatabase } from './test-db';

const root = mkdtempSync(join(tmpdir(), 'loket-staff-files-'));
const storage = new LocalFileStorage(join(root, 'files'));
const mailDir = join(root, 'mail');
const definition: ProcessDefinition = { ...structuredClone(testDefinition), id: 'bijlageproef' };
const decision = () => fileOf(pdfBytes, 'Beslissing.pdf', 'application/pdf');
const photo = pngOf(2, 2);

/** Every file under the storage root (directories of hash prefixes are not counted). */
function storedFiles(dir = join(root, 'files')): string[] {
	try {
		return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
			e.isDirectory() ? storedFiles(join(dir, e.name)) : [e.name]
		);
	} catch {
		return [];
	}
}

/** The code of the error the statement fails with. */
async function refused(run: () => Promise<unknown>): Promise<string | undefined> {
	try {
		await run();
	} catch (e) {
		return (e as { code?: string }).code;
	}
	throw new Error('expected the database to refuse the statement, but it was done');
}

describe(`files staff send with a message, on ${backend}`, () => {
	let t: TestDatabase;
	let staff: SessionUser;
	let owner: SessionUser;
	let other: SessionUser;
	let counter = 0;

	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'bijlage.json', definition }], t.db);
		staff = await addUser(t.db, 'sara@gemeente.be', ['staff'], 'Sara Balie');
		owner = await addUser(t.db, 'an@example.be', ['citizen'], 'An Peeters');
		other = await addUser(t.db, 'piet@example.be', ['citizen'], 'Piet Pieters');
		registerMailHandlers({
			mailer: new FileMailer(mailDir, 'Gemeente Proef <noreply@loket.invalid>'),
			municipality: () => 'Gemeente Proef',
			origin: 'http://loket.test:4420'
		});
		// Web push is another test's subject: its rows are simply done here.
		registerOutboxHandler('push', async () => {});
	});
	afterAll(async () => {
		await t.drop();
	});

	/** A dossier of the owner, or of a guest with this tracking token. */
	async function dossierOf(by: { ownerId: string } | { token: string }): Promise<Dossier> {
		counter++;
		const dossier = await fileDossier(t.db, {
			reference: `2026-${String(800000 + counter)}`,
			processId: definition.id,
			...('ownerId' in by
				? { ownerId: by.ownerId, applicantEmail: 'an@example.be' }
				: { guestTokenHash: hashToken(by.token), applicantEmail: 'gast@example.be' })
		});
		await recordSubmitted(t.db, dossier);
		return dossier;
	}

	const rowsOf = async (dossierId: string) => ({
		messages: await t.db
			.selectFrom('message')
			.selectAll()
			.where('dossierId', '=', dossierId)
			.execute(),
		attachments: await t.db
			.selectFrom('attachment')
			.selectAll()
			.where('dossierId', '=', dossierId)
			.orderBy('fileName')
			.execute(),
		events: await t.db
			.selectFrom('dossierEvent')
			.select(['type', 'data'])
			.where('dossierId', '=', dossierId)
			.where('type', '!=', 'submitted')
			.execute(),
		outbox: (
			await t.db
				.selectFrom('outbox')
				.select(['kind', 'payload'])
				.where('processedAt', 'is', null)
				.execute()
		).filter((r) => (r.payload as { dossierId?: string }).dossierId === dossierId)
	});

	it('stores the files with the message, its event and its mail in one go, seen by both sides', async () => {
		const d = await dossierOf({ ownerId: owner.id });
		const messageId = randomUUID();
		const result = await handling.postStaffMessage(
			d.id,
			staff,
			{
				body: 'Hierbij de beslissing en een foto van de plaats.',
				internal: false,
				messageId,
				files: [decision(), fileOf(photo, 'plaats.png', 'image/png')]
			},
			t.db,
			{ storage }
		);
		expect(result).toEqual({ ok: true, messageId, duplicate: false });

		const rows = await rowsOf(d.id);
		expect(rows.messages).toEqual([
			expect.objectContaining({ id: messageId, authorRole: 'staff', internal: false })
		]);
		expect(rows.attachments).toEqual([
			expect.objectContaining({
				messageId,
				fileName: 'Beslissing.pdf',
				mediaType: 'application/pdf',
				sizeBytes: pdfBytes.byteLength,
				uploadedBy: staff.id
			}),
			expect.objectContaining({
				messageId,
				fileName: 'plaats.png',
				mediaType: 'image/png',
				sizeBytes: photo.byteLength
			})
		]);
		// The audit trail names the files and their hashes, with the member of staff.
		expect(rows.events).toEqual([
			{
				type: 'message',
				data: {
					messageId,
					attachments: rows.attachments.map((a) => ({
						id: a.id,
						fileName: a.fileName,
						sha256: a.sha256
					}))
				}
			}
		]);
		expect(rows.outbox.map((r) => r.kind).sort()).toEqual(['dossier-message', 'push']);

		// The citizen sees them under the message, with name, type and size; staff too.
		const citizenView = await views.viewForCitizen(d, t.db);
		const staffView = await views.viewForStaff(d, staff, t.db);
		for (const view of [citizenView, staffView]) {
			const entry = view.timeline.find((e) => e.kind === 'message');
			expect(entry).toMatchObject({
				from: 'staff',
				files: [
					{ name: 'Beslissing.pdf', type: 'application/pdf', size: pdfBytes.byteLength },
					{ name: 'plaats.png', type: 'image/png', size: photo.byteLength }
				].map((f) => expect.objectContaining(f))
			});
			// Not among the files the citizen filed with the form.
			expect(view.filedFiles).toEqual([]);
		}

		// The owner downloads the bytes as sent.
		const mine = await views.findForOwner(d.reference, owner.id, t.db);
		const file = await views.openFile(
			mine!,
			rows.attachments[0]!.id,
			{ kind: 'citizen' },
			{ storage },
			t.db
		);
		expect(file).toMatchObject({ name: 'Beslissing.pdf', type: 'application/pdf' });
		expect(Buffer.from(await readAll(file!.body)).equals(Buffer.from(pdfBytes))).toBe(true);
	});

	it('refuses a hostile file, with the others, and stores nothing at all', async () => {
		const d = await dossierOf({ ownerId: owner.id });
		const before = storedFiles().length;
		const html = new TextEncoder().encode('<!doctype html><html><script>alert(1)</script></html>');
		const result = await handling.postStaffMessage(
			d.id,
			staff,
			{
				body: 'Zie bijlagen.',
				internal: false,
				messageId: randomUUID(),
				files: [
					fileOf(pngOf(3, 3), 'goed.png', 'image/png'),
					fileOf(html, 'brief.pdf', 'application/pdf'),
					fileOf(polyglots.pdfWithHtmlTail, 'factuur.pdf', 'application/pdf')
				]
			},
			t.db,
			{ storage }
		);
		expect(result).toEqual({
			ok: false,
			reason: 'files',
			body: null,
			issues: [
				{ code: 'type', fileName: 'brief.pdf' },
				{ code: 'active-content', fileName: 'factuur.pdf' }
			]
		});
		expect(await rowsOf(d.id)).toEqual({ messages: [], attachments: [], events: [], outbox: [] });
		expect(storedFiles()).toHaveLength(before);

		// A text that is refused too is said at the same time.
		const both = await handling.postStaffMessage(
			d.id,
			staff,
			{ body: '  ', internal: false, files: [fileOf(html, 'brief.pdf')] },
			t.db,
			{ storage }
		);
		expect(both).toMatchObject({ ok: false, reason: 'files', body: 'empty' });
	});

	it('takes as many files as a citizen may send, and none with an internal note', async () => {
		const d = await dossierOf({ ownerId: owner.id });
		const many = Array.from({ length: handling.MAX_REPLY_FILES + 1 }, (_, i) =>
			fileOf(pngOf(1, i + 1), `foto-${i}.png`, 'image/png')
		);
		expect(
			await handling.postStaffMessage(
				d.id,
				staff,
				{ body: 'Foto’s', internal: false, files: many },
				t.db,
				{ storage }
			)
		).toEqual({ ok: false, reason: 'files', body: null, issues: [{ code: 'too-many' }] });
		expect(
			await handling.postStaffMessage(
				d.id,
				staff,
				{ body: 'Voor collega’s', internal: true, files: [decision()] },
				t.db,
				{ storage }
			)
		).toEqual({ ok: false, reason: 'files', body: null, issues: [{ code: 'internal' }] });
		expect(await rowsOf(d.id)).toEqual({ messages: [], attachments: [], events: [], outbox: [] });
	});

	it('stores a message sent twice once, also when both arrive at the same time', async () => {
		const d = await dossierOf({ ownerId: owner.id });
		const messageId = randomUUID();
		const send = () =>
			handling.postStaffMessage(
				d.id,
				staff,
				{ body: 'Hierbij de beslissing.', internal: false, messageId, files: [decision()] },
				t.db,
				{ storage }
			);
		const [a, b] = await Promise.all([send(), send()]);
		const again = await send();
		expect([a, b].filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
		expect([a, b, again].every((r) => r.ok && r.messageId === messageId)).toBe(true);
		expect(again).toMatchObject({ duplicate: true });
		const rows = await rowsOf(d.id);
		expect(rows.messages).toHaveLength(1);
		expect(rows.attachments).toHaveLength(1);
		expect(rows.events).toHaveLength(1);
		expect(rows.outbox.filter((r) => r.kind === 'dossier-message')).toHaveLength(1);
	});

	it('lets only the owner or the tracking link’s holder download a file', async () => {
		const token = `volg-${randomUUID()}`;
		const guestDossier = await dossierOf({ token });
		const ownDossier = await dossierOf({ ownerId: owner.id });
		for (const d of [guestDossier, ownDossier]) {
			const r = await handling.postStaffMessage(
				d.id,
				staff,
				{ body: 'Uw beslissing.', internal: false, files: [decision()] },
				t.db,
				{ storage }
			);
			if (!r.ok) throw new Error(r.reason);
		}
		const [guestFile] = (await rowsOf(guestDossier.id)).attachments;
		const [ownFile] = (await rowsOf(ownDossier.id)).attachments;

		// The tracking link opens its dossier's file.
		const tracked = await views.findForGuest(token, t.db);
		expect(tracked?.id).toBe(guestDossier.id);
		const file = await views.openFile(
			tracked!,
			guestFile!.id,
			{ kind: 'citizen' },
			{ storage },
			t.db
		);
		expect(Buffer.from(await readAll(file!.body)).equals(Buffer.from(pdfBytes))).toBe(true);
		// Another citizen does not find the dossier; no dossier opens another dossier's file.
		expect(await views.findForOwner(ownDossier.reference, other.id, t.db)).toBeNull();
		expect(await views.findForGuest(`volg-${randomUUID()}`, t.db)).toBeNull();
		expect(
			await views.openFile(tracked!, ownFile!.id, { kind: 'citizen' }, { storage }, t.db)
		).toBeNull();
		const mine = await views.findForOwner(ownDossier.reference, owner.id, t.db);
		expect(
			await views.openFile(mine!, guestFile!.id, { kind: 'citizen' }, { storage }, t.db)
		).toBeNull();
	});

	it('mails that there are files, with the link to the dossier, and never the files', async () => {
		await drainOutbox(t.db, new Date());
		const d = await dossierOf({ ownerId: owner.id });
		const r = await handling.postStaffMessage(
			d.id,
			staff,
			{
				body: 'Vertrouwelijk: uw beslissing.',
				internal: false,
				files: [decision(), fileOf(photo, 'plaats.png', 'image/png')]
			},
			t.db,
			{ storage }
		);
		if (!r.ok) throw new Error(r.reason);
		const before = new Set(readdirSync(mailDir));
		await drainOutbox(t.db, new Date());
		const written = readdirSync(mailDir).filter((f) => !before.has(f));
		expect(written).toHaveLength(1);
		const raw = readFileSync(join(mailDir, written[0]!));
		const mail = parseEml(new Uint8Array(raw));
		expect(mail.to).toBe('an@example.be');
		expect(mail.text).toContain('Bij het bericht horen 2 bijlagen.');
		expect(mail.text).toContain(`http://loket.test:4420/dossiers/${d.reference}`);
		const source = raw.toString('latin1');
		expect(source).not.toContain('Vertrouwelijk');
		expect(source).not.toMatch(/Beslissing\.pdf|plaats\.png|application\/pdf|image\/png/);
		expect(source).not.toMatch(/content-disposition:\s*attachment/i);
	});

	it('lists the files of each message in the API, with their download', async () => {
		const d = await dossierOf({ ownerId: owner.id });
		const r = await handling.postStaffMessage(
			d.id,
			staff,
			{ body: 'Uw beslissing.', internal: false, files: [decision()] },
			t.db,
			{ storage }
		);
		if (!r.ok) throw new Error(r.reason);
		const [attachment] = (await rowsOf(d.id)).attachments;
		const described = await apiDossiers.describeDossier(d, t.db);
		expect(described.messages).toEqual([
			expect.objectContaining({
				id: r.messageId,
				attachments: [
					expect.objectContaining({
						id: attachment!.id,
						messageId: r.messageId,
						fileName: 'Beslissing.pdf',
						mediaType: 'application/pdf',
						size: pdfBytes.byteLength,
						href: `/api/v1/dossiers/${d.id}/attachments/${attachment!.id}`
					})
				]
			})
		]);
	});

	it('keeps a sent file unchanged, and never links one to an internal note or another dossier', async () => {
		const d = await dossierOf({ ownerId: owner.id });
		const elsewhere = await dossierOf({ ownerId: owner.id });
		const r = await handling.postStaffMessage(
			d.id,
			staff,
			{ body: 'Uw beslissing.', internal: false, files: [decision()] },
			t.db,
			{ storage }
		);
		if (!r.ok) throw new Error(r.reason);
		const [sent] = (await rowsOf(d.id)).attachments;
		// Not even the owner of the tables may change or remove it: the trigger refuses.
		for (const run of [
			() =>
				asOwner(t, (trx) =>
					trx
						.updateTable('attachment')
						.set({ fileName: 'ander.pdf' })
						.where('id', '=', sent!.id)
						.execute()
				),
			() => asOwner(t, (trx) => trx.deleteFrom('attachment').where('id', '=', sent!.id).execute()),
			() => asOwner(t, (trx) => sql`truncate attachment`.execute(trx))
		])
			expect(await refused(run)).toBe('42501');
		expect((await rowsOf(d.id)).attachments).toEqual([sent]);

		const note = await handling.postStaffMessage(
			d.id,
			staff,
			{ body: 'Intern', internal: true },
			t.db
		);
		if (!note.ok) throw new Error(note.reason);
		const row = (messageId: string, dossierId: string) => ({
			dossierId,
			messageId,
			fileName: 'x.pdf',
			mediaType: 'application/pdf',
			sizeBytes: 10,
			sha256: sent!.sha256,
			storageKey: sent!.storageKey
		});
		for (const values of [row(note.messageId, d.id), row(r.messageId, elsewhere.id)])
			expect(await refused(() => t.db.insertInto('attachment').values(values).execute())).toBe(
				'23514'
			);
	});
});

describe(`the message_attachments migration on ${backend}`, () => {
	let owner: TestDatabase;
	beforeAll(async () => {
		owner = await openTestDatabase('owner');
	});
	afterAll(async () => {
		await owner?.drop();
	});

	it('goes down and up again, and the triggers are back', async () => {
		const db = owner.db as unknown as Kysely<unknown>;
		const triggers = async () =>
			(
				await sql<{ name: string }>`select tgname as name from pg_trigger
					where tgrelid = 'attachment'::regclass and not tgisinternal order by tgname`.execute(db)
			).rows.map((r) => r.name);
		const all = [
			'attachment_dossier_change',
			'attachment_no_truncate',
			'attachment_of_message',
			'attachment_unchanged'
		];
		expect(await triggers()).toEqual(all);
		await migration.down(db);
		expect(await triggers()).toEqual(['attachment_dossier_change']);
		await migration.up(db);
		expect(await triggers()).toEqual(all);
	});
});

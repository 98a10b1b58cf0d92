// Retention on a real database with real files on disk (issue 23): a closed street report past
// its term is destroyed (answers, files on disk and rows gone; tombstone, audit trail and access
// log kept), one on legal hold is not, one not yet due is not; an archived one leaves a package
// whose manifest hashes match its files; a second run changes nothing; a run interrupted after
// the package was written (or after the rows went, before the bytes) and run again leaves
// everything complete. The database itself refuses any other change to what was filed.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/repository';
import type { Dossier } from '$lib/server/db/schema';
import * as dossierRepo from '$lib/server/dossiers/repository';
import { LocalFileStorage } from '$lib/server/files/storage';
import { verifyPackage } from '$lib/server/retention/archive';
import * as holds from '$lib/server/retention/holds';
import * as retention from '$lib/server/retention/service';
import type { RetentionTerms } from '$lib/server/retention/terms';
import { fileDossier, recordSubmitted } from '../fixtures/dossiers';
import { defineProcess, importProcesses, workflowState } from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const root = mkdtempSync(join(tmpdir(), 'loket-retention-'));
const storage = new LocalFileStorage(join(root, 'files'));
const terms: RetentionTerms = {
	archiveDir: join(root, 'archive'),
	outboxDays: 30,
	pushDays: 90,
	accessLogYears: 2
};
const NOW = new Date('2029-03-01T03:00:00Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const CLOSED_LONG_AGO = new Date('2026-01-10T10:00:00Z');

const states = [
	workflowState('ingediend', 'open', { label: { nl: 'Nieuw' } }),
	workflowState('uitgevoerd', 'final', { label: { nl: 'Uitgevoerd' } }),
	workflowState('akte', 'final', { label: { nl: 'Akte opgemaakt' } })
];
const transitions = [
	{
		id: 'uitvoeren',
		from: ['ingediend'],
		to: 'uitgevoerd',
		label: { nl: 'Uitvoeren' },
		roles: ['staff']
	},
	{ id: 'akte', from: ['ingediend'], to: 'akte', label: { nl: 'Akte' }, roles: ['staff'] }
];

describe(`retention on ${backend}`, () => {
	let t: TestDatabase;
	let stijn: SessionUser;
	let counter = 0;

	/** A street report closed at `closedAt` in `status`, with a photo and a message with a file. */
	async function closedReport(closedAt: Date, status = 'uitgevoerd') {
		counter++;
		const d = await fileDossier(t.db, {
			reference: `2026-${String(700000 + counter)}`,
			processId: 'melding',
			status,
			closedAt,
			answers: { naam: 'Jan Janssens', omschrijving: `Put in de straat ${counter}` }
		});
		await recordSubmitted(t.db, d);
		const photo = await put(`foto ${d.reference}`);
		await dossierRepo.insertAttachment(t.db, {
			dossierId: d.id,
			messageId: null,
			documentRequestId: null,
			fieldKey: 'foto',
			fileName: 'foto straat.jpg',
			mediaType: 'image/jpeg',
			sizeBytes: photo.size,
			sha256: photo.sha256,
			uploadedBy: null
		});
		const msg = await dossierRepo.insertMessage(t.db, {
			dossierId: d.id,
			authorId: null,
			authorRole: 'staff',
			body: 'De put is hersteld, zie foto.',
			internal: false
		});
		const after = await put(`na ${d.reference}`);
		await dossierRepo.insertAttachment(t.db, {
			dossierId: d.id,
			messageId: msg!.id,
			documentRequestId: null,
			fieldKey: null,
			fileName: 'na.pdf',
			mediaType: 'application/pdf',
			sizeBytes: after.size,
			sha256: after.sha256,
			uploadedBy: null
		});
		await t.db
			.insertInto('accessLog')
			.values({ action: 'dossier.viewed', userId: stijn.id, actorName: 'Stijn', dossierId: d.id })
			.execute();
		return { dossier: d, keys: [photo.sha256, after.sha256] };
	}

	const put = (text: string) => storage.put(new TextEncoder().encode(text));
	const reload = async (d: Dossier) => (await dossierRepo.findById(t.db, d.id))!;
	const count = async (
		table: 'attachment' | 'message' | 'dossierEvent' | 'accessLog',
		id: string
	) =>
		Number(
			(
				await t.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll().as('n'))
					.where('dossierId', '=', id)
					.executeTakeFirstOrThrow()
			).n
		);
	const run = (now: Date, interrupt?: retention.RunOptions['interrupt']) =>
		retention.runRetention(t.db, now, storage, { terms, interrupt });

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [
			defineProcess(
				'melding',
				{ states, transitions },
				{
					title: { nl: 'Melding openbaar domein' },
					retention: [
						{
							states: ['akte'],
							term: { years: 1 },
							action: 'archive',
							selectionRule: 'Archief: akten'
						},
						{ term: { years: 2 }, action: 'destroy', selectionRule: 'Meldingen: 2 jaar' }
					]
				}
			)
		]);
		stijn = await addUser(t.db, 'stijn@gemeente.be', ['staff'], 'Stijn Balie');
	});
	afterAll(async () => {
		await t.drop();
	});

	it('destroys what is due, keeps a tombstone and the audit trail, spares a hold and what is not due', async () => {
		const due = await closedReport(CLOSED_LONG_AGO);
		const held = await closedReport(CLOSED_LONG_AGO);
		const young = await closedReport(new Date(NOW.getTime() - 300 * DAY));
		const open = await closedReport(CLOSED_LONG_AGO);
		await sql`update dossier set closed_at = null, status = 'ingediend' where id = ${open.dossier.id}`.execute(
			t.db
		);
		expect(
			await holds.placeHold(held.dossier.id, stijn, '  Geschil bij de rechtbank ', NOW, t.db)
		).toEqual({
			ok: true
		});

		const upcoming = await retention.listDue(new Date(NOW.getTime() + 30 * DAY), t.db);
		expect(upcoming.map((d) => d.reference)).toEqual([
			due.dossier.reference,
			held.dossier.reference
		]);

		const report = await run(NOW);
		expect(report).toMatchObject({ destroyed: 1, archived: 0, held: 1, failed: 0 });

		const gone = await reload(due.dossier);
		expect(gone.destroyedAt).not.toBeNull();
		expect(gone.answers).toEqual({});
		expect(gone.applicantName).toBe('');
		expect(gone.applicantEmail).toBeNull();
		// The tombstone: reference, process, version, dates, final state and the rule.
		expect(gone).toMatchObject({
			reference: due.dossier.reference,
			processId: 'melding',
			processVersion: 1,
			status: 'uitgevoerd',
			closedAt: CLOSED_LONG_AGO,
			submittedAt: due.dossier.submittedAt
		});
		expect(gone.retention).toMatchObject({
			action: 'destroy',
			term: 'P2Y',
			selectionRule: 'Meldingen: 2 jaar',
			dueAt: '2028-01-10T10:00:00.000Z'
		});
		expect(await count('attachment', due.dossier.id)).toBe(0);
		const messages = await dossierRepo.listMessages(t.db, due.dossier.id, true);
		expect(messages.map((msg) => msg.body)).toEqual(['']);
		for (const key of due.keys) expect(await storage.exists(key)).toBe(false);
		// The audit trail is whole, with the destruction on it; the access log stays.
		const events = await dossierRepo.listEvents(t.db, due.dossier.id, false);
		expect(events.map((e) => e.type)).toEqual(['submitted', 'destroyed']);
		expect(events[1].data).toMatchObject({
			runId: report!.runId,
			selectionRule: 'Meldingen: 2 jaar'
		});
		expect(await count('accessLog', due.dossier.id)).toBe(1);

		// The one on hold, the young one and the open one are untouched.
		for (const kept of [held, young, open]) {
			const d = await reload(kept.dossier);
			expect(d.destroyedAt).toBeNull();
			expect(d.answers).toMatchObject({ naam: 'Jan Janssens' });
			expect(await count('attachment', d.id)).toBe(2);
			for (const key of kept.keys) expect(await storage.exists(key)).toBe(true);
		}

		// The run is on record with its dossier.
		const runs = await t.db.selectFrom('retentionRun').selectAll().execute();
		expect(runs).toHaveLength(1);
		expect(runs[0]).toMatchObject({ destroyed: 1, held: 1, failed: 0 });
		expect(runs[0].finishedAt).not.toBeNull();

		// A second run the same day does nothing; the next day's finds nothing more to do.
		expect(await run(new Date(NOW.getTime() + HOUR))).toBeNull();
		const nextDay = await run(new Date(NOW.getTime() + DAY));
		expect(nextDay).toMatchObject({ destroyed: 0, archived: 0, held: 1, failed: 0 });
		expect((await reload(due.dossier)).retention).toEqual(gone.retention);

		// Lifting the hold lets the following run destroy it; both are audited.
		expect(await holds.liftHold(held.dossier.id, stijn, NOW, t.db)).toEqual({ ok: true });
		expect(await holds.liftHold(held.dossier.id, stijn, NOW, t.db)).toEqual({
			ok: false,
			reason: 'not-held'
		});
		expect(await run(new Date(NOW.getTime() + 2 * DAY))).toMatchObject({ destroyed: 1, held: 0 });
		const heldEvents = await dossierRepo.listEvents(t.db, held.dossier.id, false);
		expect(heldEvents.map((e) => e.type)).toEqual([
			'submitted',
			'legal-hold',
			'legal-hold-lifted',
			'destroyed'
		]);
		expect(heldEvents[1].note).toBe('Geschil bij de rechtbank');
	});

	it('lets the database make no other change to what was filed', async () => {
		const d = (await closedReport(new Date(NOW.getTime() - 10 * DAY))).dossier;
		// Answers cannot be cleared without the destruction, nor the destruction keep them.
		await expect(
			sql`update dossier set answers = '{}'::jsonb where id = ${d.id}`.execute(t.db)
		).rejects.toThrow(/cannot change/);
		await expect(
			sql`update dossier set destroyed_at = now(), retention = '{}'::jsonb where id = ${d.id}`.execute(
				t.db
			)
		).rejects.toThrow(/destruction clears/);
		// A file of a kept dossier cannot be removed, even through the function on hold.
		await expect(
			sql`delete from attachment where dossier_id = ${d.id}`.execute(t.db)
		).rejects.toThrow();
		await holds.placeHold(d.id, stijn, 'Onderzoek', NOW, t.db);
		await expect(
			sql`select destroy_dossier(${d.id}::uuid, '{"action":"destroy"}'::jsonb)`.execute(t.db)
		).rejects.toThrow(/legal hold/);
		await holds.liftHold(d.id, stijn, NOW, t.db);
		await sql`select destroy_dossier(${d.id}::uuid, '{"action":"destroy"}'::jsonb)`.execute(t.db);
		// Once destroyed, nothing of it changes again, and it cannot be held.
		await expect(
			sql`update dossier set answers = '{"naam":"terug"}'::jsonb where id = ${d.id}`.execute(t.db)
		).rejects.toThrow(/destroyed/);
		expect(await holds.placeHold(d.id, stijn, 'Te laat', NOW, t.db)).toEqual({
			ok: false,
			reason: 'destroyed'
		});
		await sql`delete from retention_pending_file where dossier_id = ${d.id}`.execute(t.db);
	});

	it('archives a package whose manifest matches its files, and survives being interrupted', async () => {
		const act = await closedReport(CLOSED_LONG_AGO, 'akte');
		const later = new Date(NOW.getTime() + 10 * DAY);

		// Killed after the package was written, before the rows went.
		const killed = () => {
			throw new Error('killed');
		};
		await expect(
			run(later, (stage, id) =>
				stage === 'packaged' && id === act.dossier.id ? killed() : undefined
			)
		).resolves.toMatchObject({ archived: 0, failed: 1 });
		const dir = join(terms.archiveDir, 'melding', act.dossier.reference);
		expect(await verifyPackage(dir)).toBe(true);
		expect((await reload(act.dossier)).destroyedAt).toBeNull();
		const written = readFileSync(join(dir, 'manifest.json'), 'utf8');

		// Killed after the rows went, before the bytes were deleted: the next run deletes them.
		await expect(
			run(new Date(later.getTime() + DAY), (stage, id) =>
				stage === 'removed' && id === act.dossier.id ? killed() : undefined
			)
		).resolves.toMatchObject({ archived: 0, failed: 1 });
		expect((await reload(act.dossier)).destroyedAt).not.toBeNull();
		expect(await storage.exists(act.keys[0])).toBe(true);
		// The package in place was verified, not written again.
		expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(written);

		const last = await run(new Date(later.getTime() + 2 * DAY));
		expect(last?.housekeeping.pendingFiles).toBe(2);
		for (const key of act.keys) expect(await storage.exists(key)).toBe(false);
		const events = await dossierRepo.listEvents(t.db, act.dossier.id, false);
		expect(events.filter((e) => e.type === 'archived')).toHaveLength(1);
		const done = await reload(act.dossier);
		expect(done.retention).toMatchObject({ action: 'archive', package: dir });

		// The package: dossier with its definition, audit trail, files; hashes as the manifest says.
		const manifest = JSON.parse(written) as {
			files: { path: string; sha256: string; size: number }[];
		};
		expect(manifest.files.map((f) => f.path).slice(0, 2)).toEqual(['dossier.json', 'audit.json']);
		expect(manifest.files).toHaveLength(4);
		for (const f of manifest.files) {
			const bytes = readFileSync(join(dir, f.path));
			expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
			expect(bytes.byteLength).toBe(f.size);
		}
		const packaged = JSON.parse(readFileSync(join(dir, 'dossier.json'), 'utf8'));
		expect(packaged.dossier.answers).toMatchObject({ naam: 'Jan Janssens' });
		expect(packaged.process).toMatchObject({ id: 'melding', version: 1 });
		expect(packaged.process.definition.retention).toHaveLength(2);
		expect(packaged.messages[0].body).toBe('De put is hersteld, zie foto.');
		expect(readFileSync(join(dir, packaged.files[0].path), 'utf8')).toBe(
			`foto ${act.dossier.reference}`
		);
		// No temporary folder is left behind.
		expect(readdirSync(join(terms.archiveDir, 'melding')).filter((n) => n.startsWith('.'))).toEqual(
			[]
		);
	});

	it('takes over a run whose instance died once its lease ended, not before', async () => {
		const day = new Date('2031-06-01T02:00:00Z');
		await t.db
			.insertInto('retentionRun')
			.values({ day: '2031-06-01', startedAt: day, leaseUntil: new Date(day.getTime() + HOUR) })
			.execute();
		expect(await run(new Date(day.getTime() + 30 * 60 * 1000))).toBeNull();
		const taken = await run(new Date(day.getTime() + 2 * HOUR));
		expect(taken).not.toBeNull();
		const row = await t.db
			.selectFrom('retentionRun')
			.select(['id', 'finishedAt'])
			.where('day', '=', '2031-06-01')
			.executeTakeFirstOrThrow();
		expect(row.id).toBe(taken!.runId);
		expect(row.finishedAt).not.toBeNull();
	});
});

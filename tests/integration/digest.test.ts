// Staff alerts and the daily e-mail on a real database (issue 20, item 4): what asks for a member
// of staff (newly assigned by someone else, the citizen replied since they last looked, due within
// two working days or overdue), only among their own open dossiers; the e-mail is queued once a
// day from 07:00 Brussels time, not when there is nothing to tell, and not for who switched it off.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFileStorage } from '$lib/server/files/storage';
import type { SessionUser } from '$lib/server/auth/repository';
import * as digest from '$lib/server/digest/service';
import * as handling from '$lib/server/dossiers/handling';
import * as views from '$lib/server/dossiers/views';
import { staffDigestMail } from '$lib/server/mail/templates';
import { fileDossier, recordSubmitted } from '../fixtures/dossiers';
import {
	defineProcess,
	importProcesses,
	reviewTransitions,
	workflowState
} from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

// Wednesday 2 December 2026, 05:30 and 08:00 in Brussels (UTC+1).
const EARLY = new Date('2026-12-02T04:30:00Z');
const MORNING = new Date('2026-12-02T07:00:00Z');
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-digest-')));

describe(`staff alerts and the daily e-mail on ${backend}`, () => {
	let t: TestDatabase;
	let stijn: SessionUser;
	let lien: SessionUser;
	let counter = 0;
	const file = async (dueDate: string) => {
		counter++;
		const d = await fileDossier(t.db, {
			reference: `2026-${String(counter).padStart(6, '0')}`,
			processId: 'vergunning',
			dueDate
		});
		await recordSubmitted(t.db, d);
		return d;
	};
	const refs = (items: { reference: string }[]) => items.map((i) => i.reference).sort();
	const digestRows = () =>
		t.db.selectFrom('outbox').select(['payload']).where('kind', '=', 'staff-digest').execute();

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [
			defineProcess('vergunning', {
				states: [
					workflowState('ingediend', 'open', { label: { nl: 'Nieuw' } }),
					workflowState('onvolledig', 'waiting', { label: { nl: 'Wacht' } }),
					workflowState('goedgekeurd', 'final', { label: { nl: 'Goedgekeurd' } })
				],
				transitions: reviewTransitions()
			})
		]);
		stijn = await addUser(t.db, 'stijn@gemeente.be', ['staff'], 'Stijn Balie');
		lien = await addUser(t.db, 'lien@gemeente.be', ['staff'], 'Lien Loket');
	});
	afterAll(async () => {
		await t.drop();
	});

	it('tells what asks for each person, among their own open dossiers only', async () => {
		const given = await file('2026-12-30'); // Lien gives it to Stijn
		const taken = await file('2026-12-30'); // Stijn takes it himself: no news to him
		const soon = await file('2026-12-04'); // due Friday: within two working days
		const later = await file('2026-12-09'); // due next Wednesday: not yet
		const others = await file('2026-12-01'); // overdue, but Lien's
		const assign = (d: { id: string; version: number }, by: SessionUser, to: SessionUser) =>
			handling.assign(d.id, by, { assigneeId: to.id, expectedVersion: d.version }, t.db, EARLY);
		expect(await assign(given, lien, stijn)).toMatchObject({ ok: true });
		expect(await assign(taken, stijn, stijn)).toMatchObject({ ok: true });
		expect(await assign(soon, stijn, stijn)).toMatchObject({ ok: true });
		expect(await assign(later, stijn, stijn)).toMatchObject({ ok: true });
		expect(await assign(others, lien, lien)).toMatchObject({ ok: true });
		// The citizen of `later` replies; Stijn has not looked since.
		expect(
			await handling.replyAsCitizen(
				later.id,
				{ kind: 'citizen', userId: null },
				{ replyId: randomUUID(), body: 'Hier is de foto.', uploads: [] },
				{ storage },
				t.db,
				EARLY
			)
		).toMatchObject({ ok: true });

		const alerts = await digest.collect(t.db, stijn.id, new Date(EARLY.getTime() - 1000), MORNING);
		expect(refs(alerts.assigned)).toEqual([given.reference]);
		expect(refs(alerts.replied)).toEqual([later.reference]);
		expect(refs(alerts.due)).toEqual([soon.reference]);
		expect(await digest.alertsFor(stijn.id, t.db, MORNING)).toEqual({
			assigned: 1,
			replied: 1,
			due: 1
		});
		// Opening the dossier clears the reply.
		await views.markSeen(later, stijn, t.db);
		expect((await digest.alertsFor(stijn.id, t.db, MORNING)).replied).toBe(0);
		expect(refs((await digest.collect(t.db, lien.id, EARLY, MORNING)).due)).toEqual([
			others.reference
		]);
		// Each count is its own kind: Lien took her overdue dossier herself.
		expect(await digest.alertsFor(lien.id, t.db, MORNING)).toEqual({
			assigned: 0,
			replied: 0,
			due: 1
		});
	});

	it('queues the e-mail once a day from seven, only with news, and not for who switched it off', async () => {
		expect(await digest.queueDueDigests(t.db, EARLY)).toBe(0);
		expect(await digestRows()).toHaveLength(0);
		await digest.setDigest(lien.id, false, t.db);
		expect(await digest.queueDueDigests(t.db, MORNING)).toBe(1);
		// Run again the same day (another instance, the next quarter): nothing more.
		expect(await digest.queueDueDigests(t.db, new Date(MORNING.getTime() + 15 * 60_000))).toBe(0);
		const rows = await digestRows();
		expect(rows).toHaveLength(1);
		const payload = rows[0]!.payload as Record<string, unknown>;
		expect(payload).toMatchObject({
			userId: stijn.id,
			email: 'stijn@gemeente.be',
			day: '2026-12-02'
		});
		// The mail names references only, and links to the inbox and the account page.
		const mail = staffDigestMail(payload as Parameters<typeof staffDigestMail>[0], {
			locale: 'nl',
			municipality: 'Gemeente Voorbeeld',
			origin: 'https://loket.example'
		});
		expect(mail.subject).toBe('Uw werk voor vandaag bij Gemeente Voorbeeld');
		expect(mail.text).toContain('Nieuw aan u toegewezen (1): 2026-000001.');
		expect(mail.text).toContain('https://loket.example/backoffice?assignee=mine&open=1');
		expect(mail.text).toContain('https://loket.example/mijn-account');
		// The next morning, switched off: nothing.
		await digest.setDigest(stijn.id, false, t.db);
		expect(await digest.queueDueDigests(t.db, new Date(MORNING.getTime() + 24 * 3600_000))).toBe(0);
		expect(await digest.wantsDigest(stijn.id, t.db)).toBe(false);
	});
});

// Handling a filed dossier on a real database: staff transitions with the version check, the
// clock that pauses while the municipality waits for the citizen and moves the due date when it
// resumes, the citizen's reply with requested documents (stored once however often it is sent),
// and what each side may see.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/repository';
import * as handling from '$lib/server/dossiers/handling';
import * as dossierRepo from '$lib/server/dossiers/repository';
import * as views from '$lib/server/dossiers/views';
import { LocalFileStorage, readAll } from '$lib/server/files/storage';
import { fileDossier as insertDossier, recordSubmitted } from '../fixtures/dossiers';
import {
	defineProcess,
	importProcesses,
	reviewTransition,
	workflowState
} from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-handling-')));
const pdf = (name: string, text = 'bewijs') =>
	new File([`%PDF-1.7\n${text}`], name, { type: 'application/pdf' });

const state = (id: string, kind: 'open' | 'waiting' | 'final', citizenLabel?: string) =>
	workflowState(id, kind, {
		label: { nl: `Intern: ${id}` },
		citizenLabel: citizenLabel ? { nl: citizenLabel } : undefined
	});

const definition = defineProcess(
	'volg',
	{
		states: [
			state('ingediend', 'open', 'Ontvangen'),
			state('onvolledig', 'waiting', 'Wij wachten op u'),
			state('goedgekeurd', 'final', 'Goedgekeurd'),
			{ ...state('ingetrokken', 'final', 'Ingetrokken'), vlaamseCode: 'Stopgezet' }
		],
		transitions: [
			reviewTransition('aanvulling_vragen', { requiresNote: true, notifyCitizen: true }),
			reviewTransition('aanvullen'),
			reviewTransition('goedkeuren', { notifyCitizen: true }),
			{
				id: 'intrekken',
				from: ['ingediend', 'onvolledig'],
				to: 'ingetrokken',
				label: { nl: 'Intrekken' },
				roles: ['citizen']
			}
		]
	},
	{ handlingTime: { days: 30, unit: 'calendar', legal: true } }
);

describe(`handling a dossier on ${backend}`, () => {
	let t: TestDatabase;
	let staff: SessionUser;
	let citizen: SessionUser;
	let other: SessionUser;
	let counter = 0;

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [definition]);
		staff = await addUser(t.db, 'stijn@gemeente.be', ['staff'], 'Stijn Balie');
		citizen = await addUser(t.db, 'ada@example.be', ['citizen'], 'Ada');
		other = await addUser(t.db, 'eve@example.be', ['citizen'], 'Eve');
	});
	afterAll(async () => {
		await t.drop();
	});

	async function fileDossier(ownerId: string | null, dueDate = '2026-12-31', submittedAt?: Date) {
		counter++;
		const dossier = await insertDossier(t.db, {
			reference: `2026-${String(900000 + counter)}`,
			processId: 'volg',
			answers: { naam: 'Ada Peeters' },
			ownerId,
			applicantName: 'Ada Peeters',
			applicantEmail: 'ada@example.be',
			dueDate,
			submittedAt
		});
		await recordSubmitted(t.db, dossier);
		return dossier;
	}
	const staffActor = () => ({ kind: 'staff' as const, user: staff });
	const citizenActor = () => ({ kind: 'citizen' as const, userId: citizen.id });
	const outboxKinds = async (dossierId: string) =>
		(await t.db.selectFrom('outbox').select(['kind', 'payload']).execute())
			.filter((r) => (r.payload as { dossierId?: string }).dossierId === dossierId)
			.map((r) => r.kind);

	it('asks for documents: the dossier waits, the clock pauses, the citizen is told', async () => {
		const d = await fileDossier(citizen.id);
		const pausedAt = new Date('2026-12-01T10:00:00Z');
		const noNote = await handling.transition(
			d.id,
			staffActor(),
			{ transitionId: 'aanvulling_vragen', expectedVersion: d.version },
			t.db,
			pausedAt
		);
		expect(noNote).toEqual({ ok: false, reason: 'note-required' });

		const asked = await handling.transition(
			d.id,
			staffActor(),
			{
				transitionId: 'aanvulling_vragen',
				expectedVersion: d.version,
				note: 'Bezorg ons het huurcontract.',
				documents: ['Huurcontract', ' ', 'Huurcontract', 'Plan']
			},
			t.db,
			pausedAt
		);
		if (!asked.ok) throw new Error(asked.reason);
		expect(asked.dossier).toMatchObject({ status: 'onvolledig', version: d.version + 1 });
		expect(asked.dossier.clockPausedAt?.toISOString()).toBe(pausedAt.toISOString());
		expect(await outboxKinds(d.id)).toEqual(['dossier-transitioned', 'push']);

		const view = await views.viewForCitizen(asked.dossier, t.db);
		expect(view.actionNeeded).toBe(true);
		expect(view.state.label).toEqual({ nl: 'Wij wachten op u' });
		expect(view.openRequests.map((r) => r.label)).toEqual(['Huurcontract', 'Plan']);
		const message = view.timeline.find((e) => e.kind === 'message');
		expect(message).toMatchObject({
			from: 'staff',
			author: null,
			body: 'Bezorg ons het huurcontract.'
		});
		// The citizen sees the change of state but not the note in the audit trail.
		expect(view.timeline.find((e) => e.kind === 'state')).toMatchObject({ note: null });
		expect(view.withdraw.map((w) => w.id)).toEqual(['intrekken']);
	});

	it('a reply with every requested document resumes the clock and moves the due date', async () => {
		const d = await fileDossier(citizen.id, '2026-12-31');
		const asked = await handling.transition(
			d.id,
			staffActor(),
			{
				transitionId: 'aanvulling_vragen',
				expectedVersion: d.version,
				note: 'Twee documenten graag.',
				documents: ['Huurcontract', 'Plan']
			},
			t.db,
			new Date('2026-12-01T10:00:00Z')
		);
		if (!asked.ok) throw new Error(asked.reason);
		const [contract, plan] = (await views.viewForCitizen(asked.dossier, t.db)).openRequests;

		const replyId = randomUUID();
		const partial = await handling.replyAsCitizen(
			d.id,
			citizenActor(),
			{
				replyId,
				body: 'Hier is het contract; het plan volgt.',
				uploads: [{ requestId: contract.id, file: pdf('contract.pdf') }]
			},
			{ storage },
			t.db,
			new Date('2026-12-03T09:00:00Z')
		);
		expect(partial).toEqual({ ok: true, resumed: false, duplicate: false });
		// The same reply again (a double click, a retry) is stored once.
		const again = await handling.replyAsCitizen(
			d.id,
			citizenActor(),
			{
				replyId,
				body: 'Hier is het contract; het plan volgt.',
				uploads: [{ requestId: contract.id, file: pdf('contract.pdf') }]
			},
			{ storage },
			t.db
		);
		expect(again).toMatchObject({ ok: true, duplicate: true });
		let now = (await dossierRepo.findById(t.db, d.id))!;
		expect(now.status).toBe('onvolledig');

		const done = await handling.replyAsCitizen(
			d.id,
			citizenActor(),
			{
				replyId: randomUUID(),
				body: '',
				uploads: [{ requestId: plan.id, file: pdf('plan.pdf', 'plan') }]
			},
			{ storage },
			t.db,
			new Date('2026-12-06T09:00:00Z')
		);
		expect(done).toEqual({ ok: true, resumed: true, duplicate: false });
		now = (await dossierRepo.findById(t.db, d.id))!;
		expect(now.status).toBe('ingediend');
		expect(now.clockPausedAt).toBeNull();
		// Paused from 1 to 6 December: five calendar days later than before.
		expect(now.dueDate).toBe('2027-01-05');

		const view = await views.viewForCitizen(now, t.db);
		expect(view.openRequests).toEqual([]);
		const replies = view.timeline.filter((e) => e.kind === 'message' && e.from === 'citizen');
		expect(replies).toHaveLength(2);
		expect(
			replies.flatMap((r) => (r.kind === 'message' ? r.files.map((f) => f.name) : []))
		).toEqual(['contract.pdf', 'plan.pdf']);
		const file = await views.openFile(
			now,
			replies[0].kind === 'message' ? replies[0].files[0].id : '',
			{ kind: 'citizen' },
			{ storage },
			t.db
		);
		expect(new TextDecoder().decode(await readAll(file!.body))).toBe('%PDF-1.7\nbewijs');
		expect(file?.type).toBe('application/pdf');
	});

	it('keeps how long handling took in working days, without the days it waited for the citizen', async () => {
		// Filed on Monday 30 November, waiting from Tuesday to Friday, decided on Tuesday 8 December.
		const d = await fileDossier(citizen.id, '2026-12-31', new Date('2026-11-30T09:00:00Z'));
		const step = async (
			dossier: { id: string; version: number },
			actor: handling.Actor,
			transitionId: string,
			at: string
		) => {
			const r = await handling.transition(
				dossier.id,
				actor,
				{ transitionId, expectedVersion: dossier.version, note: 'Graag het plan.' },
				t.db,
				new Date(at)
			);
			if (!r.ok) throw new Error(r.reason);
			return r.dossier;
		};
		const asked = await step(d, staffActor(), 'aanvulling_vragen', '2026-12-01T10:00:00Z');
		expect(asked).toMatchObject({ pausedDays: 0, handlingDays: null });
		const back = await step(asked, citizenActor(), 'aanvullen', '2026-12-04T10:00:00Z');
		// Wednesday, Thursday and Friday: three working days paused.
		expect(back).toMatchObject({ pausedDays: 3, handlingDays: null });
		const decided = await step(back, staffActor(), 'goedkeuren', '2026-12-08T10:00:00Z');
		// Six working days after filing (1–4 and 7–8 December), less the three paused.
		expect(decided).toMatchObject({ pausedDays: 3, handlingDays: 3 });

		// Withdrawn while waiting: the pause counts up to the end, but nothing was decided.
		const w = await fileDossier(citizen.id, '2026-12-31', new Date('2026-11-30T09:00:00Z'));
		const waiting = await step(w, staffActor(), 'aanvulling_vragen', '2026-12-01T10:00:00Z');
		const withdrawn = await step(waiting, citizenActor(), 'intrekken', '2026-12-02T10:00:00Z');
		expect(withdrawn).toMatchObject({ status: 'ingetrokken', pausedDays: 1, handlingDays: null });
	});

	it('refuses a reply without content or with a file that is not what it claims', async () => {
		const d = await fileDossier(citizen.id);
		const empty = await handling.replyAsCitizen(
			d.id,
			citizenActor(),
			{ replyId: randomUUID(), body: '  ', uploads: [] },
			{ storage },
			t.db
		);
		expect(empty).toEqual({
			ok: false,
			reason: 'invalid',
			issues: [{ name: 'body', code: 'required' }]
		});
		const fake = new File(['MZ\x90\x00 not a pdf'], 'factuur.pdf', { type: 'application/pdf' });
		const refused = await handling.replyAsCitizen(
			d.id,
			citizenActor(),
			{ replyId: randomUUID(), body: 'zie bijlage', uploads: [{ requestId: null, file: fake }] },
			{ storage },
			t.db
		);
		expect(refused).toMatchObject({
			ok: false,
			issues: [{ name: 'files', code: 'type', fileName: 'factuur.pdf' }]
		});
		expect(await t.db.selectFrom('message').where('dossierId', '=', d.id).execute()).toEqual([]);
	});

	it('a stale page changes nothing and says who changed the dossier; only one of two wins', async () => {
		const d = await fileDossier(citizen.id);
		const first = await handling.transition(
			d.id,
			staffActor(),
			{ transitionId: 'goedkeuren', expectedVersion: d.version },
			t.db
		);
		expect(first.ok).toBe(true);
		const stale = await handling.transition(
			d.id,
			staffActor(),
			{ transitionId: 'aanvulling_vragen', expectedVersion: d.version, note: 'Nog iets' },
			t.db
		);
		expect(stale).toMatchObject({ ok: false, reason: 'conflict', changedBy: 'Stijn Balie' });

		const d2 = await fileDossier(citizen.id);
		const results = await Promise.all(
			['goedkeuren', 'aanvulling_vragen'].map((transitionId) =>
				handling.transition(
					d2.id,
					staffActor(),
					{ transitionId, expectedVersion: d2.version, note: 'tegelijk' },
					t.db
				)
			)
		);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(1);
		const events = await t.db
			.selectFrom('dossierEvent')
			.where('dossierId', '=', d2.id)
			.where('type', '=', 'transition')
			.execute();
		expect(events).toHaveLength(1);
	});

	it('each side takes only its own transitions; a final dossier takes no reply', async () => {
		const d = await fileDossier(citizen.id);
		expect(
			await handling.transition(
				d.id,
				citizenActor(),
				{ transitionId: 'goedkeuren', expectedVersion: null },
				t.db
			)
		).toEqual({ ok: false, reason: 'not-allowed' });
		expect(
			await handling.transition(
				d.id,
				staffActor(),
				{ transitionId: 'intrekken', expectedVersion: d.version },
				t.db
			)
		).toEqual({ ok: false, reason: 'not-allowed' });
		const withdrawn = await handling.transition(
			d.id,
			citizenActor(),
			{ transitionId: 'intrekken', expectedVersion: null },
			t.db
		);
		expect(withdrawn).toMatchObject({ ok: true, dossier: { status: 'ingetrokken' } });
		if (withdrawn.ok) expect(withdrawn.dossier.closedAt).not.toBeNull();
		expect(
			await handling.replyAsCitizen(
				d.id,
				citizenActor(),
				{ replyId: randomUUID(), body: 'toch nog', uploads: [] },
				{ storage },
				t.db
			)
		).toEqual({ ok: false, reason: 'closed' });
	});

	it('internal notes stay with staff; the citizen finds only their own dossiers', async () => {
		const d = await fileDossier(citizen.id);
		await handling.postStaffMessage(d.id, staff, { body: 'Buur belde al', internal: true }, t.db);
		await handling.postStaffMessage(
			d.id,
			staff,
			{ body: 'Wij bekijken het', internal: false },
			t.db
		);
		const forCitizen = await views.viewForCitizen(d, t.db);
		const bodies = forCitizen.timeline.flatMap((e) => (e.kind === 'message' ? [e.body] : []));
		expect(bodies).toEqual(['Wij bekijken het']);
		const forStaff = await views.viewForStaff(d, staff, t.db);
		expect(forStaff.timeline.flatMap((e) => (e.kind === 'message' ? [e.body] : []))).toEqual([
			'Buur belde al',
			'Wij bekijken het'
		]);
		expect(forStaff.actions.map((a) => a.id)).toEqual(['aanvulling_vragen', 'goedkeuren']);
		expect(await outboxKinds(d.id)).toEqual(['dossier-message', 'push']);

		expect(await views.findForOwner(d.reference, citizen.id, t.db)).not.toBeNull();
		expect(await views.findForOwner(d.reference, other.id, t.db)).toBeNull();
		expect(await views.findForOwner('2026-999999', citizen.id, t.db)).toBeNull();
		expect(await views.findForOwner("' or 1=1 --", citizen.id, t.db)).toBeNull();
		expect(await views.findForStaff('not-a-uuid', staff, t.db)).toBeNull();
		expect(
			await views.openFile(d, 'not-a-uuid', { kind: 'citizen' }, { storage }, t.db)
		).toBeNull();

		const mine = await views.listForOwner(citizen.id, t.db);
		expect(mine.length).toBeGreaterThanOrEqual(5);
		expect(mine.map((x) => x.submittedAt.getTime())).toEqual(
			[...mine.map((x) => x.submittedAt.getTime())].sort((a, b) => b - a)
		);
		expect(await views.listForOwner(other.id, t.db)).toEqual([]);
	});

	it('staff take a dossier, hand it to a colleague with the staff role, or release it', async () => {
		const d = await fileDossier(citizen.id);
		const taken = await handling.assign(
			d.id,
			staff,
			{ assigneeId: staff.id, expectedVersion: d.version },
			t.db
		);
		if (!taken.ok) throw new Error(taken.reason);
		expect(taken.dossier.assigneeId).toBe(staff.id);
		expect(
			await handling.assign(
				d.id,
				staff,
				{ assigneeId: citizen.id, expectedVersion: taken.dossier.version },
				t.db
			)
		).toEqual({ ok: false, reason: 'not-staff' });
		expect(
			await handling.assign(d.id, staff, { assigneeId: null, expectedVersion: d.version }, t.db)
		).toMatchObject({ ok: false, reason: 'conflict', changedBy: 'Stijn Balie' });
		const released = await handling.assign(
			d.id,
			staff,
			{ assigneeId: null, expectedVersion: taken.dossier.version },
			t.db
		);
		expect(released).toMatchObject({ ok: true, dossier: { assigneeId: null } });
		const forStaff = await views.viewForStaff(
			(await dossierRepo.findById(t.db, d.id))!,
			staff,
			t.db
		);
		expect(forStaff.timeline.flatMap((e) => (e.kind === 'assigned' ? [e.assignee] : []))).toEqual([
			'Stijn Balie',
			null
		]);
		expect(forStaff.colleagues.map((c) => c.name)).toEqual(['Stijn Balie']);
		// Who handles the dossier is the municipality's business, not shown to the citizen.
		const forCitizen = await views.viewForCitizen((await dossierRepo.findById(t.db, d.id))!, t.db);
		expect(forCitizen.timeline.map((e) => e.kind)).toEqual(['submitted']);
	});
	it('drops direction-changing characters from messages, notes and replies', async () => {
		const d = await fileDossier(citizen.id);
		await handling.postStaffMessage(
			d.id,
			staff,
			{ body: 'Zie \u202Efdp.exe', internal: false },
			t.db
		);
		const reply = await handling.replyAsCitizen(
			d.id,
			citizenActor(),
			{ replyId: randomUUID(), body: '\u2067Hier\u2069 \u200Fis het\u061C', uploads: [] },
			{ storage },
			t.db
		);
		expect(reply).toMatchObject({ ok: true });
		const bodies = await t.db
			.selectFrom('message')
			.select('body')
			.where('dossierId', '=', d.id)
			.orderBy('createdAt')
			.execute();
		expect(bodies.map((b) => b.body)).toEqual(['Zie fdp.exe', 'Hier is het']);
	});
});

// Departments on a real database (issue 20, item 2): staff see and handle only what their
// departments handle, in the inbox, its counts, search and export, the dossier page and its files,
// the colleagues a dossier can go to, and the overview; a dossier handed over to another department
// moves with its note; the admin's rules keep every process with a department. The database itself
// puts new processes and new staff in the default department. Also the inbox's marker for news
// from the citizen since the assignee last looked.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/repository';
import * as departments from '$lib/server/departments/service';
import * as handling from '$lib/server/dossiers/handling';
import * as views from '$lib/server/dossiers/views';
import { LocalFileStorage } from '$lib/server/files/storage';
import * as inbox from '$lib/server/inbox/service';
import { getOverview } from '$lib/server/overview/service';
import * as adminRepo from '$lib/server/users/admin-repository';
import { fileDossier, recordSubmitted } from '../fixtures/dossiers';
import {
	defineProcess,
	importProcesses,
	reviewTransitions,
	workflowState
} from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const NOW = new Date('2026-12-02T10:00:00Z');
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-departments-')));

const definitionFor = (id: string, title: string) =>
	defineProcess(
		id,
		{
			states: [
				workflowState('ingediend', 'open', { label: { nl: 'Nieuw' } }),
				workflowState('onvolledig', 'waiting', { label: { nl: 'Wacht' } }),
				workflowState('goedgekeurd', 'final', { label: { nl: 'Goedgekeurd' } })
			],
			transitions: reviewTransitions()
		},
		{ title: { nl: title } }
	);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new Response(stream).text();
}

describe(`departments on ${backend}`, () => {
	let t: TestDatabase;
	let wout: SessionUser; // roads (the default department)
	let gert: SessionUser; // parks
	let defaultId: string;
	let parksId: string;
	let counter = 0;

	const file = async (processId: string, applicantName: string) => {
		counter++;
		const d = await fileDossier(t.db, {
			reference: `2026-${String(counter).padStart(6, '0')}`,
			processId,
			applicantName,
			answers: { naam: applicantName }
		});
		await recordSubmitted(t.db, d);
		return d;
	};
	const refs = async (user: SessionUser, query = '') =>
		(await inbox.getInbox(user.id, new URLSearchParams(query), t.db, NOW)).items
			.map((i) => i.reference)
			.sort();
	const counts = async (user: SessionUser, query = '') =>
		Object.fromEntries(
			(await inbox.getInbox(user.id, new URLSearchParams(query), t.db, NOW)).counts.map((c) => [
				c.state,
				c.count
			])
		);

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [
			definitionFor('wegen', 'Schade aan de weg'),
			definitionFor('bomen', 'Boom snoeien')
		]);
		wout = await addUser(t.db, 'wout@gemeente.be', ['staff'], 'Wout Weg');
		gert = await addUser(t.db, 'gert@gemeente.be', ['staff'], 'Gert Groen');
	});
	afterAll(async () => {
		await t.drop();
	});

	it('puts every process and every new member of staff in the default department, by itself', async () => {
		const all = await departments.list(t.db);
		expect(all.map((d) => [d.name, d.isDefault, d.members, d.processes])).toEqual([
			['Algemeen', true, 2, 2]
		]);
		defaultId = all[0]!.id;
		// A citizen is no member; the same account made staff later is.
		const burger = await addUser(t.db, 'burger@example.be', ['citizen'], 'Bert Burger');
		expect((await departments.scopeFor(burger.id, t.db)).departmentIds).toEqual([]);
		await adminRepo.updateRoles(t.db, burger.id, ['citizen', 'staff'], NOW);
		expect((await departments.scopeFor(burger.id, t.db)).departmentIds).toEqual([defaultId]);
		// Staff see everything while there is one department.
		const w = await file('wegen', 'Walter Put');
		const b = await file('bomen', 'Bea Boom');
		expect(await refs(wout)).toEqual([w.reference, b.reference].sort());
		expect(await refs(gert)).toEqual([w.reference, b.reference].sort());
	});

	it('refuses a department without a name, a name taken, and one that leaves a process without a department', async () => {
		expect(await departments.create({ name: '  ' }, t.db)).toEqual({ ok: false, name: 'required' });
		expect(await departments.create({ name: 'x'.repeat(101) }, t.db)).toEqual({
			ok: false,
			name: 'too-long'
		});
		expect(await departments.create({ name: ' algemeen ' }, t.db)).toEqual({
			ok: false,
			name: 'taken'
		});
		const created = await departments.create({ name: 'Groendienst' }, t.db);
		if (!created.ok) throw new Error('not created');
		parksId = created.department.id;
		// Roads stops handling the trees before the parks took them: refused, nothing saved.
		const early = await departments.update(
			defaultId,
			{ name: 'Algemeen', memberIds: [wout.id], processIds: ['wegen'] },
			t.db
		);
		expect(early).toEqual({ ok: false, issues: { orphans: ['bomen'] } });
		expect((await departments.get(defaultId, t.db))?.memberIds.length).toBe(3);
		// Someone who is no member of staff, or a process that does not exist: refused.
		const burger = await addUser(t.db, 'burger2@example.be', ['citizen']);
		expect(
			await departments.update(
				parksId,
				{ name: 'Groendienst', memberIds: [burger.id], processIds: ['bomen', 'bestaat-niet'] },
				t.db
			)
		).toEqual({ ok: false, issues: { unknown: true } });

		expect(
			await departments.update(
				parksId,
				{ name: 'Groendienst', memberIds: [gert.id], processIds: ['bomen'] },
				t.db
			)
		).toEqual({ ok: true });
		expect(
			await departments.update(
				defaultId,
				{ name: 'Wegendienst', memberIds: [wout.id], processIds: ['wegen'] },
				t.db
			)
		).toEqual({ ok: true });
	});

	it('shows staff only their departments’ dossiers: inbox, counts, search, export, page, files, overview', async () => {
		const road = await file('wegen', 'Dieudonné Asfalt');
		const tree = await file('bomen', 'Bea Eik');
		const woutSees = await refs(wout);
		const gertSees = await refs(gert);
		expect(woutSees).toContain(road.reference);
		expect(woutSees).not.toContain(tree.reference);
		expect(gertSees).toContain(tree.reference);
		expect(gertSees).not.toContain(road.reference);
		// Counts from the tally (the first page) and by counting (a search) alike.
		expect(await counts(gert)).toEqual({ ingediend: gertSees.length });
		expect(await refs(gert, 'q=Dieudonne')).toEqual([]);
		expect(await refs(wout, 'q=Dieudonne')).toEqual([road.reference]);
		expect(await counts(gert, 'q=Asfalt')).toEqual({});
		// The process filter offers only one's own processes, and asking for another finds nothing.
		const view = await inbox.getInbox(gert.id, new URLSearchParams(), t.db, NOW);
		expect(view.processes.map((p) => p.value)).toEqual(['bomen']);
		expect(view.staff.map((s) => s.label)).toEqual(['Gert Groen']);
		expect(await refs(gert, 'process=wegen')).toEqual([]);
		const csv = await readAll(inbox.exportCsv(gert, new URLSearchParams(), 'nl', t.db, NOW));
		expect(csv).toContain(tree.reference);
		expect(csv).not.toContain(road.reference);
		// The dossier page and its files find the dossier only for its departments.
		expect(await views.findForStaff(road.id, gert, t.db)).toBeNull();
		expect((await views.findForStaff(road.id, wout, t.db))?.id).toBe(road.id);
		const scope = await departments.scopeFor(gert.id, t.db);
		const overview = await getOverview(new URLSearchParams(), t.db, NOW, scope.processIds);
		expect(overview.rows.map((r) => r.processId)).toEqual(['bomen']);
		// Only a colleague of the dossier's department can get it.
		const refused = await handling.assign(
			road.id,
			wout,
			{ assigneeId: gert.id, expectedVersion: road.version },
			t.db
		);
		expect(refused).toEqual({ ok: false, reason: 'not-staff' });
		const page = await views.viewForStaff(road, wout, t.db);
		expect(page.colleagues.map((c) => c.name)).toEqual(['Wout Weg']);
		expect(page.departments).toEqual(['Wegendienst']);
		expect(page.handOverTo.map((d) => d.name)).toEqual(['Groendienst']);
	});

	it('hands a dossier over with a note: it moves, with its count, and the old assignee lets go', async () => {
		const road = await file('wegen', 'Tom Tak');
		const taken = await handling.assign(
			road.id,
			wout,
			{ assigneeId: wout.id, expectedVersion: road.version },
			t.db
		);
		if (!taken.ok) throw new Error('not taken');
		const before = { wout: await counts(wout), gert: await counts(gert) };
		const input = { departmentId: parksId, note: '', expectedVersion: taken.dossier.version };
		expect(await handling.handOver(road.id, wout, input, t.db)).toEqual({
			ok: false,
			reason: 'note-required'
		});
		const note = 'Het gaat om een tak op de weg, niet om de weg.';
		expect(
			await handling.handOver(road.id, wout, { ...input, note, expectedVersion: 1 }, t.db)
		).toMatchObject({ ok: false, reason: 'conflict', changedBy: 'Wout Weg' });
		expect(
			await handling.handOver(road.id, wout, { ...input, note, departmentId: defaultId }, t.db)
		).toEqual({ ok: false, reason: 'same-department' });
		const moved = await handling.handOver(road.id, wout, { ...input, note }, t.db);
		if (!moved.ok) throw new Error(moved.reason);
		expect(moved.department).toBe('Groendienst');
		expect(moved.dossier.assigneeId).toBeNull();
		expect(moved.dossier.departmentId).toBe(parksId);

		expect(await refs(wout)).not.toContain(road.reference);
		expect(await refs(gert)).toContain(road.reference);
		expect(await views.findForStaff(road.id, wout, t.db)).toBeNull();
		expect(await counts(wout)).toEqual({ ingediend: before.wout.ingediend - 1 });
		expect(await counts(gert)).toEqual({ ingediend: before.gert.ingediend + 1 });

		const forStaff = await views.viewForStaff(moved.dossier, gert, t.db);
		expect(forStaff.timeline.at(-1)).toMatchObject({
			kind: 'handed-over',
			to: 'Groendienst',
			note,
			actor: 'Wout Weg'
		});
		expect(forStaff.departments).toEqual(['Groendienst']);
		const forCitizen = await views.viewForCitizen(moved.dossier, t.db);
		expect(forCitizen.timeline.map((e) => e.kind)).toEqual(['submitted']);
		// Now Gert's colleagues get it.
		expect(
			(
				await handling.assign(
					road.id,
					wout,
					{ assigneeId: gert.id, expectedVersion: moved.dossier.version },
					t.db
				)
			).ok
		).toBe(true);
	});

	it('marks a dossier with news from the citizen until its assignee opens it again', async () => {
		const burger = await addUser(t.db, 'nieuws@example.be', ['citizen'], 'Nina Nieuws');
		const d = await fileDossier(t.db, {
			reference: '2026-900001',
			processId: 'wegen',
			ownerId: burger.id,
			applicantName: 'Nina Nieuws'
		});
		const news = async () =>
			(await inbox.getInbox(wout.id, new URLSearchParams('q=2026-900001'), t.db)).items.map(
				(i) => i.news
			);
		const reply = (body: string) =>
			handling.replyAsCitizen(
				d.id,
				{ kind: 'citizen', userId: burger.id },
				{ replyId: randomUUID(), body, uploads: [] },
				{ storage },
				t.db
			);
		// Nobody has it: no marker, whatever the citizen writes.
		expect((await reply('Is er al nieuws?')).ok).toBe(true);
		expect(await news()).toEqual([false]);
		const taken = await handling.assign(
			d.id,
			wout,
			{ assigneeId: wout.id, expectedVersion: d.version },
			t.db
		);
		if (!taken.ok) throw new Error('not taken');
		// A message the assignee has not seen since they got it.
		expect(await news()).toEqual([true]);
		await views.markSeen(d, wout, t.db);
		expect(await news()).toEqual([false]);
		// Someone else looking does not count; a new message does.
		await views.markSeen(d, gert, t.db);
		await new Promise((r) => setTimeout(r, 5));
		expect((await reply('Ik heb nog een foto.')).ok).toBe(true);
		expect(await news()).toEqual([true]);
		await views.markSeen(d, wout, t.db);
		expect(await news()).toEqual([false]);
	});

	it('removes a department only when nothing depends on it', async () => {
		expect(await departments.remove(defaultId, t.db)).toEqual({ ok: false, reason: 'default' });
		expect(await departments.remove(parksId, t.db)).toEqual({
			ok: false,
			reason: 'handed-over'
		});
		const spare = await departments.create({ name: 'Reservedienst' }, t.db);
		if (!spare.ok) throw new Error('not created');
		expect(
			await departments.update(
				spare.department.id,
				{ name: 'Reservedienst', memberIds: [wout.id], processIds: ['wegen'] },
				t.db
			)
		).toEqual({ ok: true });
		expect(await departments.remove(spare.department.id, t.db)).toEqual({ ok: true });
		expect((await departments.list(t.db)).map((d) => d.name)).toEqual([
			'Groendienst',
			'Wegendienst'
		]);
		// Wout still works in roads, which still handles its process.
		expect((await departments.scopeFor(wout.id, t.db)).processIds).toEqual(['wegen']);
	});
});

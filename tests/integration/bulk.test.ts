// Bulk work from the inbox on a real database (issue 20, item 4): twenty dossiers approved at once,
// three of which a colleague changed after the inbox was shown, gives seventeen approved and three
// refused with who changed them; each dossier is checked against its own workflow and the user's
// departments; bulk assignment; the inbox offers the steps its dossiers allow, with the labels of
// the right process; and the export of the chosen dossiers only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/repository';
import * as departments from '$lib/server/departments/service';
import * as digest from '$lib/server/digest/service';
import * as bulk from '$lib/server/dossiers/bulk';
import * as handling from '$lib/server/dossiers/handling';
import * as repo from '$lib/server/dossiers/repository';
import * as inbox from '$lib/server/inbox/service';
import { fileDossier, recordSubmitted } from '../fixtures/dossiers';
import {
	defineProcess,
	importProcesses,
	reviewTransition,
	reviewTransitions,
	workflowState
} from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const NOW = new Date('2026-12-02T10:00:00Z');

describe(`bulk work on ${backend}`, () => {
	let t: TestDatabase;
	let stijn: SessionUser;
	let lien: SessionUser;
	let parks: SessionUser;
	let counter = 0;

	const file = async (processId: string) => {
		counter++;
		const d = await fileDossier(t.db, {
			reference: `2026-${String(counter).padStart(6, '0')}`,
			processId,
			applicantName: `Aanvrager ${counter}`,
			answers: { naam: `Aanvrager ${counter}` }
		});
		await recordSubmitted(t.db, d);
		return d;
	};

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [
			defineProcess(
				'vergunning',
				{
					states: [
						workflowState('ingediend', 'open', { label: { nl: 'Nieuw' } }),
						workflowState('onvolledig', 'waiting', { label: { nl: 'Wacht' } }),
						workflowState('goedgekeurd', 'final', { label: { nl: 'Goedgekeurd' } })
					],
					transitions: reviewTransitions()
				},
				{ title: { nl: 'Vergunning' } }
			),
			defineProcess(
				'premie',
				{
					states: [
						workflowState('ingediend', 'open', { label: { nl: 'Ontvangen' } }),
						workflowState('onvolledig', 'waiting', { label: { nl: 'Wacht' } }),
						workflowState('goedgekeurd', 'final', { label: { nl: 'Toegekend' } })
					],
					transitions: [
						reviewTransition('aanvulling_vragen'),
						reviewTransition('aanvullen'),
						{
							...reviewTransition('goedkeuren', { requiresNote: true }),
							label: { nl: 'Toekennen' }
						}
					]
				},
				{ title: { nl: 'Premie' } }
			),
			defineProcess(
				'bomen',
				{
					states: [
						workflowState('ingediend', 'open', { label: { nl: 'Nieuw' } }),
						workflowState('goedgekeurd', 'final', { label: { nl: 'Gesnoeid' } })
					],
					transitions: [reviewTransition('goedkeuren')]
				},
				{ title: { nl: 'Boom snoeien' } }
			)
		]);
		stijn = await addUser(t.db, 'stijn@gemeente.be', ['staff'], 'Stijn Balie');
		lien = await addUser(t.db, 'lien@gemeente.be', ['staff'], 'Lien Loket');
		parks = await addUser(t.db, 'gert@gemeente.be', ['staff'], 'Gert Groen');
		// The trees belong to the parks department alone; Stijn and Lien stay in the default one.
		const all = await departments.list(t.db);
		const defaultId = all.find((d) => d.isDefault)!.id;
		const created = await departments.create({ name: 'Groendienst' }, t.db);
		if (!created.ok) throw new Error('not created');
		expect(
			await departments.update(
				created.department.id,
				{ name: 'Groendienst', memberIds: [parks.id], processIds: ['bomen'] },
				t.db
			)
		).toMatchObject({ ok: true });
		expect(
			await departments.update(
				defaultId,
				{
					name: 'Algemeen',
					memberIds: [stijn.id, lien.id],
					processIds: ['vergunning', 'premie']
				},
				t.db
			)
		).toMatchObject({ ok: true });
	});
	afterAll(async () => {
		await t.drop();
	});

	it('approves 17 of 20 chosen dossiers and lists the 3 a colleague changed meanwhile, with who did', async () => {
		const filed = [];
		for (let i = 0; i < 20; i++) filed.push(await file('vergunning'));
		// What the inbox showed: every dossier with its version then.
		const shown = (
			await inbox.getInbox(stijn.id, new URLSearchParams('process=vergunning'), t.db, NOW)
		).items;
		expect(shown).toHaveLength(20);
		const items = bulk.parseItems(shown.map((i) => `${i.id}:${i.version}`));
		// Meanwhile Lien takes three of them.
		const changed = shown.slice(0, 3);
		for (const d of changed)
			expect(
				await handling.assign(d.id, lien, { assigneeId: lien.id, expectedVersion: d.version }, t.db)
			).toMatchObject({ ok: true });

		const result = await bulk.apply(
			stijn,
			items,
			{ kind: 'transition', transitionId: 'goedkeuren', note: '' },
			t.db,
			NOW
		);
		if (!result.ok) throw new Error(result.reason);
		expect(result.label).toEqual({ nl: 'Goedkeuren' });
		const done = result.outcomes.filter((o) => o.ok);
		const refused = result.outcomes.filter((o) => !o.ok);
		expect(done).toHaveLength(17);
		expect(refused.map((o) => o.reference).sort()).toEqual(changed.map((d) => d.reference).sort());
		for (const o of refused)
			expect(o).toMatchObject({ reason: 'conflict', changedBy: 'Lien Loket' });
		// The database agrees: 17 approved and closed, the 3 untouched.
		for (const d of filed) {
			const now = await repo.findById(t.db, d.id);
			const wasChanged = changed.some((c) => c.id === d.id);
			expect(now?.status).toBe(wasChanged ? 'ingediend' : 'goedgekeurd');
			expect(now?.closedAt === null).toBe(wasChanged);
		}
		// Sent again (a double click, a retry): nothing is done twice; all are stale or not allowed.
		const again = await bulk.apply(
			stijn,
			items,
			{ kind: 'transition', transitionId: 'goedkeuren', note: '' },
			t.db,
			NOW
		);
		if (!again.ok) throw new Error(again.reason);
		expect(again.outcomes.filter((o) => o.ok)).toHaveLength(0);
	});

	it('checks each dossier against its own workflow and the user’s departments', async () => {
		const vergunning = await file('vergunning');
		const premie = await file('premie');
		const tree = await file('bomen');
		const waiting = await file('vergunning');
		expect(
			await handling.transition(
				waiting.id,
				{ kind: 'staff', user: stijn },
				{ transitionId: 'aanvulling_vragen', expectedVersion: null },
				t.db
			)
		).toMatchObject({ ok: true });
		const current = async (id: string) => (await repo.findById(t.db, id))!;
		const items = [vergunning, premie, tree, waiting].map((d) => d.id);
		const versions = await Promise.all(items.map(current));
		const result = await bulk.apply(
			stijn,
			versions.map((d) => ({ id: d.id, version: d.version })),
			{ kind: 'transition', transitionId: 'goedkeuren', note: '' },
			t.db,
			NOW
		);
		if (!result.ok) throw new Error(result.reason);
		expect(result.outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual([
			'ok',
			'note-required', // the premium needs a note to be granted
			'not-found', // the tree is the parks department's: as if it did not exist
			'not-allowed' // waiting for the citizen: approving is not a step from there
		]);
		expect(result.outcomes[2]?.reference).toBeNull();
		expect((await current(tree.id)).status).toBe('ingediend');
		// With a note, the premium is granted.
		const premieNow = await current(premie.id);
		const granted = await bulk.apply(
			stijn,
			[{ id: premie.id, version: premieNow.version }],
			{ kind: 'transition', transitionId: 'goedkeuren', note: 'Voldoet aan alle voorwaarden.' },
			t.db,
			NOW
		);
		expect(granted).toMatchObject({
			ok: true,
			outcomes: [{ ok: true }],
			label: { nl: 'Toekennen' }
		});
	});

	it('assigns several at once, only to staff of a department that handles each', async () => {
		const a = await file('vergunning');
		const b = await file('premie');
		const items = bulk.parseItems([
			`${a.id}:${a.version}`,
			`${b.id}:${b.version}`,
			'junk',
			`${a.id}:9`
		]);
		expect(items).toHaveLength(2); // junk dropped, the same dossier once
		const toParks = await bulk.apply(
			stijn,
			items,
			{ kind: 'assign', assigneeId: parks.id },
			t.db,
			NOW
		);
		expect(toParks).toMatchObject({
			ok: true,
			outcomes: [
				{ ok: false, reason: 'not-staff' },
				{ ok: false, reason: 'not-staff' }
			]
		});
		const toLien = await bulk.apply(
			stijn,
			items,
			{ kind: 'assign', assigneeId: lien.id },
			t.db,
			NOW
		);
		expect(toLien).toMatchObject({ ok: true, outcomes: [{ ok: true }, { ok: true }] });
		expect((await repo.findById(t.db, a.id))?.assigneeId).toBe(lien.id);
		expect((await repo.findById(t.db, b.id))?.assigneeId).toBe(lien.id);
		expect(await bulk.apply(stijn, [], { kind: 'assign', assigneeId: null }, t.db)).toEqual({
			ok: false,
			reason: 'none'
		});
		const many = Array.from({ length: bulk.BULK_MAX + 1 }, () => ({ id: a.id, version: 1 }));
		expect(await bulk.apply(stijn, many, { kind: 'assign', assigneeId: null }, t.db)).toEqual({
			ok: false,
			reason: 'too-many'
		});
	});

	it('offers the steps the shown dossiers allow, named by each process, and state labels per process', async () => {
		const view = await inbox.getInbox(stijn.id, new URLSearchParams('open=1'), t.db, NOW);
		const steps = await bulk.transitionsFor(view.items, stijn.roles, t.db);
		expect(Object.fromEntries(steps.map((s) => [s.id, s.label.nl]))).toEqual({
			aanvulling_vragen: 'Aanvulling vragen',
			goedkeuren: 'Goedkeuren / Toekennen'
		});
		// The state "ingediend" is "Nieuw" in one process and "Ontvangen" in the other: both named,
		// and only one of them when the inbox shows one process.
		const label = (v: typeof view, id: string) => v.states.find((s) => s.value === id)?.label;
		expect(label(view, 'ingediend')).toMatchObject({ nl: 'Nieuw / Ontvangen' });
		const premie = await inbox.getInbox(stijn.id, new URLSearchParams('process=premie'), t.db, NOW);
		expect(label(premie, 'ingediend')).toMatchObject({ nl: 'Ontvangen' });
		expect(premie.counts.find((c) => c.state === 'ingediend')?.label).toMatchObject({
			nl: 'Ontvangen'
		});
		// The parks' process is not the user's: its states are not offered.
		expect(label(view, 'goedgekeurd')).toMatchObject({ nl: 'Goedgekeurd / Toegekend' });
	});

	it('gives the inbox page its list with the steps its bulk form offers and the user’s alerts', async () => {
		// Lien gives Stijn a dossier: it asks for his attention.
		const given = await file('vergunning');
		const assign = { assigneeId: stijn.id, expectedVersion: given.version };
		expect(await handling.assign(given.id, lien, assign, t.db, NOW)).toMatchObject({ ok: true });
		const params = new URLSearchParams('open=1');
		const page = await inbox.getStaffInbox(stijn, params, t.db, NOW);
		const view = await inbox.getInbox(stijn.id, params, t.db, NOW);
		expect(page.items.map((i) => i.id)).toEqual(view.items.map((i) => i.id));
		expect(page.bulkSteps).toEqual(await bulk.transitionsFor(view.items, stijn.roles, t.db));
		expect(page.bulkSteps.map((s) => s.id).sort()).toEqual(['aanvulling_vragen', 'goedkeuren']);
		// The same count as his daily e-mail.
		expect(page.alerts).toEqual(await digest.alertsFor(stijn.id, t.db, NOW));
		expect(page.alerts.assigned).toBeGreaterThan(0);
	});

	it('exports only the chosen dossiers, within the user’s departments', async () => {
		const a = await file('vergunning');
		const b = await file('vergunning');
		const tree = await file('bomen');
		const params = new URLSearchParams();
		for (const id of [a.id, tree.id]) params.append('id', id);
		const csv = await new Response(inbox.exportCsv(stijn, params, 'nl', t.db, NOW)).text();
		const lines = csv.trim().split('\r\n');
		expect(lines).toHaveLength(2); // the header and a; b was not chosen, the tree is not theirs
		expect(lines[1]).toContain(a.reference);
		expect(csv).not.toContain(b.reference);
		expect(csv).not.toContain(tree.reference);
		// None chosen: an empty list, not everything.
		const none = await new Response(
			inbox.exportCsv(stijn, new URLSearchParams('id='), 'nl', t.db, NOW)
		).text();
		expect(none.trim().split('\r\n')).toHaveLength(1);
	});
});

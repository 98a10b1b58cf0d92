// The team leads' overview per department (issue 20, item 5): someone in two departments sees the
// processes of both, or of one they choose; a department they are not in cannot be chosen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as departments from '$lib/server/departments/service';
import { getOverviewFor } from '$lib/server/overview/service';
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
const definitionFor = (id: string) =>
	defineProcess(id, {
		states: [
			workflowState('ingediend', 'open', { label: { nl: 'Nieuw' } }),
			workflowState('onvolledig', 'waiting', { label: { nl: 'Wacht' } }),
			workflowState('goedgekeurd', 'final', { label: { nl: 'Goedgekeurd' } })
		],
		transitions: reviewTransitions()
	});

describe(`the overview per department on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, ['wegen', 'bomen', 'paspoort'].map(definitionFor));
	});
	afterAll(async () => {
		await t.drop();
	});

	it('shows the processes of all the user’s departments, or of the one chosen', async () => {
		const lead = await addUser(t.db, 'lead@gemeente.be', ['staff'], 'Lea Leiding');
		const other = await addUser(t.db, 'burgerzaken@gemeente.be', ['staff'], 'Bart Balie');
		const general = (await departments.list(t.db)).find((d) => d.isDefault)!;
		const make = async (name: string, memberIds: string[], processIds: string[]) => {
			const created = await departments.create({ name }, t.db);
			if (!created.ok) throw new Error('not created');
			expect(
				await departments.update(created.department.id, { name, memberIds, processIds }, t.db)
			).toMatchObject({ ok: true });
			return created.department.id;
		};
		const parks = await make('Groendienst', [lead.id], ['bomen']);
		const civil = await make('Burgerzaken', [other.id], ['paspoort']);
		expect(
			await departments.update(
				general.id,
				{ name: general.name, memberIds: [lead.id], processIds: ['wegen'] },
				t.db
			)
		).toMatchObject({ ok: true });
		let n = 0;
		for (const processId of ['wegen', 'bomen', 'bomen', 'paspoort']) {
			const d = await fileDossier(t.db, { reference: `2026-00000${++n}`, processId });
			await recordSubmitted(t.db, d);
		}
		const rows = async (query: string) => {
			const o = await getOverviewFor(lead.id, new URLSearchParams(query), t.db, NOW);
			return {
				department: o.departmentId,
				offered: o.departments.map((d) => d.name).sort(),
				rows: Object.fromEntries(o.rows.map((r) => [r.processId, r.open]))
			};
		};
		expect(await rows('')).toEqual({
			department: null,
			offered: ['Algemeen', 'Groendienst'],
			rows: { bomen: 2, wegen: 1 }
		});
		expect(await rows(`department=${parks}`)).toEqual({
			department: parks,
			offered: ['Algemeen', 'Groendienst'],
			rows: { bomen: 2 }
		});
		// Not theirs: as if none was chosen; the passports stay out of sight.
		expect(await rows(`department=${civil}`)).toEqual(await rows(''));
	});
});

// The team leads' overview on a real database: inflow per week, open, waiting and overdue now,
// and the decided dossiers' handling times per process, for a period typed or chosen, with a
// clear refusal of a period that is not one.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '$lib/process/answers/test-definition';
import { processDefinition } from '$lib/process/definition';
import * as overview from '$lib/server/overview/service';
import * as processes from '$lib/server/processes/service';
import { fileDossier } from '../fixtures/dossiers';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

// Sunday 6 December 2026, noon in Brussels.
const NOW = new Date('2026-12-06T11:00:00Z');

const definition = (id: string, nl: string, days: number, unit: 'working' | 'calendar') =>
	processDefinition.parse({
		...testDefinition,
		id,
		title: { nl },
		handlingTime: { days, unit, legal: false },
		workflow: {
			...testDefinition.workflow,
			states: [
				...testDefinition.workflow.states,
				{
					id: 'wacht',
					label: { nl: 'Wacht' },
					citizenText: { nl: 'x' },
					kind: 'waiting',
					clock: 'pause',
					vlaamseCode: 'DossierOnvolledig'
				}
			],
			transitions: [
				...testDefinition.workflow.transitions,
				{
					id: 'vragen',
					from: ['ingediend'],
					to: 'wacht',
					label: { nl: 'Vragen' },
					roles: ['staff']
				},
				{
					id: 'antwoorden',
					from: ['wacht'],
					to: 'ingediend',
					label: { nl: 'Antwoorden' },
					roles: ['citizen']
				}
			]
		}
	});

describe(`the overview on ${backend}`, () => {
	let t: TestDatabase;
	let counter = 0;
	const file = async (
		processId: string,
		submittedAt: string,
		more: { status?: string; dueDate?: string; closedAt?: string; handlingDays?: number } = {}
	) => {
		counter++;
		await fileDossier(t.db, {
			reference: `2026-${String(500000 + counter)}`,
			processId,
			submittedAt: new Date(submittedAt),
			dueDate: '2026-12-31',
			...more,
			closedAt: more.closedAt ? new Date(more.closedAt) : null
		});
	};

	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary(
			[
				{ file: 'terras.json', definition: definition('terras', 'Terras', 10, 'working') },
				{ file: 'feest.json', definition: definition('feest', 'Feest', 30, 'calendar') }
			],
			t.db
		);
		// Terras: three in the week of 23 November, one on Monday 30 November just after midnight
		// in Brussels (still Sunday in UTC), one long before the period.
		await file('terras', '2026-11-23T09:00:00Z');
		await file('terras', '2026-11-24T09:00:00Z', { status: 'wacht' });
		await file('terras', '2026-11-25T09:00:00Z', { dueDate: '2026-12-01' });
		await file('terras', '2026-11-29T23:30:00Z', {
			status: 'klaar',
			closedAt: '2026-12-03T10:00:00Z',
			handlingDays: 4
		});
		await file('terras', '2025-01-10T09:00:00Z', {
			status: 'klaar',
			closedAt: '2026-12-04T10:00:00Z',
			handlingDays: 12
		});
		// Feest: one this week, decided long ago (outside the period: not counted as decided).
		await file('feest', '2026-12-01T09:00:00Z');
		await file('feest', '2025-06-01T09:00:00Z', {
			status: 'klaar',
			closedAt: '2025-06-05T09:00:00Z',
			handlingDays: 3
		});
	});
	afterAll(async () => {
		await t.drop();
	});

	const get = (query: string) => overview.getOverview(new URLSearchParams(query), t.db, NOW);

	it('shows the last 12 weeks by default, every week, from a Monday to today', async () => {
		const o = await get('');
		expect(o).toMatchObject({
			from: '2026-09-14',
			to: '2026-12-06',
			processId: null,
			problems: {}
		});
		expect(o.weeks).toHaveLength(12);
		expect(o.weeks[0]).toEqual({ week: '2026-09-14', count: 0 });
		expect(o.weeks.slice(-3)).toEqual([
			{ week: '2026-11-16', count: 0 },
			{ week: '2026-11-23', count: 3 },
			{ week: '2026-11-30', count: 2 }
		]);
		expect(o.presets.map((p) => [p.weeks, p.current])).toEqual([
			[4, false],
			[12, true],
			[26, false],
			[52, false]
		]);
	});

	it('counts per process: filed, open, waiting and overdue now, decided and how long', async () => {
		const o = await get('from=2026-11-01&to=2026-12-06');
		const terras = o.rows.find((r) => r.processId === 'terras');
		expect(terras).toEqual({
			processId: 'terras',
			title: { nl: 'Terras' },
			norm: { days: 10, unit: 'working' },
			inflow: 4,
			open: 3,
			waiting: 1,
			overdue: 1,
			decided: 2,
			median: 4,
			p90: 12
		});
		expect(o.rows.find((r) => r.processId === 'feest')).toMatchObject({
			inflow: 1,
			open: 1,
			waiting: 0,
			decided: 0,
			median: null,
			norm: { days: 30, unit: 'calendar' }
		});
		expect(o.totals).toEqual({ inflow: 5, open: 4, waiting: 1, overdue: 1, decided: 2 });
	});

	it('narrows to one process', async () => {
		const o = await get('from=2026-11-01&to=2026-12-06&process=feest');
		expect(o.processId).toBe('feest');
		expect(o.rows.map((r) => r.processId)).toEqual(['feest']);
		expect(o.weeks.reduce((n, w) => n + w.count, 0)).toBe(1);
		// An unknown process is all processes.
		expect((await get('process=nope')).processId).toBeNull();
	});

	it('refuses a period that is not one, keeps what was typed, and shows the default', async () => {
		const bad = await get('from=2026-02-30&to=gisteren');
		expect(bad.problems).toEqual({ from: 'from-invalid', to: 'to-invalid' });
		expect(bad.typed).toEqual({ from: '2026-02-30', to: 'gisteren' });
		expect([bad.from, bad.to]).toEqual(['2026-09-14', '2026-12-06']);
		expect((await get('from=2026-12-01&to=2026-11-01')).problems).toEqual({ to: 'order' });
		expect((await get('from=2020-01-01&to=2026-12-01')).problems).toEqual({ to: 'too-long' });
		// Only a start: up to today.
		expect(await get('from=2026-11-30')).toMatchObject({ from: '2026-11-30', to: '2026-12-06' });
	});

	it('gives the same figures as CSV, safe for spreadsheets', async () => {
		const o = await get('from=2026-11-01&to=2026-12-06');
		const lines = overview
			.overviewCsv(o, (title, id) => (id === 'feest' ? '=Feest' : (title?.nl ?? id)))
			.split('\r\n');
		expect(lines[0]).toBe(
			'\uFEFFprocess;title;from;to;inflow;open;waiting_for_citizen;overdue;decided;median_working_days;p90_working_days;norm_days;norm_unit'
		);
		expect(lines).toContain('"terras";"Terras";2026-11-01;2026-12-06;4;3;1;1;2;4;12;10;working');
		expect(lines).toContain(`"feest";"'=Feest";2026-11-01;2026-12-06;1;1;0;0;0;;;30;calendar`);
	});

	it('counts the same as the dossiers themselves over any period: whole weeks and the days around them', async () => {
		// 300 more for 'feest', filed and decided at every hour over ten weeks around the end of
		// summer time, after 0–40 working days (the overview reads tallies and the index's edges).
		let seed = 7;
		const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
		for (let i = 0; i < 300; i++) {
			const filed = Date.parse('2026-09-01T00:00:00Z') + Math.floor(rnd() * 70 * 24) * 3_600_000;
			const decided = rnd() < 0.7;
			await file('feest', new Date(filed).toISOString(), {
				...(decided && {
					status: 'klaar',
					closedAt: new Date(filed + Math.floor(rnd() * 20 * 24) * 3_600_000).toISOString(),
					handlingDays: Math.floor(rnd() * 41)
				})
			});
		}
		const local = (column: string) => sql.raw(`(${column} at time zone 'Europe/Brussels')::date`);
		for (const [from, to] of [
			['2026-09-01', '2026-11-30'], // Tuesday to Monday
			['2026-09-07', '2026-10-04'], // Monday to Sunday: whole weeks only
			['2026-10-21', '2026-10-24'], // within one week
			['2026-10-24', '2026-10-27'], // across the change to winter time
			['2026-10-26', '2026-10-26'] // one day
		]) {
			const o = await get(`from=${from}&to=${to}&process=feest`);
			expect([o.from, o.to]).toEqual([from, to]);
			const {
				rows: [expected]
			} = await sql<{ inflow: number; decided: number; median: number | null; p90: number | null }>`
				select
					(select count(*)::int from dossier where process_id = 'feest'
						and ${local('submitted_at')} between ${from}::date and ${to}::date) as inflow,
					count(*)::int as decided,
					percentile_disc(0.5) within group (order by handling_days) as median,
					percentile_disc(0.9) within group (order by handling_days) as p90
				from dossier where process_id = 'feest' and handling_days is not null
					and ${local('closed_at')} between ${from}::date and ${to}::date`.execute(t.db);
			expect(expected.decided, `${from}–${to}`).toBeGreaterThan(0);
			expect(o.rows[0], `${from}–${to}`).toMatchObject(expected);
			expect(o.weeks.reduce((n, w) => n + w.count, 0)).toBe(expected.inflow);
		}
	});
});

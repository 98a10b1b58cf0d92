// How long a process takes, as the product page and open data give it: the median and the 90th
// percentile of the decided dossiers' working days over the last twelve months, per month too,
// left out when too few dossiers were decided, and computed once an hour.
import { randomUUID } from 'node:crypto';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '$lib/process/answers/test-definition';
import { processDefinition } from '$lib/process/definition';
import { GlobMigrationProvider, migrateToLatest } from '$lib/server/db/migrate';
import * as handlingTimes from '$lib/server/handling-times/service';
import * as processes from '$lib/server/processes/service';
import { fileDossier } from '../fixtures/dossiers';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const NOW = new Date('2026-12-06T12:00:00Z');

describe(`handling times on ${backend}`, () => {
	let t: TestDatabase;
	let counter = 0;

	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary(
			['vlot', 'traag', 'zelden', 'uur'].map((id) => ({
				file: `${id}.json`,
				definition: processDefinition.parse({ ...testDefinition, id })
			})),
			t.db
		);
	});
	afterAll(async () => {
		await t.drop();
	});

	/** A dossier of `processId` closed at `closedAt` after `days` working days (null: stopped). */
	async function decided(processId: string, closedAt: string, days: number | null) {
		counter++;
		await fileDossier(t.db, {
			reference: `2026-${String(700000 + counter)}`,
			processId,
			status: days === null ? 'ingetrokken' : 'goedgekeurd',
			submittedAt: new Date(Date.parse(closedAt) - 10 * 86_400_000),
			closedAt: new Date(closedAt),
			handlingDays: days
		});
	}

	it('gives the median and the 90th percentile of the last twelve months, and per month', async () => {
		// November: 1..10 working days; October: 20 days each (10 of them).
		for (let i = 1; i <= 10; i++) await decided('vlot', `2026-11-${String(i + 10)}T10:00:00Z`, i);
		for (let i = 1; i <= 10; i++) await decided('vlot', `2026-10-${String(i + 10)}T10:00:00Z`, 20);
		// Not counted: stopped, open, older than twelve months, another process.
		await decided('vlot', '2026-11-20T10:00:00Z', null);
		await decided('vlot', '2025-11-20T10:00:00Z', 1);
		await decided('traag', '2026-11-20T10:00:00Z', 99);

		const figures = await handlingTimes.computeHandlingTimes('vlot', t.db, NOW);
		expect(figures).toMatchObject({
			processId: 'vlot',
			from: '2025-12-06',
			to: '2026-12-06',
			unit: 'working days',
			decided: 20,
			median: 10,
			p90: 20
		});
		expect(figures.months).toEqual([
			{ month: '2026-10', decided: 10, median: 20, p90: 20 },
			{ month: '2026-11', decided: 10, median: 5, p90: 9 }
		]);
		expect(handlingTimes.toCsv(figures).split('\r\n')).toEqual([
			'process;period;decided;median_working_days;p90_working_days',
			'vlot;2025-12-06/2026-12-06;20;10;20',
			'vlot;2026-10;10;20;20',
			'vlot;2026-11;10;5;9',
			''
		]);
	});

	it('says nothing from fewer than MIN_DECIDED dossiers', async () => {
		for (let i = 1; i < handlingTimes.MIN_DECIDED; i++)
			await decided('zelden', '2026-11-20T10:00:00Z', 2);
		const few = await handlingTimes.computeHandlingTimes('zelden', t.db, NOW);
		expect(few).toMatchObject({ decided: handlingTimes.MIN_DECIDED - 1, median: null, p90: null });
		expect(few.months).toEqual([
			{ month: '2026-11', decided: handlingTimes.MIN_DECIDED - 1, median: null, p90: null }
		]);
		expect(handlingTimes.toCsv(few)).toContain(`zelden;2026-11;${handlingTimes.MIN_DECIDED - 1};;`);
	});

	it('computes once an hour: a new decision shows after the hour has passed', async () => {
		for (let i = 0; i < handlingTimes.MIN_DECIDED; i++)
			await decided('uur', '2026-11-20T10:00:00Z', 4);
		const first = await handlingTimes.getHandlingTimes('uur', t.db, NOW);
		expect(first.median).toBe(4);
		for (let i = 0; i < 3 * handlingTimes.MIN_DECIDED; i++)
			await decided('uur', '2026-11-21T10:00:00Z', 8);
		const soon = new Date(NOW.getTime() + handlingTimes.CACHE_MS - 1000);
		expect(await handlingTimes.getHandlingTimes('uur', t.db, soon)).toBe(first);
		const later = new Date(NOW.getTime() + handlingTimes.CACHE_MS + 1000);
		expect((await handlingTimes.getHandlingTimes('uur', t.db, later)).median).toBe(8);
	});
});

describe(`the migration that keeps handling times, on ${backend}`, () => {
	it('fills in the dossiers decided before it, not the stopped or open ones', async () => {
		const t = await openTestDatabase('owner');
		try {
			const schema = t.label.match(/schema (\w+)/)?.[1];
			const migrator = new Migrator({
				db: t.db,
				provider: new GlobMigrationProvider(),
				...(schema ? { migrationTableSchema: schema } : {})
			});
			const back = await migrator.migrateTo('2026_12_06_0008_dutch_search');
			if (back.error) throw back.error;
			const states = testDefinition.workflow.states;
			const final = states.find((s) => s.kind === 'final')!;
			await processes.importLibrary(
				[
					{
						file: 'oud.json',
						definition: processDefinition.parse({
							...testDefinition,
							id: 'oud',
							workflow: {
								...testDefinition.workflow,
								states: [...states, { ...final, id: 'gestopt', vlaamseCode: 'Stopgezet' }],
								transitions: [
									...testDefinition.workflow.transitions,
									{
										id: 'stoppen',
										from: [testDefinition.workflow.initial],
										to: 'gestopt',
										label: { nl: 'Stoppen' },
										roles: ['citizen']
									}
								]
							}
						})
					}
				],
				t.db
			);
			const file = async (status: string, closedAt: string | null) =>
				(
					await fileDossier(t.db, {
						reference: `2026-${randomUUID().slice(0, 6)}`,
						processId: 'oud',
						status,
						// Monday 30 November; closed Tuesday 8 December: six working days.
						submittedAt: new Date('2026-11-30T09:00:00Z'),
						closedAt: closedAt ? new Date(closedAt) : null
					})
				).id;
			const decidedId = await file(final.id, '2026-12-08T10:00:00Z');
			const stoppedId = await file('gestopt', '2026-12-08T10:00:00Z');
			const openId = await file(testDefinition.workflow.initial, null);
			await migrateToLatest(t.db, undefined, schema);
			const rows = await t.db
				.selectFrom('dossier')
				.select(['id', 'handlingDays', 'pausedDays'])
				.execute();
			const byId = new Map(rows.map((r) => [r.id, r]));
			expect(byId.get(decidedId)).toMatchObject({ handlingDays: 6, pausedDays: 0 });
			expect(byId.get(stoppedId)).toMatchObject({ handlingDays: null });
			expect(byId.get(openId)).toMatchObject({ handlingDays: null });
		} finally {
			await t.drop();
		}
	});
});

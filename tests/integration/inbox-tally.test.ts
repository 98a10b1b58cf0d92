// The running tallies under load: transactions that file, move, assign, hand over, decide and
// delete dossiers at the same time (some rolled back), with compactions running between them,
// leave the inbox's counts (per department too) and the overview's (filed per day, decided per
// week and handling days) equal to counting the dossiers; the inbox's tally stays at most one row
// per key and stripe however long it goes unfolded; and the migration to stripes keeps the counts
// it found.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as backofficeRepo from '$lib/server/inbox/repository';
import { GlobMigrationProvider } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db/schema';
import { getInbox, INBOX_PAGE_SIZE, SEARCH_COUNT_LIMIT } from '$lib/server/inbox/service';
import * as dossierRepo from '$lib/server/dossiers/repository';
import { fileDossier } from '../fixtures/dossiers';
import {
	defineProcess,
	importProcesses,
	reviewTransitions,
	workflowState
} from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const STATES = ['ingediend', 'onvolledig', 'goedgekeurd'] as const;
const STRIPES = 8;
/** The inbox tally's key. */
const TALLY_KEY = [
	'processId',
	'processVersion',
	'status',
	'assigneeId',
	'open',
	'departmentId'
] as const;

const definitionFor = (id: string) =>
	defineProcess(
		id,
		{
			states: STATES.map((s) =>
				workflowState(s, s === 'goedgekeurd' ? 'final' : s === 'onvolledig' ? 'waiting' : 'open', {
					label: { nl: s },
					citizenText: { nl: s }
				})
			),
			transitions: reviewTransitions()
		},
		{ title: { nl: id } }
	);

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
	let s = seed;
	return () => {
		s = (s * 1103515245 + 12345) & 0x7fffffff;
		return s / 0x80000000;
	};
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`the inbox tally under concurrent changes on ${backend}`, () => {
	let t: TestDatabase;
	let staff: string[];
	let departments: (string | null)[];
	let counter = 0;

	beforeAll(async () => {
		// As the tables' owner: the run also deletes dossiers, which only the owner may (the
		// application's role never deletes one: the record is kept).
		t = await openTestDatabase('owner');
		await importProcesses(t.db, [definitionFor('terras'), definitionFor('feest')]);
		staff = [];
		for (const name of ['stijn', 'sara'])
			staff.push((await addUser(t.db, `${name}@gemeente.be`, ['staff'])).id);
		const { id } = await t.db
			.insertInto('department')
			.values({ name: 'Burgerzaken' })
			.returning('id')
			.executeTakeFirstOrThrow();
		departments = [null, id];
	});
	afterAll(async () => {
		await t.drop();
	});

	async function file(db: Kysely<Database>, processId: string, assigneeId: string | null) {
		counter++;
		return fileDossier(db, {
			reference: `2026-T${String(counter).padStart(6, '0')}`,
			processId,
			applicantEmail: null,
			assigneeId,
			// Over two weeks around the end of summer time (25 October 2026), at any hour: the
			// overview's days are local days.
			submittedAt: new Date(Date.parse('2026-10-18T00:00:00Z') + (counter % 337) * 3_600_000)
		});
	}

	async function expectTallyToMatchCounting() {
		const counted = await t.db
			.selectFrom('dossier')
			.select([
				'processId',
				'processVersion',
				'status',
				'assigneeId',
				sql<boolean>`closed_at is null`.as('open'),
				'departmentId',
				sql<string>`count(*)`.as('n')
			])
			.groupBy([
				'processId',
				'processVersion',
				'status',
				'assigneeId',
				sql`closed_at is null`,
				'departmentId'
			])
			.execute();
		const tallied = await t.db
			.selectFrom('dossierTally')
			.select([...TALLY_KEY, sql<string>`sum(n)`.as('n')])
			.groupBy([...TALLY_KEY])
			.having(sql`sum(n)`, '<>', 0)
			.execute();
		const key = (r: object) => JSON.stringify(r);
		const norm = <R extends { n: string | number }>(rows: R[]) =>
			rows
				.map((r) => ({ ...r, ...('open' in r ? { open: Boolean(r.open) } : {}), n: Number(r.n) }))
				.sort((a, b) => key(a).localeCompare(key(b)));
		expect(norm(tallied)).toEqual(norm(counted));
		// The overview's tallies: filed per local day, decided per local week and handling days.
		const local = (column: string) => sql.raw(`(${column} at time zone 'Europe/Brussels')`);
		const filed = await sql<{ processId: string; day: string; n: string }>`
			select process_id as "processId", ${local('submitted_at')}::date as day, count(*) as n
			from dossier group by 1, 2`.execute(t.db);
		const filedTally = await sql<{ processId: string; day: string; n: string }>`
			select process_id as "processId", day, sum(n) as n from dossier_filed_tally
			group by 1, 2 having sum(n) <> 0`.execute(t.db);
		expect(norm(filedTally.rows)).toEqual(norm(filed.rows));
		const handled = await sql<{ processId: string; week: string; days: number; n: string }>`
			select process_id as "processId", date_trunc('week', ${local('closed_at')})::date as week,
				handling_days as days, count(*) as n
			from dossier where handling_days is not null group by 1, 2, 3`.execute(t.db);
		const handledTally = await sql<{ processId: string; week: string; days: number; n: string }>`
			select process_id as "processId", week, handling_days as days, sum(n) as n
			from dossier_handled_tally group by 1, 2, 3 having sum(n) <> 0`.execute(t.db);
		expect(handled.rows.length).toBeGreaterThan(0);
		expect(norm(handledTally.rows)).toEqual(norm(handled.rows));
		for (const f of [{}, { processId: 'terras' }, { assigneeId: null }, { open: true }]) {
			const base = { today: '2026-12-02', timeZone: 'Europe/Brussels' };
			expect(await backofficeRepo.countByStatusFromTally(t.db, f)).toEqual(
				await backofficeRepo.countByStatus(t.db, { ...base, ...f }, 1e6)
			);
		}
	}

	it('stays exact and bounded through concurrent transactions and compactions', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 30; i++) ids.push((await file(t.db, i % 2 ? 'terras' : 'feest', null)).id);
		const rolledBack = new Error('rolled back on purpose');
		let changes = 0;
		let done = false;

		async function worker(seed: number) {
			const rnd = random(seed);
			for (let i = 0; i < 40; i++) {
				await t.db
					.transaction()
					.execute(async (trx) => {
						const pick = rnd();
						if (pick < 0.15) {
							const d = await file(trx, rnd() < 0.5 ? 'terras' : 'feest', null);
							ids.push(d.id);
						} else if (pick < 0.2) {
							// A delete, as the retention clean-up would do (dossiers without children).
							const id = ids.splice(Math.floor(rnd() * ids.length), 1)[0];
							if (id) await trx.deleteFrom('dossier').where('id', '=', id).execute();
						} else {
							const id = ids[Math.floor(rnd() * ids.length)];
							const d = await dossierRepo.lockById(trx, id);
							if (!d) return;
							await pause(rnd() * 3);
							const status = STATES[Math.floor(rnd() * STATES.length)];
							const assigneeId = rnd() < 0.4 ? null : staff[Math.floor(rnd() * staff.length)];
							const departmentId = departments[Math.floor(rnd() * departments.length)];
							// Decided on a day in the three weeks after 20 October, after 0–14 working days.
							const closedAt = new Date(
								Date.parse('2026-10-20T00:00:00Z') + Math.floor(rnd() * 21 * 24) * 3_600_000
							);
							const decided = status === 'goedgekeurd';
							await dossierRepo.updateIfVersion(
								trx,
								id,
								d.version,
								{
									status,
									assigneeId,
									departmentId,
									closedAt: decided ? closedAt : null,
									handlingDays: decided ? Math.floor(rnd() * 15) : null
								},
								new Date()
							);
						}
						await pause(rnd() * 2);
						if (rnd() < 0.1) throw rolledBack;
						changes++;
					})
					.catch((e: unknown) => {
						if (e !== rolledBack) throw e;
					});
			}
		}
		async function compactor() {
			while (!done) {
				await backofficeRepo.foldTally(t.db);
				await pause(5);
			}
		}

		// Before any compaction: however many changes, at most one row per key and stripe.
		await Promise.all([1, 2, 3, 4, 5, 6].map(worker));
		expect(changes).toBeGreaterThan(150);
		await expectTallyToMatchCounting();
		const [{ rows, keys }] = await t.db
			.selectFrom('dossierTally')
			.select([
				sql<string>`count(*)`.as('rows'),
				sql<string>`count(distinct (process_id, process_version, status, assignee_id, open, department_id))`.as(
					'keys'
				)
			])
			.execute();
		expect(Number(rows)).toBeLessThanOrEqual(Number(keys) * (STRIPES + 1));

		// Compactions running between the changes lose nothing.
		const compacting = compactor();
		await Promise.all([7, 8, 9, 10, 11, 12].map(worker));
		done = true;
		await compacting;
		await expectTallyToMatchCounting();

		// A last compaction leaves one row per key, and nothing to do after it.
		await backofficeRepo.foldTally(t.db);
		const left = await t.db
			.selectFrom('dossierTally')
			.select([...TALLY_KEY, 'stripe', 'n'])
			.execute();
		expect(left.every((r) => r.stripe === 0 && r.n !== 0)).toBe(true);
		for (const table of ['dossier_filed_tally', 'dossier_handled_tally']) {
			const { rows } = await sql<{ stripe: number; n: number }>`
				select stripe, n from ${sql.table(table)}`.execute(t.db);
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.every((r) => r.stripe === 0 && r.n !== 0)).toBe(true);
		}
		expect(new Set(left.map((r) => JSON.stringify({ ...r, n: 0 }))).size).toBe(left.length);
		expect(await backofficeRepo.foldTally(t.db)).toBe(0);
		await expectTallyToMatchCounting();
	}, 120_000);
});

describe(`the migration to a striped tally on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		// Migrations run as the tables' owner, so this test of one does too.
		t = await openTestDatabase('owner');
		await importProcesses(t.db, [definitionFor('terras')]);
	});
	afterAll(async () => {
		await t.drop();
	});

	it('folds the +1/-1 rows it finds into one row per key, and counts on from there', async () => {
		const migrations = await new GlobMigrationProvider().getMigrations();
		const striped = migrations['2026_12_06_0001_tally_stripes'];
		await t.db.transaction().execute((trx) => striped.down!(trx));
		const row = (i: number) => ({
			reference: `2026-M${i}`,
			processId: 'terras',
			processVersion: 1,
			status: 'ingediend',
			answers: '{}',
			guestTokenHash: randomUUID(),
			submissionId: randomUUID()
		});
		await t.db.insertInto('dossier').values([1, 2, 3, 4].map(row)).execute();
		await t.db
			.updateTable('dossier')
			.set({ status: 'goedgekeurd', closedAt: new Date() })
			.where('reference', 'in', ['2026-M1', '2026-M2'])
			.execute();
		await t.db.deleteFrom('dossier').where('reference', '=', '2026-M3').execute();
		// The append-only design: a row per change.
		const before = await sql<{ n: number }>`select n from dossier_tally`.execute(t.db);
		expect(before.rows).toHaveLength(9);

		await t.db.transaction().execute((trx) => striped.up(trx));
		const after = await t.db
			.selectFrom('dossierTally')
			.select(['status', 'open', 'stripe', 'n'])
			.orderBy('status')
			.execute();
		expect(after).toEqual([
			{ status: 'goedgekeurd', open: false, stripe: 0, n: 2 },
			{ status: 'ingediend', open: true, stripe: 0, n: 1 }
		]);
		await t.db.insertInto('dossier').values(row(5)).execute();
		expect(await backofficeRepo.countByStatusFromTally(t.db, { processId: 'terras' })).toEqual([
			{ status: 'goedgekeurd', count: 2 },
			{ status: 'ingediend', count: 2 }
		]);
	});
});

describe(`counting a broad search on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [definitionFor('terras')]);
	});
	afterAll(async () => {
		await t.drop();
	});

	it('stops counting a full-text search per state sooner than other filters', async () => {
		const stijn = await addUser(t.db, 'stijn@gemeente.be', ['staff']);
		await sql`insert into dossier (reference, process_id, process_version, status, answers,
				guest_token_hash, applicant_name, submission_id, submitted_at, due_date)
			select '2026-S' || i, 'terras', 1, 'ingediend', '{}', gen_random_uuid()::text,
				case when i <= ${SEARCH_COUNT_LIMIT + 1} then 'An Verstraete' else 'Jan Peeters' end,
				gen_random_uuid(), now(), current_date + 30
			from generate_series(1, ${SEARCH_COUNT_LIMIT + 2}) i`.execute(t.db);
		const broad = await getInbox(stijn.id, new URLSearchParams({ q: 'Verstraete' }), t.db);
		expect(broad.items).toHaveLength(INBOX_PAGE_SIZE);
		expect(broad.counts).toEqual([]);
		expect(broad.countsOver).toBe(SEARCH_COUNT_LIMIT);
		// Other filters still count up to COUNT_LIMIT.
		const open = await getInbox(
			stijn.id,
			new URLSearchParams({ week: '0', from: '2026-01-01' }),
			t.db
		);
		expect(open.countsOver).toBeNull();
		expect(open.counts).toMatchObject([{ state: 'ingediend', count: SEARCH_COUNT_LIMIT + 2 }]);
		const narrow = await getInbox(stijn.id, new URLSearchParams({ q: 'Peeters' }), t.db);
		expect(narrow.counts).toMatchObject([{ state: 'ingediend', count: 1 }]);
	});
});

// Benchmark of the staff inbox and the citizen's own list at scale, on PostgreSQL.
//  - Seeds a dedicated database (default `loket_bench` on 127.0.0.1) with N dossiers (default
//    1,000,000) spread over every library process, its states, 25 staff members and 50,000
//    citizens, received over four years; older dossiers are closed, recent ones open, some overdue.
//    Seeding is skipped when the database already holds N dossiers (`--fresh` drops it first).
//  - Measures, through the service layer the pages use (getInbox, listForOwner), the latency of
//    seven figures: the inbox's first page, a page 200 pages deep (keyset), a filtered page
//    (process + state + overdue), a search for a name, a citizen's own list, a search for a
//    surname only, and "mine and open, by due date" (budget p95 ≤ 50 ms); the team leads' overview
//    over 12 and 52 weeks (≤ 100 ms) and a product page's handling times uncached (≤ 50 ms);
//    p50/p95/p99 in ms, OVER BUDGET when p95 is above the figure's budget.
//  - In three states of the database, as a real day produces them:
//    (a) straight after seeding (or as found, when seeding was skipped);
//    (b) after an hour of a 1,000,000-inhabitant municipality's changes with no clean-up in
//        between (235 requests/s, one in five a staff change: ~170,000 filings, transitions and
//        assignments, each its own statement and transaction, through the dossier triggers as the
//        app writes them), the worst case before the hourly fold;
//    (c) after the hourly clean-up's tally compaction (foldTally), the steady state.
//    The load average is printed with each, since the machine may be shared.
// Usage: npm run bench:inbox [-- --dossiers 1000000 --runs 200 --changes 170000 --fresh
//        --url postgres://…/loket_bench]
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openModuleLoader } from './harness';

// The server modules are loaded through Vite, as the app loads them ($lib, $env resolved).
const { vite, load } = await openModuleLoader();
const { openDatabase } = await load<typeof import('../../src/lib/server/db/connect')>(
	'/src/lib/server/db/connect.ts'
);
const { migrateToLatest } = await load<typeof import('../../src/lib/server/db/migrate')>(
	'/src/lib/server/db/migrate.ts'
);
const { loadLibrary } = await load<typeof import('../../src/lib/server/processes/library')>(
	'/src/lib/server/processes/library.ts'
);
const { importLibrary } = await load<typeof import('../../src/lib/server/processes/service')>(
	'/src/lib/server/processes/service.ts'
);
const { getInbox, INBOX_PAGE_SIZE } = await load<
	typeof import('../../src/lib/server/inbox/service')
>('/src/lib/server/inbox/service.ts');
const { foldTally } = await load<typeof import('../../src/lib/server/inbox/repository')>(
	'/src/lib/server/inbox/repository.ts'
);
const { listForOwner } = await load<typeof import('../../src/lib/server/dossiers/views')>(
	'/src/lib/server/dossiers/views.ts'
);
const { getOverview } = await load<typeof import('../../src/lib/server/overview/service')>(
	'/src/lib/server/overview/service.ts'
);
const { computeHandlingTimes } = await load<
	typeof import('../../src/lib/server/handling-times/service')
>('/src/lib/server/handling-times/service.ts');

const { values: args } = parseArgs({
	options: {
		dossiers: { type: 'string', default: '1000000' },
		runs: { type: 'string', default: '200' },
		changes: { type: 'string', default: '170000' },
		fresh: { type: 'boolean', default: false },
		url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/loket_bench' }
	}
});
const total = Number(args.dossiers);
const runs = Number(args.runs);
const changeCount = Number(args.changes);
const url = new URL(args.url);
const database = url.pathname.slice(1);
if (!/bench/.test(database))
	throw new Error(`Refusing to seed "${database}": the database name must contain "bench"`);

// The database is created when missing (connecting to the server's `postgres` database).
const admin = new pg.Client({ connectionString: new URL('/postgres', url).href });
await admin.connect();
if (args.fresh) await admin.query(`drop database if exists ${database}`);
const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
if (exists.rowCount === 0) await admin.query(`create database ${database}`);
await admin.end();

const { db, close } = await openDatabase({ kind: 'postgres', url: url.href });
const migrating = performance.now();
await migrateToLatest(db);
console.log(
	`migrations brought up to date in ${((performance.now() - migrating) / 1000).toFixed(1)} s`
);
const library = loadLibrary();
if (!library.ok) throw new Error(library.errors.join('\n'));
await importLibrary(library.definitions, db);

const FIRST = ['Jan', 'Marie', 'Luc', 'An', 'Pieter', 'Sofie', 'Tom', 'Els', 'Koen', 'Lies', 'Bart', 'Nele', 'Wim', 'Eva', 'Dirk', 'Sarah', 'Geert', 'Inge', 'Joris', 'Katrien', 'Mohamed', 'Fatima', 'Youssef', 'Amira', 'Lucas', 'Emma', 'Noah', 'Olivia', 'Arthur', 'Louise', 'Jules', 'Mila', 'Finn', 'Nina', 'Lars', 'Hanne', 'Ruben', 'Lotte', 'Stijn', 'Fien']; // prettier-ignore
const LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert', 'Dupont', 'Martens', 'Hermans', 'Vermeulen', 'Aerts', 'Pauwels', 'Michiels', 'Van Damme', 'De Clercq', 'Claeys', 'Desmet', 'Declercq', 'Verhoeven', 'Van den Broeck', 'Thys', 'Segers', 'Smets', 'Hendrickx', 'Cools', 'Stevens', 'Lemmens', 'Bogaerts', 'De Backer', 'Coppens', 'Vandenberghe', 'Verstraete', 'Leclercq', 'Van Acker', 'El Amrani', 'Benali', 'Nowak', 'Kowalski', 'Rossi', 'Yilmaz', 'Demir', 'Devos', 'Verbeke', 'Mahieu']; // prettier-ignore
const STREETS = ['Kerkstraat', 'Stationsstraat', 'Dorpsstraat', 'Molenstraat', 'Nieuwstraat', 'Schoolstraat', 'Kapelstraat', 'Beekstraat', 'Veldstraat', 'Markt']; // prettier-ignore
const STAFF = 25;
const CITIZENS = 50_000;
const DAYS = 4 * 365;

async function seed(): Promise<boolean> {
	const have = Number(
		(await sql<{ n: string }>`select count(*) as n from dossier`.execute(db)).rows[0].n
	);
	if (have >= total) {
		console.log(`${have} dossiers already there: seeding skipped`);
		return false;
	}
	if (have > 0) throw new Error(`${database} holds ${have} dossiers: drop it to seed again`);
	const started = performance.now();
	await sql`insert into app_user (email, name, password_hash, roles)
		select 'staff' || i || '@bench.loket.test', 'Medewerker ' || i, 'x', array['staff']
		from generate_series(1, ${STAFF}) i`.execute(db);
	await sql`insert into app_user (email, name, password_hash, roles)
		select 'burger' || i || '@bench.loket.test', 'Burger ' || i, 'x', array['citizen']
		from generate_series(1, ${CITIZENS}) i`.execute(db);

	// Per process: its newest version, its open and final states.
	const versions = library.ok ? library.definitions.map((d) => d.definition) : [];
	const processes = versions.map((d) => ({
		id: d.id,
		version: d.version,
		open: d.workflow.states.filter((s) => s.kind !== 'final').map((s) => s.id),
		final: d.workflow.states.filter((s) => s.kind === 'final').map((s) => s.id),
		days: d.handlingTime?.days ?? 30
	}));
	const meta = JSON.stringify(processes);
	// Transactions of a few thousand dossiers keep each one short and show progress; the change
	// feed's trigger takes two locks per transaction however many dossiers it inserts.
	const batch = 2_000;
	for (let from = 1; from <= total; from += batch) {
		const to = Math.min(total, from + batch - 1);
		// i = 1 is the newest dossier. Pseudo-random but repeatable choices from hashes of i.
		await sql`
			with p as (select ${meta}::jsonb as meta),
			staff as (select array_agg(id order by email) as ids from app_user where roles = array['staff']),
			citizens as (select array_agg(id order by email) as ids from app_user where roles = array['citizen']),
			g as (
				select i,
					(p.meta -> (i % jsonb_array_length(p.meta))::int) as proc,
					now() - (i::double precision / ${total} * ${DAYS}) * interval '1 day' as submitted,
					(hashint4(i) & 2147483647) as h1, (hashint4(i + 7919) & 2147483647) as h2, (hashint4(i + 104729) & 2147483647) as h3
				from generate_series(${from}::int, ${to}::int) i, p
			)
			insert into dossier (reference, process_id, process_version, status, answers, language,
				owner_id, applicant_name, applicant_email, assignee_id, submission_id, submitted_at,
				due_date, closed_at, handling_days, version, updated_at)
			select
				to_char(g.submitted, 'YYYY') || '-B' || lpad(g.i::text, 7, '0'),
				g.proc ->> 'id',
				(g.proc ->> 'version')::int,
				case when g.closed
					then g.proc -> 'final' ->> (g.h2 % jsonb_array_length(g.proc -> 'final'))::int
					else g.proc -> 'open' ->> (g.h2 % jsonb_array_length(g.proc -> 'open'))::int end,
				jsonb_build_object(
					'omschrijving', 'Melding over de ' || (${sql.val(STREETS)}::text[])[1 + g.h3 % 10] || ' nummer ' || (g.h3 % 200),
					'adres', jsonb_build_object('straat', (${sql.val(STREETS)}::text[])[1 + g.h3 % 10], 'huisnummer', (g.h3 % 200)::text, 'postcode', '9000', 'gemeente', 'Gent'),
					'telefoon', '04' || lpad((g.h1 % 100000000)::text, 8, '0')),
				case when g.h3 % 10 = 0 then 'en' else 'nl' end,
				c.ids[1 + g.h1 % ${CITIZENS}],
				g.first || ' ' || g.last,
				lower(replace(g.first || '.' || g.last, ' ', '')) || (g.h1 % 1000) || '@voorbeeld.be',
				case when g.h2 % 4 = 0 then null else s.ids[1 + g.h3 % ${STAFF}] end,
				gen_random_uuid(),
				g.submitted,
				(g.submitted at time zone 'Europe/Brussels')::date + (g.proc ->> 'days')::int,
				case when g.closed then g.submitted + ((g.h3 % 40) || ' days')::interval end,
				-- Working days it took: about five in seven of the calendar days (no pauses here).
				case when g.closed then (g.h3 % 40) * 5 / 7 end,
				1 + g.h3 % 5,
				g.submitted
			from (
				select g.*,
					(${sql.val(FIRST)}::text[])[1 + g.h1 % ${FIRST.length}] as first,
					(${sql.val(LAST)}::text[])[1 + g.h2 % ${LAST.length}] as last,
					-- Older than 90 days: closed; younger: one in three closed.
					(g.submitted < now() - interval '90 days' or g.h3 % 3 = 0) as closed
				from g
			) g, staff s, citizens c`.execute(db);
		process.stdout.write(`\rseeded ${to} of ${total} dossiers`);
	}
	await sql`vacuum analyze dossier`.execute(db);
	await sql`vacuum analyze app_user`.execute(db);
	console.log(`\nseeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	return true;
}

type Process = { id: string; version: number; open: string[]; final: string[]; days: number };

/**
 * An hour of staff changes, as the app writes them: each change is one statement in its own
 * transaction (autocommit), on `connections` connections at once. Filings insert a new dossier
 * (the INSERT … ON CONFLICT DO NOTHING of insertDossier); transitions and assignments update an
 * open dossier with a version check (updateIfVersion); a transition into a final state closes it.
 */
async function applyChanges(count: number, connections = 4): Promise<Record<string, number>> {
	const processes: Process[] = library.ok
		? library.definitions.map(({ definition: d }) => ({
				id: d.id,
				version: d.version,
				open: d.workflow.states.filter((s) => s.kind !== 'final').map((s) => s.id),
				final: d.workflow.states.filter((s) => s.kind === 'final').map((s) => s.id),
				days: d.handlingTime?.days ?? 30
			}))
		: [];
	const byId = new Map(processes.map((p) => [p.id, p]));
	const open = (
		await sql<{ id: string; processId: string; version: number }>`
			select id, process_id as "processId", version from dossier where closed_at is null`.execute(db)
	).rows;
	const staffIds = (
		await sql<{ id: string }>`select id from app_user where roles = array['staff']`.execute(db)
	).rows.map((r) => r.id);
	const citizenIds = (
		await sql<{
			id: string;
		}>`select id from app_user where roles = array['citizen'] limit 2000`.execute(db)
	).rows.map((r) => r.id);
	const run = Date.now().toString(36).toUpperCase();
	let seed = 12345;
	const rnd = () => {
		seed = (seed * 1103515245 + 12345) & 0x7fffffff;
		return seed / 0x80000000;
	};
	const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
	const done = { filings: 0, transitions: 0, assignments: 0, stale: 0 };
	let next = 0;
	// Not waiting for the disk at each commit only makes the hour pass sooner; the rows are the same.
	const pool = new pg.Pool({
		connectionString: url.href,
		max: connections,
		options: '-c synchronous_commit=off'
	});
	async function worker() {
		while (next < count) {
			const i = next++;
			const kind = rnd();
			if (kind < 0.15 || open.length < 100) {
				const p = pick(processes);
				const r = await pool.query(
					`insert into dossier (reference, process_id, process_version, status, answers, language,
						owner_id, applicant_name, applicant_email, assignee_id, submission_id, submitted_at, due_date)
					values ($1, $2, $3, $4, $5, 'nl', $6, $7, $8, null, gen_random_uuid(), now(), current_date + $9::int)
					on conflict (submission_id) do nothing returning id, version`,
					[
						`${new Date().getFullYear()}-H${run}${String(i).padStart(6, '0')}`,
						p.id,
						p.version,
						p.open[0],
						JSON.stringify({ omschrijving: `Melding ${i}`, telefoon: '0470000000' }),
						pick(citizenIds),
						`${pick(FIRST)} ${pick(LAST)}`,
						`burger${i}@voorbeeld.be`,
						p.days
					]
				);
				const row = r.rows[0] as { id: string; version: number } | undefined;
				if (row) open.push({ id: row.id, processId: p.id, version: row.version });
				done.filings++;
				continue;
			}
			const at = Math.floor(rnd() * open.length);
			const d = open[at];
			const p = byId.get(d.processId);
			if (!p) continue;
			let r;
			if (kind < 0.4) {
				r = await pool.query(
					`update dossier set assignee_id = $3, version = version + 1, updated_at = now()
					where id = $1 and version = $2 returning version`,
					[d.id, d.version, pick(staffIds)]
				);
				done.assignments++;
			} else {
				// One in four transitions ends the dossier.
				const final = rnd() < 0.25 && p.final.length > 0;
				r = await pool.query(
					`update dossier set status = $3, closed_at = ${final ? 'now()' : 'null'},
						version = version + 1, updated_at = now()
					where id = $1 and version = $2 returning version`,
					[d.id, d.version, final ? pick(p.final) : pick(p.open)]
				);
				if (final) open.splice(at, 1);
				done.transitions++;
			}
			const row = r.rows[0] as { version: number } | undefined;
			if (row) d.version = row.version;
			else done.stale++;
		}
	}
	await Promise.all(Array.from({ length: connections }, worker));
	await pool.end();
	return done;
}

/** Rows and dead rows of the tally, for the record. */
async function tallyState(): Promise<string> {
	const r = await sql<{ rows: string; live: string; dead: string }>`
		select (select count(*) from dossier_tally) as rows,
			coalesce((select n_live_tup from pg_stat_user_tables where relname = 'dossier_tally'), 0) as live,
			coalesce((select n_dead_tup from pg_stat_user_tables where relname = 'dossier_tally'), 0) as dead`.execute(
		db
	);
	const { rows, dead } = r.rows[0];
	return `tally: ${rows} rows, ${dead} dead row versions (statistics)`;
}

const loadAverage = () =>
	os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' ');

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

type Figure = { name: string; p50: number; p95: number; p99: number; budget: number };

async function measure(name: string, run: () => Promise<unknown>, budget = 50): Promise<Figure> {
	for (let i = 0; i < 10; i++) await run();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		await run();
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(times, p));
	console.log(
		`${name.padEnd(36)} ${p50.toFixed(1).padStart(7)} ${p95.toFixed(1).padStart(7)} ${p99.toFixed(1).padStart(7)}  ${p95 <= budget ? 'ok' : 'OVER BUDGET'} (${budget})`
	);
	return { name, p50, p95, p99, budget };
}

try {
	const seeded = await seed();
	const staff = await db
		.selectFrom('appUser')
		.select('id')
		.where('email', '=', 'staff1@bench.loket.test')
		.executeTakeFirstOrThrow();
	const citizen = await db
		.selectFrom('dossier')
		.select(['ownerId', sql<string>`count(*)`.as('n')])
		.where('ownerId', 'is not', null)
		.groupBy('ownerId')
		.orderBy(sql`count(*)`, 'desc')
		.limit(1)
		.executeTakeFirstOrThrow();
	// The busiest process and one of its open states, for the filtered page.
	const busy = await db
		.selectFrom('dossier')
		.select(['processId', 'status', sql<string>`count(*)`.as('n')])
		.where('closedAt', 'is', null)
		.groupBy(['processId', 'status'])
		.orderBy(sql`count(*)`, 'desc')
		.limit(1)
		.executeTakeFirstOrThrow();

	// The cursor of page 200, found by walking the pages once (not timed).
	let deep = new URLSearchParams();
	for (let page = 1; page < 200; page++) {
		const view = await getInbox(staff.id, deep, db);
		if (!view.next) throw new Error(`the inbox ended at page ${page}`);
		deep = new URLSearchParams(view.next);
	}
	const filtered = new URLSearchParams({
		process: busy.processId,
		state: busy.status,
		overdue: '1'
	});
	const search = new URLSearchParams({ q: 'Katrien Verhoeven' });
	const surname = new URLSearchParams({ q: 'Verstraete' });
	const mineOpen = new URLSearchParams({ assignee: 'mine', open: '1', sort: 'due', dir: 'asc' });
	const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
	const year = new URLSearchParams({ from: yearAgo });
	const check = await getInbox(staff.id, filtered, db);
	const found = await getInbox(staff.id, search, db);
	const mine = await listForOwner(citizen.ownerId as string, db);
	console.log(
		`\n${total} dossiers; inbox pages of ${INBOX_PAGE_SIZE}; ${runs} runs each after 10 warm-up runs;` +
			`\nfiltered page: ${busy.processId} / ${busy.status} / overdue: ${check.items.length} rows on the page, ` +
			`${check.counts.reduce((n, c) => n + c.count, 0)} in all;` +
			`\nname search: ${found.counts.reduce((n, c) => n + c.count, 0)} dossiers; the citizen's list: ${mine.length} dossiers`
	);

	async function scenario(title: string): Promise<Figure[]> {
		console.log(`\n${title}\n${await tallyState()}; load average ${loadAverage()}`);
		console.log(
			`${'latency in ms'.padEnd(36)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}`
		);
		const figures = [
			await measure('inbox, first page', () => getInbox(staff.id, new URLSearchParams(), db)),
			await measure('inbox, page 200 (keyset)', () => getInbox(staff.id, deep, db)),
			await measure('inbox, process + state + overdue', () => getInbox(staff.id, filtered, db)),
			await measure('inbox, search for a name', () => getInbox(staff.id, search, db)),
			await measure('citizen, own list', () => listForOwner(citizen.ownerId as string, db)),
			await measure('inbox, search for a surname only', () => getInbox(staff.id, surname, db)),
			await measure('inbox, mine and open, by due date', () => getInbox(staff.id, mineOpen, db)),
			await measure(
				'overview, 12 weeks, all products',
				() => getOverview(new URLSearchParams(), db),
				100
			),
			await measure('overview, 52 weeks, all products', () => getOverview(year, db), 100),
			await measure('product page handling times (uncached)', () =>
				computeHandlingTimes(busy.processId, db, new Date())
			)
		];
		console.log(`load average after: ${loadAverage()}`);
		return figures;
	}

	const a = await scenario(
		seeded ? '(a) straight after seeding' : '(a) as found (seeding was skipped)'
	);
	const started = performance.now();
	const done = await applyChanges(changeCount);
	console.log(
		`\nan hour of changes applied in ${((performance.now() - started) / 1000).toFixed(0)} s: ` +
			`${done.filings} filings, ${done.transitions} transitions, ${done.assignments} assignments ` +
			`(${done.stale} found a newer version), no clean-up`
	);
	const b = await scenario('(b) an hour of changes later, before the hourly fold (worst case)');
	const foldStarted = performance.now();
	const folded = await foldTally(db);
	console.log(
		`\nfoldTally: ${folded} rows folded in ${(performance.now() - foldStarted).toFixed(0)} ms`
	);
	const c = await scenario('(c) after the fold (steady state)');

	console.log(`\np95 in ms (budget)${' '.repeat(18)}    (a)     (b)     (c)`);
	for (let i = 0; i < a.length; i++) {
		const row = [a[i], b[i], c[i]].map((f) => f.p95.toFixed(1).padStart(7)).join(' ');
		console.log(`${`${a[i].name} (${a[i].budget})`.padEnd(36)} ${row}`);
	}
	const all = [...a, ...b, ...c];
	const over = all.filter((f) => f.p95 > f.budget).length;
	console.log(
		over === 0
			? `\nAll ${a.length} figures within their budgets (p95) in every state.`
			: `\nOVER BUDGET: ${over} of ${all.length} figures above their p95 budget (see above).`
	);
} finally {
	await close();
	await vite.close();
}

// Benchmark of the mid-office API on PostgreSQL, through `serve` (what every /api/v1 route calls),
// so it times the API's own work (token, rate limit, parsing, the query, the audit row) without
// HTTP. Seeds a throw-away database (default loket_bench_api on 127.0.0.1, dropped and made again)
// with N dossiers of one library process, then per endpoint prints p50/p95/p99 in ms over R runs,
// and what the token check, rate limit and audit trail add to a call (serve minus the bare service).
// Usage: npm run bench:api [-- --dossiers 50000 --runs 300 --url postgres://…/loket_bench_api]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openModuleLoader } from './harness';

const { vite, load } = await openModuleLoader();
const mod = <T>(path: string) => load<T>(path);
const { openDatabase } = await mod<typeof import('../../src/lib/server/db/connect')>(
	'/src/lib/server/db/connect.ts'
);
const { migrateToLatest } = await mod<typeof import('../../src/lib/server/db/migrate')>(
	'/src/lib/server/db/migrate.ts'
);
const { loadLibrary } = await mod<typeof import('../../src/lib/server/processes/library')>(
	'/src/lib/server/processes/library.ts'
);
const { importLibrary } = await mod<typeof import('../../src/lib/server/processes/service')>(
	'/src/lib/server/processes/service.ts'
);
const { serve } = await mod<typeof import('../../src/lib/server/api/serve')>(
	'/src/lib/server/api/serve.ts'
);
const tokens = await mod<typeof import('../../src/lib/server/api/tokens')>(
	'/src/lib/server/api/tokens.ts'
);
const apiDossiers = await mod<typeof import('../../src/lib/server/api/dossiers')>(
	'/src/lib/server/api/dossiers.ts'
);
const { LocalFileStorage } = await mod<typeof import('../../src/lib/server/files/storage')>(
	'/src/lib/server/files/storage.ts'
);

const { values: args } = parseArgs({
	options: {
		dossiers: { type: 'string', default: '50000' },
		runs: { type: 'string', default: '300' },
		url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/loket_bench_api' }
	}
});
const total = Number(args.dossiers);
const runs = Number(args.runs);
const url = new URL(args.url);
const database = url.pathname.slice(1);
if (!/bench/.test(database) || url.hostname !== '127.0.0.1')
	throw new Error(`Refusing "${args.url}": a database named *bench* on 127.0.0.1 only`);

const admin = new pg.Client({ connectionString: new URL('/postgres', url).href });
await admin.connect();
await admin.query(`drop database if exists ${database}`);
await admin.query(`create database ${database}`);
await admin.end();

const { db, close } = await openDatabase({ kind: 'postgres', url: url.href });
await migrateToLatest(db);
const library = loadLibrary();
if (!library.ok) throw new Error(library.errors.join('\n'));
await importLibrary(library.definitions, db);
const definition = library.definitions.find(
	(d) => d.definition.id === 'melding-openbaar-domein'
)?.definition;
if (!definition) throw new Error('melding-openbaar-domein is not in the library');
const initial = definition.workflow.initial;
const staffFirst = definition.workflow.transitions.find(
	(t) => t.from.includes(initial) && t.roles.includes('staff') && !t.requiresNote
);
if (!staffFirst) throw new Error('no staff transition from the initial state without a note');

const seeded = performance.now();
await sql`insert into dossier (reference, process_id, process_version, status, answers,
		applicant_name, applicant_email, guest_token_hash, submission_id, submitted_at, due_date)
	select '2026-' || lpad(i::text, 6, '0'), ${definition.id}, ${definition.version}, ${initial},
		jsonb_build_object('omschrijving', 'Losliggende tegel nummer ' || i),
		'Aanvrager ' || i, 'a' || i || '@voorbeeld.be', md5(i::text), gen_random_uuid(),
		now() - (i || ' minutes')::interval, current_date + 30
	from generate_series(1, ${total}) i`.execute(db);
await sql`analyze`.execute(db);
console.log(`${total} dossiers seeded in ${Math.round(performance.now() - seeded)} ms`);

const adminUser = await db
	.insertInto('appUser')
	.values({ email: 'admin@bench.loket.test', passwordHash: null, roles: ['admin'] })
	.returning('id')
	.executeTakeFirstOrThrow();
const made = await tokens.createToken(
	adminUser.id,
	{ name: 'Bench', access: 'write', processIds: [] },
	db
);
if (!made.ok) throw new Error('no token');
const client = await tokens.authenticate(`Bearer ${made.token}`, db);
if (!client) throw new Error('token not found');
const storage = new LocalFileStorage('/tmp/loket-bench-api-files');

async function call(id: string, path: string, params: Record<string, string>, body?: unknown) {
	const u = new URL(`http://bench.test/api/v1${path}`);
	const request = new Request(u, {
		method: body === undefined ? 'GET' : 'POST',
		headers: {
			authorization: `Bearer ${made.ok ? made.token : ''}`,
			...(body === undefined ? {} : { 'content-type': 'application/json' })
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const response = await serve(id, { request, params, url: u }, { db, storage, rateLimit: 1e9 });
	if (response.status >= 300)
		throw new Error(`${path}: ${response.status} ${await response.text()}`);
	return response.json() as Promise<Record<string, unknown>>;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(label: string, run: (i: number) => Promise<unknown>): Promise<number> {
	for (let i = 0; i < 20; i++) await run(i);
	const ms: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await run(i + 20);
		ms.push(performance.now() - start);
	}
	ms.sort((a, b) => a - b);
	const f = (n: number) => n.toFixed(2).padStart(7);
	console.log(
		`${label.padEnd(44)} p50 ${f(percentile(ms, 50))}  p95 ${f(percentile(ms, 95))}  p99 ${f(percentile(ms, 99))} ms`
	);
	return percentile(ms, 50);
}

const ids = (
	await db.selectFrom('dossier').select('id').orderBy('submittedAt', 'desc').limit(2000).execute()
).map((r) => r.id);
const deep = (await call('listDossiers', '/dossiers?limit=100', {})) as { next: string };
let cursor = deep.next;
for (let i = 0; i < 50; i++)
	cursor = (
		(await call('listDossiers', `/dossiers?limit=100&after=${cursor}`, {})) as {
			next: string;
		}
	).next;

console.log(`\n${runs} runs each (after 20 warm-up runs), ${total} dossiers, PostgreSQL:`);
await time('GET /dossiers (first page of 50)', () => call('listDossiers', '/dossiers', {}));
await time('GET /dossiers?after=… (page 51 of 100s)', () =>
	call('listDossiers', `/dossiers?limit=100&after=${encodeURIComponent(cursor)}`, {})
);
await time('GET /dossiers?q=tegel+1234&open=true', (i) =>
	call('listDossiers', `/dossiers?q=${encodeURIComponent(`tegel ${1000 + i}`)}&open=true`, {})
);
const viaServe = await time('GET /dossiers/{id}', (i) =>
	call('getDossier', `/dossiers/${ids[i % ids.length]}`, { id: ids[i % ids.length] })
);
const bare = await time('  the same, bare service (no token, no audit)', async (i) => {
	const d = await apiDossiers.findDossier(client, ids[i % ids.length], db);
	if (d) await apiDossiers.describeDossier(d, db);
});
await time('GET /processes', () => call('listProcesses', '/processes', {}));
await time(`POST /dossiers/{id}/transitions (${staffFirst.id})`, async (i) => {
	const id = ids[1000 + (i % 1000)];
	const d = await call('getDossier', `/dossiers/${id}`, { id });
	if (d.status !== initial) return;
	await call(
		'transitionDossier',
		`/dossiers/${id}/transitions`,
		{ id },
		{
			transition: staffFirst.id,
			version: d.version
		}
	);
});
await time('POST /dossiers/{id}/messages (internal)', (i) =>
	call(
		'postMessage',
		`/dossiers/${ids[i % 500]}/messages`,
		{ id: ids[i % 500] },
		{
			body: `Notitie ${randomUUID()}`,
			internal: true
		}
	)
);
console.log(
	`\nToken check + rate limit + audit row per call: ${(viaServe - bare).toFixed(2)} ms (p50 difference)`
);
const calls = await db
	.selectFrom('apiCall')
	.select((eb) => eb.fn.countAll<string>().as('n'))
	.executeTakeFirstOrThrow();
console.log(`${calls.n} calls in the audit trail`);

await close();
await vite.close();

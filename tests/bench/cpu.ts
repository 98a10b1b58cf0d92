// CPU per request, page by page, of the production build on PostgreSQL: the home page (catalogue),
// a product page, the first form page with its draft, the staff inbox (signed in, 40 reports filed
// first), and /healthz, each without compression and
// with what a browser asks for (`Accept-Encoding: br, gzip`). CPU time is read from /proc (utime +
// stime of the server and its cluster workers), which holds on a shared machine where rates do
// not; the load average is printed beside it. Run it on the build before and after a change:
//   npm run bench:cpu -- [--entry build | --entry src/cli/start.js --workers 2]
//     [--url postgres://root@127.0.0.1:5432/bench_cpu] [--requests 2000] [--port 4470]
//     [--only inbox]
// The database is dropped and made anew (its name must contain "bench" or "test").
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../../src/lib/server/db/connect';
import { addUser } from '../../src/lib/server/users/service';
import { launchServer, root } from './harness';
import { Session, Target } from './load/client';
import { deviceSubmission } from './load/journeys';
import { Recorder } from './load/stats';

const { values: args } = parseArgs({
	options: {
		url: {
			type: 'string',
			default: process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/bench_cpu'
		},
		entry: { type: 'string', default: 'src/cli/start.js' },
		workers: { type: 'string', default: '1' },
		port: { type: 'string', default: '4470' },
		requests: { type: 'string', default: '2000' },
		concurrency: { type: 'string', default: '4' },
		process: { type: 'string', default: 'melding-openbaar-domein' },
		label: { type: 'string', default: '' },
		/** Only the pages whose name matches this pattern (e.g. `form|inbox`). */
		only: { type: 'string', default: '' }
	}
});
const requests = Number(args.requests);
const concurrency = Number(args.concurrency);

const url = new URL(args.url);
const database = decodeURIComponent(url.pathname.slice(1));
if (!/test|bench/.test(database) || !/^[a-z0-9_]+$/.test(database))
	throw new Error(
		`Refusing "${database}": it is dropped, so its name must contain "test" or "bench"`
	);
const admin = new pg.Client({ connectionString: new URL('/postgres', url).href });
await admin.connect();
await admin.query(`drop database if exists ${database} with (force)`);
await admin.query(`create database ${database}`);
await admin.end();

/** CPU seconds of a process and all its descendants (the cluster's workers). */
function treeCpuSeconds(pid: number): number {
	if (!existsSync(`/proc/${pid}/stat`)) return 0;
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	let total = (Number(fields[11]) + Number(fields[12])) / 100;
	for (const task of existsSync(`/proc/${pid}/task`) ? [pid] : []) {
		const children = `/proc/${pid}/task/${task}/children`;
		if (!existsSync(children)) continue;
		for (const child of readFileSync(children, 'utf8').split(' ').filter(Boolean))
			total += treeCpuSeconds(Number(child));
	}
	return total;
}

const {
	proc: server,
	base,
	listening
} = launchServer({
	port: args.port,
	entry: resolve(root, args.entry),
	workers: Number(args.workers),
	dataDir: mkdtempSync(join(tmpdir(), 'loket-bench-cpu-')),
	databaseUrl: url.href,
	env: { BODY_SIZE_LIMIT: '20M' },
	stderr: 'inherit'
});
await listening;
const pid = server.pid!;

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
type Reply = {
	status: number;
	bytes: number;
	headers: Record<string, string | string[] | undefined>;
};
function get(path: string, headers: Record<string, string>): Promise<Reply> {
	return new Promise((done, fail) => {
		const req = request(`${base}${path}`, { agent, headers }, (res) => {
			let bytes = 0;
			res.on('data', (c: Buffer) => (bytes += c.length));
			res.on('end', () => done({ status: res.statusCode ?? 0, bytes, headers: res.headers }));
			res.on('error', fail);
		});
		req.on('error', fail);
		req.end();
	});
}

// The draft cookie of a citizen who started the form, for the first form page.
const started = await get(`/p/${args.process}/aanvragen`, {});
const cookie = [started.headers['set-cookie'] ?? []]
	.flat()
	.map((c) => c.split(';')[0])
	.join('; ');
const formPath = String(started.headers.location ?? '');
if (!formPath) throw new Error(`starting the form answered ${started.status} without a location`);

// A staff member signed in, and reports in the inbox: 40 filed as a phone sends them.
const staffAccount = { email: 'behandelaar@bench.test', password: 'Lange-zin-voor-de-bench-1' };
{
	const { db, close } = await openDatabase({ kind: 'postgres', url: url.href });
	const made = await addUser({ ...staffAccount, roles: ['staff'], name: 'Behandelaar' }, db);
	await close();
	if (!made.ok) throw new Error(`staff account not made: ${made.reason}`);
}
const target = new Target(base, 4);
const staff = new Session(target);
const signedIn = await staff.post('/aanmelden', staffAccount);
if (signedIn.status !== 303) throw new Error(`signing in answered ${signedIn.status}`);
const filings = new Recorder();
for (let i = 0; i < 40; i++) for await (const _ of deviceSubmission(new Session(target), filings));
if (filings.summary().errors > 0) throw new Error('filing the reports for the inbox failed');
await target.close();

const pages: { name: string; path: string; headers: Record<string, string> }[] = [
	{ name: 'home page (catalogue)', path: '/', headers: {} },
	{ name: 'product page', path: `/p/${args.process}`, headers: {} },
	{ name: 'first form page with its draft', path: formPath, headers: { cookie } },
	{
		name: 'staff inbox (40 dossiers)',
		path: '/backoffice',
		headers: { cookie: staff.cookieHeader() }
	},
	{ name: '/healthz', path: '/healthz', headers: {} }
];
const encodings: { name: string; headers: Record<string, string> }[] = [
	{ name: 'none', headers: {} },
	{ name: 'br, gzip', headers: { 'accept-encoding': 'br, gzip' } }
];

async function measure(path: string, headers: Record<string, string>) {
	const warm = Math.min(200, requests / 5);
	for (let i = 0; i < warm; i++) await get(path, headers);
	let sent = 0;
	let bytes = 0;
	let errors = 0;
	const before = treeCpuSeconds(pid);
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (sent < requests) {
				sent++;
				const reply = await get(path, headers);
				bytes = reply.bytes;
				if (reply.status !== 200) errors++;
			}
		})
	);
	const seconds = (performance.now() - t0) / 1000;
	const cpuMs = ((treeCpuSeconds(pid) - before) * 1000) / requests;
	return { cpuMs, bytes, errors, rate: requests / seconds };
}

const [l1, l5] = loadavg().map((n) => n.toFixed(2));
console.log(
	`bench:cpu ${args.label} entry ${args.entry}, WORKERS=${args.workers}, ${cpus().length} cores, ` +
		`${requests} requests per row at concurrency ${concurrency}, PostgreSQL ${database}; ` +
		`load average at start ${l1} / ${l5}`
);
console.log(
	'| page | Accept-Encoding | CPU per request | bytes on the wire | req/s | errors | load (1 min) |'
);
console.log('|---|---|---|---|---|---|---|');
try {
	for (const page of pages.filter((p) => new RegExp(args.only).test(p.name)))
		for (const encoding of encodings) {
			const r = await measure(page.path, { ...page.headers, ...encoding.headers });
			console.log(
				`| ${page.name} | ${encoding.name} | ${r.cpuMs.toFixed(2)} ms | ${r.bytes} | ` +
					`${r.rate.toFixed(0)} | ${r.errors} | ${loadavg()[0].toFixed(2)} |`
			);
		}
} finally {
	agent.destroy();
	server.kill('SIGTERM');
}

// Load test of Loket's two journeys and of a mixed load sized with Open Zaak's model, on
// PostgreSQL, with two references measured on the same machine in the same run:
//  1. machine: cores, memory, load average at the start; the database is dropped and created anew;
//  2. the citizen's first form page, requested back to back at --vus, against a bare Node `http`
//     server (own process) answering a page of the same byte size, with the same client;
//  3. the citizen journey (catalogue → product → start → each form page GET + POST, with a
//     200 kB photo → check page → submit → receipt) by --vus virtual users, back to back;
//     and the same report sent in one request, as a phone sends its offline queue (/verzenden);
//  4. pgbench inserting a 1 kB jsonb row per transaction with --vus clients;
//  5. the staff journey (log in → inbox → filtered inbox → dossier → workflow transition) by
//     --staff-vus virtual users;
//  6. a mixed open-loop run: --rate requests/s for --mixed-duration s, a --staff-share of them
//     staff steps, the rest citizen steps (Open Zaak: 1,000,000 inhabitants ≈ 2,000 concurrent
//     users with think time ≈ 235 requests/s);
// then Loket's figures as ratios to the references, against their targets.
// Usage: npm run bench:load [-- --url postgres://postgres@127.0.0.1:5432/test_load --vus 20
//   --staff-vus 5 --staff 20 --duration 20 --ref-duration 10 --rate 235 --mixed-duration 60 --no-build]
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../../../src/lib/server/db/connect';
import { addUser } from '../../../src/lib/server/users/service';
import { startBuiltServer } from '../harness';
import { Session, Target } from './client';
import { citizenJourney, deviceSubmission, logIn, PROCESS, staffJourney } from './journeys';
import { readCpuSeconds, runPgbench, startBareServer } from './references';
import { runFixed, runJourneys, runOpenLoop } from './runners';
import { Recorder } from './stats';

const { values: args } = parseArgs({
	options: {
		url: {
			type: 'string',
			default: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test_load'
		},
		port: { type: 'string', default: '4300' },
		'bare-port': { type: 'string', default: '4301' },
		vus: { type: 'string', default: '20' },
		'staff-vus': { type: 'string', default: '5' },
		staff: { type: 'string', default: '20' },
		duration: { type: 'string', default: '20' },
		'ref-duration': { type: 'string', default: '10' },
		warmup: { type: 'string', default: '5' },
		rate: { type: 'string', default: '235' },
		'mixed-duration': { type: 'string', default: '60' },
		'staff-share': { type: 'string', default: '0.2' },
		connections: { type: 'string', default: '256' },
		workers: { type: 'string', default: '0' },
		'no-build': { type: 'boolean', default: false }
	}
});
const num = (name: keyof typeof args, min: number, max: number) => {
	const n = Number(args[name]);
	if (!Number.isFinite(n) || n < min || n > max)
		throw new Error(`--${name} must be a number from ${min} to ${max}`);
	return n;
};
const vus = num('vus', 1, 500);
const staffVus = num('staff-vus', 1, 100);
const staffMembers = num('staff', 1, 200);
const duration = num('duration', 1, 600);
const refDuration = num('ref-duration', 1, 600);
const warmup = num('warmup', 0, 60);
const rate = num('rate', 1, 5000);
const mixedDuration = num('mixed-duration', 1, 600);
const staffShare = num('staff-share', 0, 1);
const connections = num('connections', 1, 2000);
/** 0: one `node build` process; n: `npm start`'s cluster with WORKERS=n. */
const workers = num('workers', 0, 64);

const url = new URL(args.url);
const database = decodeURIComponent(url.pathname.slice(1));
if (!/test|bench/.test(database) || !/^[a-z0-9_]+$/.test(database))
	throw new Error(
		`Refusing "${database}": the database is dropped and made anew, so its name must contain "test" or "bench" (letters, digits, _)`
	);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
	throw new Error('The load test runs on this machine only: use a database on 127.0.0.1');

// 1. The machine, and a fresh database.
const admin = new pg.Client({ connectionString: new URL('/postgres', url).href });
await admin.connect();
const pgVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]
	.server_version;
await admin.query(`drop database if exists ${database} with (force)`);
await admin.query(`create database ${database}`);
await admin.end();
const [load1, load5, load15] = loadavg().map((n) => n.toFixed(2));
console.log(
	`machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GB; ` +
		`load average at start ${load1} / ${load5} / ${load15}; Node ${process.version}; PostgreSQL ${pgVersion} (${database})`
);

process.env.DATABASE_URL = url.href;
const serverLog = join(mkdtempSync(join(tmpdir(), 'loket-load-')), 'server.log');
const server = await startBuiltServer({
	port: args.port,
	build: !args['no-build'],
	name: 'load',
	log: serverLog,
	workers: workers || undefined
});
console.log(
	`server: ${workers ? `npm start's cluster, WORKERS=${workers} (CPU summed over its workers)` : 'node build, one process'}`
);
const stops: (() => unknown)[] = [server.stop];

/** The CPU time a server process uses during `run`, per request the recorder counted. */
async function withCpu<T>(pid: number | undefined, rec: Recorder, run: () => Promise<T>) {
	const before = readCpuSeconds(pid);
	const result = await run();
	return { result, cpuMs: ((readCpuSeconds(pid) - before) * 1000) / rec.summary().count };
}
const printCpu = (ms: number, who = 'Loket') =>
	console.log(
		`  server CPU ${ms.toFixed(2)} ms per request (the ${who} process; PostgreSQL's not counted)`
	);

try {
	// Staff accounts, made through the users service as `npm run user:add` makes them.
	const accounts = Array.from({ length: Math.max(staffVus, staffMembers) }, (_, i) => ({
		email: `behandelaar${i + 1}@load.loket.test`,
		password: `Lange-zin-voor-de-test-${i + 1}`
	}));
	const { db, close } = await openDatabase({ kind: 'postgres', url: url.href });
	for (const [i, a] of accounts.entries()) {
		const made = await addUser({ ...a, roles: ['staff'], name: `Behandelaar ${i + 1}` }, db);
		if (!made.ok) throw new Error(`staff account not made: ${made.reason}`);
	}
	await close();

	const loket = new Target(server.base, vus);
	stops.push(() => loket.close());
	if (warmup > 0) {
		const rec = new Recorder();
		await runJourneys(vus, warmup, rec, () => citizenJourney(new Session(loket), rec));
		console.log(`warm-up: ${warmup} s of citizen journeys, ${rec.summary().count} requests`);
	}

	// 2. The form page against a bare Node server answering as many bytes.
	const citizen = new Session(loket);
	const started = await citizen.get(`/p/${PROCESS}/aanvragen`);
	const formPath = started.location ?? '';
	const formPage = Buffer.from((await citizen.get(formPath)).body);
	const formRec = new Recorder();
	const formCpu = await withCpu(server.pid, formRec, () =>
		runFixed(vus, refDuration, formRec, `GET ${formPath}`, async () => {
			const r = await citizen.get(formPath);
			return r.status === 200 ? null : `status ${r.status}`;
		})
	);
	formRec.print(`Form page, ${formPage.length} bytes, ${vus} concurrent, back to back`);
	printCpu(formCpu.cpuMs);
	const bare = await startBareServer(Number(args['bare-port']), formPage);
	stops.push(bare.stop);
	const bareTarget = new Target(bare.base, vus);
	stops.push(() => bareTarget.close());
	const bareSession = new Session(bareTarget);
	const bareRec = new Recorder();
	const bareCpu = await withCpu(bare.pid, bareRec, () =>
		runFixed(vus, refDuration, bareRec, 'GET / (bare Node http)', async () => {
			const r = await bareSession.get('/');
			return r.status === 200 && Buffer.byteLength(r.body) === formPage.length
				? null
				: 'bad answer';
		})
	);
	bare.stop();
	bareRec.print(
		`Reference: bare Node http, the same ${formPage.length} bytes, same client and concurrency`
	);
	printCpu(bareCpu.cpuMs, 'bare Node');

	// 3. The citizen journey, then the same report in one request.
	const citizenRec = new Recorder();
	const citizens = await withCpu(server.pid, citizenRec, () =>
		runJourneys(vus, duration, citizenRec, () => citizenJourney(new Session(loket), citizenRec))
	);
	citizenRec.print(
		`Citizen journey, ${vus} virtual users, no think time: ${citizens.result.completed} filed, ${citizens.result.failed} failed`
	);
	printCpu(citizens.cpuMs);
	const deviceRec = new Recorder();
	const device = await withCpu(server.pid, deviceRec, () =>
		runJourneys(vus, refDuration, deviceRec, () => deviceSubmission(new Session(loket), deviceRec))
	);
	deviceRec.print(
		`The same report in one request, as a phone sends its offline queue, ${vus} concurrent`
	);
	printCpu(device.cpuMs);

	// 4. pgbench.
	const bench = await runPgbench(url.href, vus, refDuration);
	console.log(
		`\nReference: pgbench, ${vus} clients, ${refDuration} s, one insert of a ${bench.rowBytes}-byte jsonb per transaction: ` +
			`${bench.tps.toFixed(0)} inserts/s, mean latency ${bench.latency.toFixed(1)} ms`
	);

	// 5. The staff journey.
	const claimed = new Set<string>();
	const staffTarget = new Target(server.base, staffVus);
	stops.push(() => staffTarget.close());
	const staffRec = new Recorder();
	const staff = await withCpu(server.pid, staffRec, () =>
		runJourneys(staffVus, duration, staffRec, (vu) =>
			staffJourney(new Session(staffTarget), staffRec, accounts[vu], claimed)
		)
	);
	staffRec.print(
		`Staff journey, ${staffVus} virtual users, no think time${staff.result.idle ? ` (${staff.result.idle} ran out of dossiers)` : ''}`
	);
	printCpu(staff.cpuMs);

	// 6. The mixed open-loop run. The staff at work are logged in already (their login is measured
	// above); one more logs in when all of them are busy.
	const mixedTarget = new Target(server.base, connections);
	stops.push(() => mixedTarget.close());
	const atWork: Session[] = [];
	const loginRec = new Recorder();
	for (let i = 0; i < staffMembers; i += 4)
		await Promise.all(
			accounts.slice(i, Math.min(i + 4, staffMembers)).map(async (account) => {
				const session = new Session(mixedTarget);
				const steps = logIn(session, loginRec, account);
				while (!(await steps.next()).done);
				atWork.push(session);
			})
		);
	const mixedRec = new Recorder();
	let nextAccount = 0;
	const mixed = await withCpu(server.pid, mixedRec, () =>
		runOpenLoop({
			rate,
			seconds: mixedDuration,
			staffShare,
			rec: mixedRec,
			maxInFlight: connections,
			citizen: () => citizenJourney(new Session(mixedTarget), mixedRec),
			staff: () => {
				const session = atWork.pop();
				if (session) return staffJourney(session, mixedRec, null, claimed);
				const account = accounts[nextAccount++ % accounts.length];
				return staffJourney(new Session(mixedTarget), mixedRec, account, claimed);
			}
		})
	);
	mixedRec.print(
		`Mixed run, open loop: ${rate} req/s planned for ${mixedDuration} s, ${(staffShare * 100).toFixed(0)} % staff steps; ` +
			`${mixed.result.citizenJourneys} citizen and ${mixed.result.staffJourneys} staff sessions; ` +
			`scheduler lag at most ${mixed.result.maxLagMs.toFixed(0)} ms; ` +
			`${mixed.result.dropped} arrivals not sent (already ${connections} requests in flight)`
	);
	printCpu(mixed.cpuMs);

	// The figures against the references and targets.
	const form = formRec.summary();
	const bareRate = bareRec.summary().rate;
	const submits = citizenRec.summary('submit');
	const filings = (submits.count - submits.errors) / citizenRec.seconds;
	const sent = deviceRec.summary();
	const sentRate = (sent.count - sent.errors) / deviceRec.seconds;
	const all = mixedRec.summary();
	const mixedErrors = all.errors + mixed.result.dropped;
	const ratio = (a: number, b: number) => `1/${(b / a).toFixed(1)}`;
	const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
	console.log(
		`\nSummary (load average now ${loadavg()
			.map((n) => n.toFixed(2))
			.join(' / ')})`
	);
	console.log(
		`  form page: ${form.rate.toFixed(0)} pages/s (p95 ${form.p95.toFixed(0)} ms) vs bare Node ${bareRate.toFixed(0)} req/s: ` +
			`${ratio(form.rate, bareRate)}, target ≥ 1/10: ${mark(form.rate * 10 >= bareRate)}`
	);
	console.log(
		`    by server CPU per request: ${formCpu.cpuMs.toFixed(2)} ms vs ${bareCpu.cpuMs.toFixed(2)} ms: ` +
			`${ratio(bareCpu.cpuMs, formCpu.cpuMs)} (the rate ratio when each server has a core to itself)`
	);
	console.log(
		`  submissions with a 200 kB photo, one request each: ${sentRate.toFixed(1)}/s (p95 ${sent.p95.toFixed(0)} ms) ` +
			`vs pgbench ${bench.tps.toFixed(0)} inserts/s: ${ratio(sentRate, bench.tps)}, target ≥ 1/5: ${mark(sentRate * 5 >= bench.tps)}`
	);
	console.log(
		`    through the whole form (12 requests each): ${filings.toFixed(1)} filings/s: ${ratio(filings, bench.tps)}`
	);
	console.log(
		`  mixed run: ${all.rate.toFixed(0)} req/s achieved of ${rate}, p50 ${all.p50.toFixed(0)} ms, p95 ${all.p95.toFixed(0)} ms, ` +
			`p99 ${all.p99.toFixed(0)} ms, ${mixedErrors} errors (${mixed.result.dropped} of them not sent); target ≥ ${rate} req/s (less 2 % for the answers after the ` +
			`window), p95 < 300 ms, 0 errors: ${mark(all.rate >= rate * 0.98 && all.p95 < 300 && mixedErrors === 0)}`
	);
} finally {
	for (const stop of stops.reverse()) await stop();
	const logged = existsSync(serverLog) ? readFileSync(serverLog, 'utf8') : '';
	const failures = logged.match(/^\[[0-9a-f]{8}\] /gm)?.length ?? 0;
	console.log(`\nThe server logged ${failures} failed requests: ${serverLog}`);
}

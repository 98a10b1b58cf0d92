// Fault injection: a submission is never lost, doubled or half-written. Three scenarios, each with
// concurrent clients filing reports with a photo through the device endpoint and resending with the
// same submissionId on any failure:
//   restart  PostgreSQL (a throw-away cluster of our own) is stopped mid-run, once 'fast' and once
//            'immediate' (a crash), and started again: requests meanwhile must get a 503 with
//            Retry-After (JSON for the device, a page for browsers) and the app must reconnect.
//   crash    the app is killed with SIGKILL mid-run and started again on the same database.
//   embedded the same on the embedded database (PGlite in DATA_DIR); at the end it is killed once
//            more and the database is opened straight from disk for the check.
//   workers  `npm start`'s cluster (several workers on one PostgreSQL) keeping files in an S3 bucket
//            (s3rver, as in the storage tests): one worker is killed with SIGKILL (its primary starts
//            another), PostgreSQL crashes and comes back, then the whole app is killed and started
//            again; the check reads the photos back from the bucket.
// Afterwards every acknowledged submission is looked up (see audit.ts) and resent once more (it must
// get the same reference). Exits non-zero on any loss, duplicate or half-write, on a 5xx that is not
// a well-formed 503, or when the PostgreSQL outage produced no 503 at all.
//
//   npm run bench:faults [-- --short] [--no-build] [--only restart,crash,embedded,workers]
//                        [--clients N] [--workers N]
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { root } from '../harness';
import { startS3Server } from '../../../src/lib/server/files/test-s3';
import { createApp, type App } from './app';
import {
	audit,
	bucketFiles,
	localFiles,
	type AuditResult,
	type Query,
	type StoredFiles
} from './audit';
import { createCluster, type Cluster } from './cluster';
import { newStats, send, startClients, type Stats } from './clients';

const { values: args } = parseArgs({
	options: {
		short: { type: 'boolean', default: false },
		'no-build': { type: 'boolean', default: false },
		only: { type: 'string', default: 'restart,crash,embedded,workers' },
		clients: { type: 'string' },
		workers: { type: 'string', default: '3' }
	}
});
const short = args.short;
const plan = {
	clients: Number(args.clients ?? (short ? 4 : 8)),
	/** Seconds of load before, between and after the faults. */
	loadSeconds: short ? 3 : 12,
	/** Seconds PostgreSQL stays down. */
	outageSeconds: short ? 2 : 6,
	appCrashes: short ? 1 : 3,
	embeddedCrashes: short ? 1 : 2,
	workerCrashes: short ? 1 : 3,
	replayAtMost: short ? 100 : 400
};
const PG_PORT = 5499;
const APP_PORT = { restart: 4351, crash: 4352, embedded: 4353, workers: 4354 };

const sleep = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));
const cleanups: (() => Promise<void> | void)[] = [];

type Outcome = {
	name: string;
	stats: Stats;
	audit: AuditResult;
	replayed: number;
	replayMismatches: number;
	seconds: number;
	failures: string[];
};

/** What a browser and a monitor see while the database is down. */
async function probeOutage(base: string): Promise<string[]> {
	const failures: string[] = [];
	const page = async (language: 'nl' | 'en', expected: string) => {
		const cookie = `session=bench-not-a-session${language === 'en' ? '; PARAGLIDE_LOCALE=en' : ''}`;
		const response = await fetch(`${base}/`, { headers: { accept: 'text/html', cookie } });
		const html = await response.text();
		if (response.status !== 503) failures.push(`page (${language}): status ${response.status}`);
		else if (!response.headers.get('content-type')?.startsWith('text/html'))
			failures.push(`page (${language}): not HTML`);
		else if (!(Number(response.headers.get('retry-after')) > 0))
			failures.push(`page (${language}): no Retry-After`);
		else if (!html.includes(expected)) failures.push(`page (${language}): no "${expected}"`);
	};
	try {
		await page('nl', 'Het loket is even niet bereikbaar');
		await page('en', 'The e-counter is briefly unavailable');
		const health = await fetch(`${base}/healthz`);
		if (health.status !== 503) failures.push(`/healthz: status ${health.status}`);
	} catch (e) {
		failures.push(`probe failed: ${(e as Error).message}`);
	}
	return failures;
}

/** Sends acknowledged submissions again: each must get the reference it got the first time. */
async function replay(
	base: string,
	stats: Stats
): Promise<{ replayed: number; mismatches: number }> {
	const acks = [...stats.acknowledged.values()].slice(0, plan.replayAtMost);
	let mismatches = 0;
	for (let i = 0; i < acks.length; i += 4)
		await Promise.all(
			acks.slice(i, i + 4).map(async (ack) => {
				const reply = await send(base, ack.submission);
				if (reply.kind !== 'filed' || reply.reference !== ack.reference) mismatches++;
			})
		);
	return { replayed: acks.length, mismatches };
}

function postgresQuery(url: string): { query: Query; close: () => Promise<void> } {
	const client = new pg.Client({ connectionString: url });
	const connected = client.connect();
	return {
		query: async (text) => {
			await connected;
			return (await client.query(text)).rows as Record<string, unknown>[];
		},
		close: () => client.end()
	};
}

async function runScenario(
	name: string,
	app: App,
	faults: (app: App) => Promise<string[]>,
	check: (stats: Stats) => Promise<AuditResult>
): Promise<Outcome> {
	const started = Date.now();
	console.log(`\n[${name}] starting the app…`);
	await app.start();
	const stats = newStats();
	const clients = startClients(app.base, plan.clients, stats);
	const failures = await faults(app);
	await sleep(plan.loadSeconds);
	await clients.stop();
	console.log(`[${name}] ${stats.acknowledged.size} acknowledged; resending them…`);
	if (stats.networkMessages.size > 0)
		console.log(`[${name}] requests without an answer: ${[...stats.networkMessages].join('; ')}`);
	const { replayed, mismatches } = await replay(app.base, stats);
	const outcome: Outcome = {
		name,
		stats,
		audit: await check(stats),
		replayed,
		replayMismatches: mismatches,
		seconds: Math.round((Date.now() - started) / 1000),
		failures
	};
	judge(outcome);
	if (outcome.failures.length > 0)
		outcome.failures.push(`the app's last log lines:\n    ${app.log.slice(-12).join('\n    ')}`);
	return outcome;
}

function judge(o: Outcome): void {
	const { stats: s, audit: a } = o;
	const rules: [boolean, string][] = [
		[a.acknowledged > 0, 'nothing was acknowledged'],
		[a.lost === 0, `${a.lost} acknowledged submission(s) lost`],
		[a.wrongReference === 0, `${a.wrongReference} stored under another reference`],
		[a.duplicated === 0, `${a.duplicated} report(s) filed twice`],
		[a.halfWritten === 0, `${a.halfWritten} half-written dossier(s)`],
		[s.refused === 0, `${s.refused} submission(s) refused: ${s.refusals.join(' / ')}`],
		[s.unfinished === 0, `${s.unfinished} submission(s) never acknowledged`],
		[s.serverErrors === 0, `${s.serverErrors} 5xx answer(s) other than 503`],
		[s.unavailableMalformed === 0, `${s.unavailableMalformed} 503(s) without Retry-After or JSON`],
		[o.replayMismatches === 0, `${o.replayMismatches} resend(s) got another answer`]
	];
	for (const [ok, text] of rules) if (!ok) o.failures.push(text);
	o.failures.push(...a.problems.map((p) => `  ${p}`));
}

function temporaryDir(name: string): string {
	const dir = mkdtempSync(join(tmpdir(), `loket-faults-${name}-`));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/** The app on a database of the throw-away cluster, checked there after a clean stop. */
function onCluster(
	cluster: Cluster,
	name: keyof typeof APP_PORT,
	options: { workers?: number; env?: Record<string, string>; files?: StoredFiles } = {}
) {
	const database = `loket_${name}`;
	cluster.createDatabase(database);
	const dataDir = temporaryDir(name);
	const app = createApp({
		port: APP_PORT[name],
		dataDir,
		databaseUrl: cluster.url(database),
		workers: options.workers,
		env: options.env
	});
	cleanups.push(() => app.crash());
	const check = async (stats: Stats) => {
		await app.stop();
		const db = postgresQuery(cluster.url(database));
		try {
			return await audit(db.query, options.files ?? localFiles(dataDir), stats.acknowledged);
		} finally {
			await db.close();
		}
	};
	return { app, check };
}

async function restartScenario(cluster: Cluster): Promise<Outcome> {
	const { app, check } = onCluster(cluster, 'restart');
	const outcome = await runScenario(
		'restart',
		app,
		async () => {
			const failures: string[] = [];
			for (const mode of ['fast', 'immediate'] as const) {
				await sleep(plan.loadSeconds);
				console.log(`[restart] PostgreSQL stop (${mode}), down for ${plan.outageSeconds} s`);
				const down = Date.now();
				cluster.stop(mode);
				failures.push(...(await probeOutage(app.base)));
				await sleep(Math.max(0, plan.outageSeconds - (Date.now() - down) / 1000));
				cluster.start();
				console.log('[restart] PostgreSQL is back');
			}
			return failures;
		},
		check
	);
	if (outcome.stats.unavailable === 0)
		outcome.failures.push('no 503 was seen while PostgreSQL was down');
	return outcome;
}

/** kill -9 of the app, then start it again on the same data; the clients resend meanwhile. */
async function crashRepeatedly(app: App, name: string, times: number): Promise<string[]> {
	for (let i = 1; i <= times; i++) {
		await sleep(plan.loadSeconds);
		console.log(`[${name}] kill -9 of the app (${i}/${times})`);
		await app.crash();
		await sleep(0.5);
		const restarting = Date.now();
		await app.start();
		console.log(
			`[${name}] the app is back after ${((Date.now() - restarting) / 1000).toFixed(1)} s`
		);
	}
	return [];
}

async function crashScenario(cluster: Cluster): Promise<Outcome> {
	const { app, check } = onCluster(cluster, 'crash');
	return runScenario('crash', app, (a) => crashRepeatedly(a, 'crash', plan.appCrashes), check);
}

async function workersScenario(cluster: Cluster): Promise<Outcome> {
	const workers = Number(args.workers);
	const s3 = await startS3Server('loket-faults');
	cleanups.push(() => s3.close());
	const client = s3.client();
	const { app, check } = onCluster(cluster, 'workers', {
		workers,
		env: {
			FILE_STORAGE: 's3',
			S3_BUCKET: s3.settings.bucket,
			S3_ENDPOINT: s3.settings.endpoint!,
			S3_REGION: s3.settings.region,
			S3_FORCE_PATH_STYLE: 'true',
			S3_ACCESS_KEY_ID: s3.settings.credentials!.accessKeyId,
			S3_SECRET_ACCESS_KEY: s3.settings.credentials!.secretAccessKey
		},
		files: bucketFiles(client, s3.settings.bucket, s3.directory)
	});
	return runScenario(
		`workers`,
		app,
		async (a) => {
			const failures: string[] = [];
			for (let i = 1; i <= plan.workerCrashes; i++) {
				await sleep(plan.loadSeconds);
				console.log(`[workers] kill -9 of worker ${a.crashWorker()} (${i}/${plan.workerCrashes})`);
			}
			await sleep(plan.loadSeconds);
			console.log(`[workers] PostgreSQL crash (immediate), down for ${plan.outageSeconds} s`);
			cluster.stop('immediate');
			await sleep(plan.outageSeconds);
			cluster.start();
			console.log('[workers] PostgreSQL is back');
			failures.push(...(await crashRepeatedly(a, 'workers', 1)));
			return failures;
		},
		check
	);
}

async function embeddedScenario(): Promise<Outcome> {
	const dataDir = temporaryDir('embedded');
	const app = createApp({ port: APP_PORT.embedded, dataDir, databaseUrl: '' });
	cleanups.push(() => app.crash());
	return runScenario(
		'embedded',
		app,
		(a) => crashRepeatedly(a, 'embedded', plan.embeddedCrashes),
		async (stats) => {
			// The last stop is a crash too: the check opens what a killed server left behind.
			await app.crash();
			const { PGlite } = await import('@electric-sql/pglite');
			const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
			const db = await PGlite.create(join(dataDir, 'pglite'), { extensions: { unaccent } });
			try {
				const query: Query = async (text) => (await db.query<Record<string, unknown>>(text)).rows;
				return await audit(query, localFiles(dataDir), stats.acknowledged);
			} finally {
				await db.close();
			}
		}
	);
}

function printTable(outcomes: Outcome[]): void {
	const rows = outcomes.map((o) => ({
		scenario: o.name,
		acknowledged: o.audit.acknowledged,
		found: o.audit.found,
		lost: o.audit.lost,
		duplicated: o.audit.duplicated,
		'half-written': o.audit.halfWritten,
		'503s': o.stats.unavailable,
		retries: o.stats.retries,
		'no answer': o.stats.networkErrors,
		'other 5xx': o.stats.serverErrors,
		'stored, never acked': o.audit.unacknowledged,
		'orphan files': o.audit.orphanFiles,
		resent: o.replayed,
		requests: o.stats.requests,
		seconds: o.seconds
	}));
	const columns = Object.keys(rows[0]);
	const widths = columns.map((c) =>
		Math.max(c.length, ...rows.map((r) => String(r[c as keyof typeof r]).length))
	);
	const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
	console.log(`\n${line(columns)}`);
	for (const r of rows) console.log(line(columns.map((c) => String(r[c as keyof typeof r]))));
}

async function main(): Promise<number> {
	const only = new Set(args.only.split(','));
	console.log(
		`Fault injection (${short ? 'short' : 'full'}): ${plan.clients} clients, ${plan.loadSeconds} s of load per phase`
	);
	if (!args['no-build']) {
		console.log('Building the app…');
		execSync('npm run build', { cwd: root, stdio: 'ignore' });
	} else if (!existsSync(join(root, 'build', 'index.js')))
		throw new Error('No build to run: run `npm run build` first, or leave out --no-build');
	const outcomes: Outcome[] = [];
	if (only.has('restart') || only.has('crash') || only.has('workers')) {
		const cluster = createCluster(PG_PORT);
		cleanups.push(() => cluster.destroy());
		if (only.has('restart')) outcomes.push(await restartScenario(cluster));
		if (only.has('crash')) outcomes.push(await crashScenario(cluster));
		if (only.has('workers')) outcomes.push(await workersScenario(cluster));
	}
	if (only.has('embedded')) outcomes.push(await embeddedScenario());
	printTable(outcomes);
	let failed = false;
	for (const o of outcomes)
		if (o.failures.length > 0) {
			failed = true;
			console.log(`\n[${o.name}] FAILED:\n  ${o.failures.join('\n  ')}`);
		}
	console.log(failed ? '\nFAIL' : '\nOK: nothing lost, doubled or half-written');
	return failed ? 1 : 0;
}

async function cleanUp(): Promise<void> {
	for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
}

process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
main()
	.then(async (code) => {
		await cleanUp();
		process.exit(code);
	})
	.catch(async (e: unknown) => {
		console.error(e);
		await cleanUp();
		process.exit(2);
	});

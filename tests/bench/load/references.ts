// The two references measured on the same machine in the same run: a bare Node `http` server
// answering a page of the same size as Loket's form page (in its own process, like Loket), and
// pgbench inserting a 1 kB jsonb row per transaction into a scratch table.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BARE_SERVER = `
const page = require('node:fs').readFileSync(process.argv[1]);
require('node:http')
	.createServer((req, res) => {
		req.resume();
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length });
		res.end(page);
	})
	.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('Listening'));
`;

/** Starts the bare server on 127.0.0.1:port, answering `page` to every request. */
export async function startBareServer(port: number, page: Buffer) {
	const file = join(mkdtempSync(join(tmpdir(), 'loket-load-')), 'page.html');
	writeFileSync(file, page);
	const server = spawn(process.execPath, ['-e', BARE_SERVER, file, String(port)], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		server.stdout.on('data', (d: Buffer) => String(d).includes('Listening') && resolve());
		server.on('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
	});
	return { base: `http://127.0.0.1:${port}`, pid: server.pid, stop: () => server.kill('SIGTERM') };
}

function findPgbench(): string {
	for (const dir of (process.env.PATH ?? '').split(':'))
		if (existsSync(join(dir, 'pgbench'))) return join(dir, 'pgbench');
	const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
	const found = versions
		.map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`)
		.filter((p) => existsSync(p))
		.pop();
	if (!found) throw new Error('pgbench not found (it comes with PostgreSQL)');
	return found;
}

const SCRIPT = `\\set n random(1, 1000000000)
insert into load_scratch (doc) values (jsonb_build_object('n', :n, 'text', repeat('x', 1000)));
`;

/** pgbench with `clients` connections for `seconds`: inserts per second and mean latency. */
export async function runPgbench(url: string, clients: number, seconds: number) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	await client.query(
		'create table if not exists load_scratch (id bigserial primary key, doc jsonb not null)'
	);
	await client.query('truncate load_scratch');
	const { rows } = await client.query<{ size: number }>(
		`select pg_column_size(jsonb_build_object('n', 123456789, 'text', repeat('x', 1000))) as size`
	);
	await client.end();
	const script = join(mkdtempSync(join(tmpdir(), 'loket-load-')), 'insert.sql');
	writeFileSync(script, SCRIPT);
	const u = new URL(url);
	const output = execFileSync(
		findPgbench(),
		['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script],
		{
			env: {
				...process.env,
				PGHOST: u.hostname,
				PGPORT: u.port || '5432',
				PGUSER: decodeURIComponent(u.username) || 'postgres',
				PGPASSWORD: decodeURIComponent(u.password),
				PGDATABASE: u.pathname.slice(1)
			},
			encoding: 'utf8'
		}
	);
	const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
	const latency = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1]);
	if (!Number.isFinite(tps)) throw new Error(`pgbench said:\n${output}`);
	return { tps, latency, rowBytes: rows[0].size };
}

/**
 * The CPU time a process has used (user + system, all its threads), from /proc: a figure that
 * holds when other work shares the machine, where rates and latencies do not.
 */
export function readCpuSeconds(pid: number | undefined): number {
	if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return NaN;
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime, stime in USER_HZ (100), and those of the cluster's workers (children still running).
	let seconds = (Number(fields[11]) + Number(fields[12])) / 100;
	const children = `/proc/${pid}/task/${pid}/children`;
	if (existsSync(children))
		for (const child of readFileSync(children, 'utf8').split(' ').filter(Boolean)) {
			const own = readCpuSeconds(Number(child));
			if (Number.isFinite(own)) seconds += own;
		}
	return seconds;
}

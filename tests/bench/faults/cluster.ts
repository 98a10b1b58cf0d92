// A throw-away PostgreSQL cluster of our own (initdb into a temporary directory, trust auth, its own
// port), so the fault benchmark can stop and restart PostgreSQL without touching the shared server.
// PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` OS user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

function findBinDir(): string {
	const base = '/usr/lib/postgresql';
	const versions = existsSync(base)
		? readdirSync(base)
				.filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) throw new Error(`No PostgreSQL server binaries under ${base}`);
	return join(base, versions[0], 'bin');
}

export type Cluster = {
	url: (database: string) => string;
	createDatabase: (name: string) => void;
	/** Stops the server: 'fast' rolls back open transactions, 'immediate' is a crash. */
	stop: (mode: 'fast' | 'immediate') => void;
	start: () => void;
	/** Stops the server and removes its directory. */
	destroy: () => void;
};

export function createCluster(port: number): Cluster {
	const bin = findBinDir();
	const dir = mkdtempSync(join(tmpdir(), 'loket-faults-pg-'));
	const data = join(dir, 'data');
	const asRoot = userInfo().uid === 0;
	if (asRoot) {
		const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
		const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
		chownSync(dir, Number(ids), Number(gid));
	}
	const run = (tool: string, args: string[]) => {
		const command = asRoot ? 'runuser' : join(bin, tool);
		const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
		const result = spawnSync(command, argv, { encoding: 'utf8' });
		if (result.status !== 0)
			throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
	};
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=50`;
	run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
	const start = () =>
		run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
	const stop = (mode: 'fast' | 'immediate') =>
		run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
	start();
	const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
	return {
		url,
		createDatabase: (name) => {
			const result = spawnSync(
				join(bin, 'createdb'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name],
				{ encoding: 'utf8' }
			);
			if (result.status !== 0) throw new Error(`createdb ${name} failed: ${result.stderr}`);
		},
		stop,
		start,
		destroy: () => {
			try {
				stop('immediate');
			} catch {
				// Already stopped.
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

// The app under test on a given database and data directory, which the fault scenarios stop hard
// (SIGKILL, no clean-up at all) and start again on the same data: `node build` (one process), or
// `npm start`'s cluster (src/cli/start.js) with `workers` workers, whose primary forks a worker
// again when one dies.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { launchServer } from '../harness';

export type App = {
	base: string;
	/** Starts the server (again) and resolves once it (every worker) listens. */
	start: () => Promise<void>;
	/** kill -9: no shutdown hook, no flush, the database left as it is (every process of the app). */
	crash: () => Promise<void>;
	/** SIGTERM: the server finishes its requests and closes the database. */
	stop: () => Promise<void>;
	/** kill -9 of one worker of the cluster; its primary starts another. Returns the worker's pid. */
	crashWorker: () => number;
	/** Lines the server wrote to stderr (errors it logged). */
	log: string[];
};

export function createApp(opts: {
	port: number;
	dataDir: string;
	databaseUrl: string;
	/** 0 or unset: `node build`; n: `npm start`'s cluster with WORKERS=n. */
	workers?: number;
	env?: Record<string, string>;
}): App {
	const base = `http://127.0.0.1:${opts.port}`;
	const log: string[] = [];
	const workers = opts.workers ?? 0;
	let child: ChildProcess | undefined;

	const exited = (proc: ChildProcess) =>
		new Promise<void>((resolve) => {
			if (proc.exitCode !== null || proc.signalCode !== null) resolve();
			else proc.once('exit', () => resolve());
		});

	/** The cluster's workers: the primary's child processes. */
	const workerPids = (): number[] => {
		if (!child?.pid) return [];
		try {
			return execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
				.split('\n')
				.filter(Boolean)
				.map(Number);
		} catch {
			return [];
		}
	};

	return {
		base,
		log,
		start: async () => {
			const { proc, listening } = launchServer({
				port: opts.port,
				dataDir: opts.dataDir,
				databaseUrl: opts.databaseUrl,
				workers,
				env: { HOST: '127.0.0.1', BODY_SIZE_LIMIT: '20M', ...opts.env },
				// Its own process group, so that a crash takes the primary and its workers at once.
				detached: true,
				stderr: 'pipe'
			});
			child = proc;
			proc.stderr?.on('data', (d: Buffer) => log.push(...String(d).trimEnd().split('\n')));
			try {
				await listening;
			} catch (e) {
				throw new Error(`${(e as Error).message}: ${log.slice(-5).join(' | ')}`, { cause: e });
			}
		},
		crash: async () => {
			if (!child?.pid) return;
			const pids = workerPids();
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
			await exited(child);
			// The workers are gone too before the app starts again on the same port.
			for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
		},
		stop: async () => {
			if (!child) return;
			child.kill('SIGTERM');
			await exited(child);
		},
		crashWorker: () => {
			const pids = workerPids();
			if (pids.length === 0) throw new Error('no worker to kill: is the app a cluster?');
			const pid = pids[Math.floor(Math.random() * pids.length)];
			process.kill(pid, 'SIGKILL');
			return pid;
		}
	};
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

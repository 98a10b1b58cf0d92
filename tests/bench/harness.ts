// What the benchmarks share: loading server modules through Vite (so $lib and $env resolve as
// in the app), starting the built server on a fresh embedded database, and percentiles.
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';

export const root = join(import.meta.dirname, '..', '..');

/** A Vite server in middleware mode, to `load('/src/lib/…')` modules as the app does. */
export async function openModuleLoader(): Promise<{
	vite: ViteDevServer;
	load: <T>(path: string) => Promise<T>;
}> {
	const vite = await createServer({
		server: { middlewareMode: true, hmr: false, ws: false },
		appType: 'custom',
		logLevel: 'error'
	});
	return { vite, load: <T>(path: string) => vite.ssrLoadModule(path) as Promise<T> };
}

/**
 * Spawns the built server (`node build`), or with `workers` `npm start`'s cluster
 * (src/cli/start.js, WORKERS=n), on 127.0.0.1:port; `listening` resolves once every worker says it
 * listens and rejects when the server exits first or is not listening within `timeoutMs`. `entry`
 * starts another file instead (an older build, the profiling wrapper).
 */
export function launchServer(opts: {
	port: number | string;
	dataDir: string;
	databaseUrl: string;
	workers?: number;
	entry?: string;
	env?: Record<string, string>;
	/** Its own process group (the fault scenarios kill the primary and its workers at once). */
	detached?: boolean;
	stderr: 'inherit' | 'pipe' | number;
	timeoutMs?: number;
}): { proc: ChildProcess; base: string; listening: Promise<void> } {
	const base = `http://127.0.0.1:${opts.port}`;
	const workers = opts.workers ?? 0;
	const entry = opts.entry ?? (workers ? join('src', 'cli', 'start.js') : 'build');
	const proc = spawn(process.execPath, [entry], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(opts.port),
			ORIGIN: base,
			DATA_DIR: opts.dataDir,
			DATABASE_URL: opts.databaseUrl,
			...(workers ? { WORKERS: String(workers) } : {}),
			...opts.env
		},
		detached: opts.detached ?? false,
		stdio: ['ignore', 'pipe', opts.stderr]
	});
	const listening = new Promise<void>((resolve, reject) => {
		const timeout = opts.timeoutMs ?? 180_000;
		const timer = setTimeout(
			() => reject(new Error(`server did not start in ${timeout / 1000} s`)),
			timeout
		);
		let count = 0;
		proc.stdout?.on('data', (d: Buffer) => {
			count += String(d).split('Listening').length - 1;
			if (count >= Math.max(1, workers)) {
				clearTimeout(timer);
				resolve();
			}
		});
		proc.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`server exited (${code ?? signal})`));
		});
	});
	return { proc, base, listening };
}

/**
 * Builds the app (unless told not to) and starts `node build` on 127.0.0.1:port with a fresh
 * data directory (the embedded database unless DATABASE_URL is set); resolves once it listens.
 * With `workers`, starts `npm start`'s entry (src/cli/start.js) with WORKERS=n instead and resolves
 * once every worker listens. The server's stderr goes to ours, or to the file `log` when given.
 */
export async function startBuiltServer(opts: {
	port: string;
	build: boolean;
	name: string;
	log?: string;
	workers?: number;
}) {
	if (opts.build) execSync('npm run build', { cwd: root, stdio: 'ignore' });
	const { proc, base, listening } = launchServer({
		port: opts.port,
		dataDir: mkdtempSync(join(tmpdir(), `loket-${opts.name}-`)),
		databaseUrl: process.env.DATABASE_URL ?? '',
		workers: opts.workers,
		stderr: opts.log ? openSync(opts.log, 'a') : 'inherit'
	});
	await listening;
	return { base, pid: proc.pid, stop: () => proc.kill('SIGTERM') };
}

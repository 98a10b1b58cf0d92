// What the benchmarks share: loading server modules through Vite (so $lib and $env resolve as
// in the app), starting the built server on a fresh embedded database, and percentiles.
import { execSync, spawn } from 'node:child_process';
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
	const base = `http://127.0.0.1:${opts.port}`;
	const entry = opts.workers ? join(root, 'src', 'cli', 'start.js') : 'build';
	const server = spawn(process.execPath, [entry], {
		cwd: root,
		env: {
			...process.env,
			PORT: opts.port,
			ORIGIN: base,
			DATA_DIR: mkdtempSync(join(tmpdir(), `loket-${opts.name}-`)),
			DATABASE_URL: process.env.DATABASE_URL ?? '',
			...(opts.workers ? { WORKERS: String(opts.workers) } : {})
		},
		stdio: ['ignore', 'pipe', opts.log ? openSync(opts.log, 'a') : 'inherit']
	});
	let listening = 0;
	await new Promise<void>((resolve, reject) => {
		server.stdout?.on('data', (d: Buffer) => {
			listening += (String(d).match(/Listening/g) ?? []).length;
			if (listening >= (opts.workers ?? 1)) resolve();
		});
		server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
	});
	return { base, pid: server.pid, stop: () => server.kill('SIGTERM') };
}

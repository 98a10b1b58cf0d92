// The app under test: `node build` on a given database and data directory, which the fault
// scenarios stop hard (SIGKILL, no clean-up at all) and start again on the same data.
import { spawn, type ChildProcess } from 'node:child_process';
import { root } from '../harness';

export type App = {
	base: string;
	/** Starts the server (again) and resolves once it listens. */
	start: () => Promise<void>;
	/** kill -9: no shutdown hook, no flush, the database left as it is. */
	crash: () => Promise<void>;
	/** SIGTERM: the server finishes its requests and closes the database. */
	stop: () => Promise<void>;
	/** Lines the server wrote to stderr (errors it logged). */
	log: string[];
};

export function createApp(opts: { port: number; dataDir: string; databaseUrl: string }): App {
	const base = `http://127.0.0.1:${opts.port}`;
	const log: string[] = [];
	let child: ChildProcess | undefined;

	const exited = (proc: ChildProcess) =>
		new Promise<void>((resolve) => {
			if (proc.exitCode !== null || proc.signalCode !== null) resolve();
			else proc.once('exit', () => resolve());
		});

	return {
		base,
		log,
		start: () => {
			const proc = spawn(process.execPath, ['build'], {
				cwd: root,
				env: {
					...process.env,
					PORT: String(opts.port),
					HOST: '127.0.0.1',
					ORIGIN: base,
					BODY_SIZE_LIMIT: '20M',
					DATA_DIR: opts.dataDir,
					DATABASE_URL: opts.databaseUrl
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			child = proc;
			proc.stderr?.on('data', (d: Buffer) => log.push(...String(d).trimEnd().split('\n')));
			return new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('server did not start in 180 s')), 180_000);
				proc.stdout?.on('data', (d: Buffer) => {
					if (String(d).includes('Listening')) {
						clearTimeout(timer);
						resolve();
					}
				});
				proc.once('exit', (code, signal) => {
					clearTimeout(timer);
					reject(new Error(`server exited (${code ?? signal}): ${log.slice(-5).join(' | ')}`));
				});
			});
		},
		crash: async () => {
			if (!child) return;
			child.kill('SIGKILL');
			await exited(child);
		},
		stop: async () => {
			if (!child) return;
			child.kill('SIGTERM');
			await exited(child);
		}
	};
}

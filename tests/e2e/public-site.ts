// A second Loket server that believes it is the public site https://loket.example (ORIGIN), on a
// free local port and a fresh embedded database: how the headers and cookies look outside
// localhost, which the suite's own server (ORIGIN http://localhost) cannot show.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PUBLIC_ORIGIN = 'https://loket.example';
const root = join(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

export type PublicSite = { url: string; stop: () => void };

/** Starts the site, with one account made from the shell first (as users.ts does). */
export async function startPublicSite(account?: {
	email: string;
	password: string;
}): Promise<PublicSite> {
	const port = await freePort();
	const env = {
		PATH: process.env.PATH ?? '',
		HOME: process.env.HOME ?? '',
		DATA_DIR: mkdtempSync(join(tmpdir(), 'loket-public-')),
		PORT: String(port),
		ORIGIN: PUBLIC_ORIGIN
	};
	if (account)
		execFileSync(
			'npm',
			[
				'run',
				'-s',
				'user:add',
				'--',
				'--email',
				account.email,
				'--password',
				account.password,
				'--role',
				'citizen'
			],
			{ cwd: root, env, stdio: 'pipe' }
		);
	const child = spawn(process.execPath, ['build'], { cwd: root, env });
	await new Promise<void>((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => reject(new Error(`no start within 150 s:\n${output}`)), 150_000);
		const listen = (d: Buffer) => {
			output += String(d);
			if (output.includes('Listening')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout.on('data', listen);
		child.stderr.on('data', listen);
		child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
	});
	return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

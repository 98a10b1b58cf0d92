// The server as an operator meets it: a health check, and start-up failures that explain
// themselves in one line instead of corrupting data or printing a stack trace.
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const root = join(import.meta.dirname, '..', '..');

function startServer(
	env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['build'], {
			cwd: root,
			env: { PATH: process.env.PATH ?? '', PORT: '4999', ...env }
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, output });
		});
	});
}

test('/healthz reports a reachable database', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toMatchObject({
		ok: true,
		database: process.env.DATABASE_URL ? 'postgres' : 'pglite'
	});
	expect(response.headers()['cache-control']).toBe('no-store');
});

/** The raw bytes and headers of a GET, without the decompression fetch would do. */
function getRaw(url: string, headers: Record<string, string>) {
	return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
		(resolve, reject) =>
			get(url, { headers }, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (c: Buffer) => chunks.push(c));
				response.on('end', () =>
					resolve({ headers: response.headers, body: Buffer.concat(chunks) })
				);
			}).on('error', reject)
	);
}

test('pages are sent compressed to browsers that accept it, and plain to those that do not', async ({
	baseURL
}) => {
	const br = await getRaw(`${baseURL}/`, { 'accept-encoding': 'gzip, deflate, br' });
	expect(br.headers['content-encoding']).toBe('br');
	expect(br.headers['vary']).toContain('Accept-Encoding');
	const html = brotliDecompressSync(br.body).toString();
	expect(html).toContain('</html>');
	expect(br.body.length).toBeLessThan(html.length / 3);

	const gzip = await getRaw(`${baseURL}/`, { 'accept-encoding': 'gzip' });
	expect(gzip.headers['content-encoding']).toBe('gzip');
	expect(gunzipSync(gzip.body).toString()).toContain('</html>');

	const plain = await getRaw(`${baseURL}/`, {});
	expect(plain.headers['content-encoding']).toBeUndefined();
	expect(plain.body.toString()).toContain('</html>');

	// Built scripts come precompressed from the build, served by the adapter as they are.
	const script = html.match(/\/_app\/immutable\/[^"]+\.js/)?.[0];
	expect(script).toBeTruthy();
	const asset = await getRaw(`${baseURL}${script}`, { 'accept-encoding': 'br' });
	expect(asset.headers['content-encoding']).toBe('br');
});

test('a second server on the same embedded database stops at once with a clear message', async () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'loket-lock-'));
	const first = spawn(process.execPath, ['build'], {
		cwd: root,
		env: { PATH: process.env.PATH ?? '', PORT: '4998', DATA_DIR: dataDir }
	});
	try {
		await new Promise<void>((resolve, reject) => {
			first.stdout.on('data', (d: Buffer) => String(d).includes('Listening') && resolve());
			first.on('exit', (code) => reject(new Error(`first server exited with ${code}`)));
		});
		const { code, output } = await startServer({ DATA_DIR: dataDir });
		expect(code).toBe(1);
		expect(output.trim()).toBe(
			`Loket cannot start: The embedded database in ${dataDir} is in use by another Loket process (pid ${first.pid}). Stop that process first, or set DATABASE_URL to use a PostgreSQL server.`
		);
	} finally {
		first.kill('SIGTERM');
	}
});

test('an unreachable PostgreSQL server gives one clear line, without the password', async () => {
	const { code, output } = await startServer({
		DATABASE_URL: 'postgres://loket:geheim@127.0.0.1:1/loket'
	});
	expect(code).toBe(1);
	expect(output.trim().split('\n')).toEqual([
		'Loket cannot start: Cannot connect to PostgreSQL at postgres://loket:***@127.0.0.1:1/loket: connect ECONNREFUSED 127.0.0.1:1. Check DATABASE_URL and that the server is running.'
	]);
});

test('a malformed DATABASE_URL or PORT is named in one line', async () => {
	const { code, output } = await startServer({ DATABASE_URL: 'mysql://x', PORT: 'tachtig' });
	expect(code).toBe(1);
	expect(output.trim()).toBe(
		'Loket cannot start: Invalid configuration: DATABASE_URL must be a postgres:// URL such as postgres://user:password@host:5432/loket; PORT Invalid input: expected number, received NaN'
	);
});

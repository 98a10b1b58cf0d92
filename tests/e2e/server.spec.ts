// The server as an operator meets it: a health check, start-up failures that explain themselves
// in one line instead of corrupting data or printing a stack trace, and the security headers.
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { startPublicSite } from './public-site';
import { logIn } from './users';

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

test('a broken identity providers file stops the start, not the first sign-in', async () => {
	const file = join(mkdtempSync(join(tmpdir(), 'loket-oidc-')), 'providers.json');
	writeFileSync(file, JSON.stringify([{ id: 'acm' }]));
	const { code, output } = await startServer({
		DATA_DIR: mkdtempSync(join(tmpdir(), 'loket-data-')),
		OIDC_PROVIDERS_FILE: file
	});
	expect(code).toBe(1);
	expect(output).toMatch(/^Loket cannot start: Invalid OIDC_PROVIDERS_FILE:\n {2}- providers\.0\./);
	expect(output).not.toContain(' at ');
});

test.describe('security headers', () => {
	/** The CSP's directives by name, e.g. `script-src` → `['self', 'nonce-…']`. */
	function directives(csp: string | undefined): Map<string, string[]> {
		const entries = (csp ?? '')
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter(([name]) => name);
		return new Map(entries.map(([name, ...values]) => [name, values]));
	}

	test('public, citizen and back-office pages carry the CSP and the other headers; no HSTS on localhost', async ({
		page
	}) => {
		await logIn(page, 'staff');
		for (const path of ['/', '/dossiers', '/backoffice']) {
			const response = await page.request.get(path, { maxRedirects: 0 });
			expect(response.status(), path).toBe(200);
			const headers = response.headers();
			const csp = directives(headers['content-security-policy']);
			expect(csp.get('script-src'), path).toContain("'self'");
			expect(csp.get('script-src'), path).not.toContain("'unsafe-inline'");
			expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
			expect(csp.get('object-src'), path).toEqual(["'none'"]);
			// Forms go to this site, and on from it only to the identity provider (test-provider.ts).
			expect(csp.get('form-action'), path).toEqual([
				"'self'",
				`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173) + 3}`
			]);
			expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
			expect(headers['permissions-policy'], path).toBe(
				'camera=(self), geolocation=(self), microphone=()'
			);
			expect(headers['x-content-type-options'], path).toBe('nosniff');
			expect(headers['x-frame-options'], path).toBe('DENY');
			// The suite's server is http://localhost: no HSTS, which would pin every local app to HTTPS.
			expect(headers['strict-transport-security'], path).toBeUndefined();
		}
	});

	test('outside localhost every response asks for HTTPS for a year (HSTS)', async ({ request }) => {
		test.setTimeout(240_000);
		const site = await startPublicSite();
		try {
			for (const path of ['/', '/aanmelden', '/healthz', '/niet-hier']) {
				const response = await request.get(`${site.url}${path}`, { maxRedirects: 0 });
				expect(response.headers()['strict-transport-security'], path).toBe(
					'max-age=31536000; includeSubDomains'
				);
			}
		} finally {
			site.stop();
		}
	});
});

test.describe('cross-site form posts', () => {
	const elsewhere = 'https://elders.example';

	test('the citizen forms refuse them, in every form encoding, as SvelteKit does', async ({
		page,
		request,
		baseURL
	}) => {
		await logIn(page, 'citizen');
		const origin = new URL(baseURL!).origin;
		const forms = ['/aanmelden', '/p/melding-openbaar-domein/aanvragen', '/dossiers', '/taal'];
		for (const path of forms)
			for (const [how, body] of [
				['url-encoded', { form: { email: 'x@example.be', password: 'x' } }],
				['multipart', { multipart: { email: 'x@example.be', password: 'x' } }],
				['text/plain', { data: 'email=x', headers: { 'content-type': 'text/plain' } }]
			] as const) {
				const forged = await page.request.post(path, {
					...body,
					headers: { ...('headers' in body ? body.headers : {}), origin: elsewhere },
					maxRedirects: 0
				});
				expect(forged.status(), `${how} ${path}`).toBe(403);
				expect(forged.headers()['content-type'], path).toContain('text/plain');
				expect(await forged.text()).toBe('Cross-site POST form submissions are forbidden');
			}
		// A script asking for JSON gets the same refusal in JSON; no Origin at all is refused too.
		const json = await page.request.post('/aanmelden', {
			form: { email: 'x' },
			headers: { origin: elsewhere, accept: 'application/json' }
		});
		expect(json.status()).toBe(403);
		expect(await json.json()).toEqual({
			message: 'Cross-site POST form submissions are forbidden'
		});
		const noOrigin = await fetch(`${origin}/aanmelden`, {
			method: 'POST',
			body: new URLSearchParams({ email: 'x' })
		});
		expect(noOrigin.status).toBe(403);
		// From the site itself the same post is an ordinary (refused) login, not a 403.
		const own = await request.post('/aanmelden', {
			form: { email: 'x@example.be', password: 'fout wachtwoord' },
			headers: { origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(own.status()).toBe(400);
	});

	test('the API answers a form body itself: a problem in JSON, never the cross-site 403', async ({
		request
	}) => {
		for (const path of ['/api/v1/dossiers', '/api/v1/dossiers/2026-000001/messages']) {
			const response = await request.post(path, {
				form: { body: 'x' },
				headers: { origin: elsewhere, authorization: 'Bearer loket_onbekend' }
			});
			// No valid token here: 401 (the 415 with a token is in tests/integration/api.test.ts).
			expect(response.status(), path).toBe(401);
			expect(response.headers()['content-type']).toBe('application/problem+json');
		}
	});
});

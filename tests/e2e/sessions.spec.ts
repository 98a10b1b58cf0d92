// Sessions as an attacker would probe them: the cookie's flags, a session value planted before
// login, a cookie replayed after logging out or after "sign out everywhere", an expired session;
// and bodies over BODY_SIZE_LIMIT sent to the login and to the device endpoint.
import { expect, request as newRequest, test, type Page } from '@playwright/test';
import pg from 'pg';
import { expectAccessible } from './axe';
import { PUBLIC_ORIGIN, startPublicSite } from './public-site';
import { E2E_PASSWORD, e2eUsers, logIn } from './users';

const SESSION = 'session';

async function sessionToken(page: Page): Promise<string | undefined> {
	const cookies = await page.context().cookies();
	return cookies.find((c) => c.name === SESSION)?.value;
}

/** GET /mijn-account with only this session cookie, as someone who copied it would send it. */
async function replay(baseURL: string, token: string): Promise<number> {
	const context = await newRequest.newContext({ baseURL });
	try {
		const response = await context.get('/mijn-account', {
			headers: { cookie: `${SESSION}=${token}` },
			maxRedirects: 0
		});
		return response.status();
	} finally {
		await context.dispose();
	}
}

test('the session cookie is HttpOnly, SameSite=Lax, for the whole site; not Secure on http://localhost', async ({
	page
}) => {
	const loginResponse = page.waitForResponse(
		(r) => r.url().includes('/aanmelden') && r.request().method() === 'POST'
	);
	await logIn(page, 'staff');
	const setCookie = (await (await loginResponse).headerValue('set-cookie')) ?? '';
	const header = setCookie.split('\n').find((c) => c.startsWith(`${SESSION}=`)) ?? '';
	expect(header).toMatch(/^session=[a-z2-7]{32};/);
	const attributes = header.split(';').map((a) => a.trim().toLowerCase());
	expect(attributes).toContain('httponly');
	expect(attributes).toContain('samesite=lax');
	expect(attributes).toContain('path=/');
	expect(attributes.some((a) => a.startsWith('expires='))).toBe(true);
	// SvelteKit leaves Secure off only for http://localhost, so development works over plain http.
	expect(attributes).not.toContain('secure');

	const [cookie] = (await page.context().cookies()).filter((c) => c.name === SESSION);
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
	// Thirty days, as the session in the database.
	expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);
	await expectAccessible(page);
});

test('outside localhost the session cookie is Secure as well', async () => {
	test.setTimeout(300_000);
	const account = { email: 'burger@loket.example', password: E2E_PASSWORD };
	const site = await startPublicSite(account);
	const context = await newRequest.newContext({ baseURL: site.url });
	try {
		const response = await context.post('/aanmelden', {
			form: account,
			headers: { origin: PUBLIC_ORIGIN, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		const header =
			response
				.headersArray()
				.filter((h) => h.name.toLowerCase() === 'set-cookie')
				.map((h) => h.value)
				.find((v) => v.startsWith(`${SESSION}=`)) ?? '';
		const attributes = header.split(';').map((a) => a.trim().toLowerCase());
		expect(attributes).toEqual(
			expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure'])
		);
	} finally {
		await context.dispose();
		site.stop();
	}
});

test('a session value planted before login is not the one in use after it', async ({
	page,
	baseURL
}) => {
	const planted = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
	await page.context().addCookies([{ name: SESSION, value: planted, url: baseURL! }]);
	await logIn(page, 'staff');
	const token = await sessionToken(page);
	expect(token).toMatch(/^[a-z2-7]{32}$/);
	expect(token).not.toBe(planted);
	// The planted value opens nothing; the one the login issued does.
	expect(await replay(baseURL!, planted)).toBe(303);
	expect(await replay(baseURL!, token!)).toBe(200);
});

test('logging out ends the session on the server: the old cookie replayed is refused', async ({
	page,
	baseURL
}) => {
	await logIn(page, 'staff');
	const token = (await sessionToken(page))!;
	expect(await replay(baseURL!, token)).toBe(200);

	await page.getByRole('button', { name: 'Afmelden' }).click();
	await expect(page.getByRole('link', { name: 'Aanmelden' })).toBeVisible();
	expect(await sessionToken(page)).toBeUndefined();
	expect(await replay(baseURL!, token)).toBe(303);
	await expectAccessible(page);
});

test('"sign out everywhere" on the account page ends the sessions in other browsers too', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const here = await browser.newContext();
	const there = await browser.newContext();
	try {
		const page = await here.newPage();
		const other = await there.newPage();
		await logIn(page, 'clerk');
		await logIn(other, 'clerk');
		const otherToken = (await sessionToken(other))!;

		await page.goto('/mijn-account');
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Overal afmelden' }).click();
		await expect(page).toHaveURL('/aanmelden');
		await expect(
			page.getByRole('status').filter({ hasText: 'U bent op al uw toestellen afgemeld.' })
		).toBeVisible();
		await expectAccessible(page);
		await page.goto('/mijn-account');
		await expect(page).toHaveURL(/\/aanmelden\?next=%2Fmijn-account$/);

		// The other browser is signed out at its next request, and its cookie opens nothing.
		await other.goto('/mijn-account');
		await expect(other).toHaveURL(/\/aanmelden\?next=%2Fmijn-account$/);
		await expect(other.getByRole('link', { name: 'Aanmelden' })).toBeVisible();
		expect(await replay(baseURL!, otherToken)).toBe(303);
	} finally {
		await here.close();
		await there.close();
	}
});

test('an expired session is refused and its cookie removed', async ({ page, baseURL }) => {
	// The suite's embedded database is held by the server; on PostgreSQL the test can reach it.
	test.skip(!process.env.DATABASE_URL, 'needs DATABASE_URL to change the session in the database');
	await logIn(page, 'staff');
	const token = (await sessionToken(page))!;
	const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
	await client.connect();
	try {
		// The session id is the SHA-256 of the token (see session.ts).
		const { rowCount } = await client.query(
			`update user_session set expires_at = now() - interval '1 minute'
			 where id = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
			[token]
		);
		expect(rowCount).toBe(1);
	} finally {
		await client.end();
	}
	const response = await page.request.get('/mijn-account', { maxRedirects: 0 });
	expect(response.status()).toBe(303);
	expect(response.headers().location).toBe('/aanmelden?next=%2Fmijn-account');
	expect(response.headers()['set-cookie']).toMatch(/^session=;.*Max-Age=0/m);
	expect(await replay(baseURL!, token)).toBe(303);
});

test.describe('bodies over BODY_SIZE_LIMIT (20M in the tests)', () => {
	const huge = 'x'.repeat(21 * 1024 * 1024);

	test('the login answers 413 with a message, not a server error', async ({ page, baseURL }) => {
		const response = await page.request.post('/aanmelden', {
			form: { email: e2eUsers.staff.email, password: huge },
			headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(413);
		expect(response.headers()['content-type']).toContain('text/html');
		const html = await response.text();
		expect(html).toContain(
			'Wat u verstuurde is te groot om te ontvangen. Verstuur minder of kleinere bestanden, of minder tekst, en probeer het opnieuw.'
		);
		expect(html).not.toContain('Internal error');
	});

	test('the device endpoint answers 413 with a message in JSON', async ({ page, baseURL }) => {
		const form = new FormData();
		form.set('mode', 'save');
		form.set('answers', '{}');
		form.set('file:groot', new File([huge], 'groot.pdf', { type: 'application/pdf' }));
		const response = await page.request.post('/p/afvalcontainer/aanvragen/verzenden', {
			multipart: form,
			headers: { origin: new URL(baseURL!).origin, accept: 'application/json' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(413);
		expect(await response.json()).toEqual({
			message:
				'Wat u verstuurde is te groot om te ontvangen. Verstuur minder of kleinere bestanden, of minder tekst, en probeer het opnieuw.'
		});
	});
});

// Addresses that moved to Dutch (src/lib/moved-paths.ts) keep working: a link in a mail sent
// before the move, a bookmark with its query, a form on a page opened before the update and a
// phone whose offline queue still runs the old code all reach the new address through a
// 308 Permanent Redirect, which keeps the method and the body. Only whole segments moved.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { png } from './filing-helpers';
import { waitForMail } from './mail';
import { e2eUsers, E2E_PASSWORD } from './users';

test.describe.configure({ timeout: 120_000 });

const origin = (page: Page) => new URL(page.url()).origin;

/** The answer to one request, not followed. */
async function ask(page: Page, method: string, path: string, form?: Record<string, string>) {
	const response = await page.request.fetch(path, {
		method,
		form,
		headers: { origin: origin(page), accept: 'text/html' },
		maxRedirects: 0
	});
	return { status: response.status(), location: response.headers()['location'] };
}

test('a confirmation link in a mail sent before the move still confirms the address', async ({
	page
}) => {
	const email = `oude-link-${Date.now()}@example.be`;
	await page.goto('/registreren', { waitUntil: 'networkidle' });
	await page.getByLabel('Naam').fill('Otto Oud');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Kies een wachtwoord').fill('een link van voor de verhuizing');
	await page.getByRole('button', { name: 'Account aanmaken' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in uw mailbox');
	const link = (await waitForMail(email, { subject: /bevestig/i })).links.find((l) =>
		l.includes('/bevestigen/')
	);
	expect(link).toBeTruthy();
	// The same link as the old mail had it.
	const old = new URL(link!);
	const token = old.pathname.split('/').pop() ?? '';
	old.pathname = `/verify/${token}`;

	expect(await ask(page, 'GET', old.pathname)).toEqual({
		status: 308,
		location: `/bevestigen/${token}`
	});
	await page.goto(old.href);
	await expect(page).toHaveURL(`/bevestigen/${token}`);
	await expectAccessible(page);
	await page.getByLabel('Uw wachtwoord').fill('een link van voor de verhuizing');
	await page.getByRole('button', { name: 'Bevestig mijn e-mailadres' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw e-mailadres is bevestigd');
	await expect(page.getByRole('banner')).toContainText('Otto Oud');
});

test('an old bookmark keeps its query: /login?next=/dossiers signs in and returns to /dossiers', async ({
	page
}) => {
	await page.goto('/');
	expect(await ask(page, 'GET', '/login?next=/dossiers')).toEqual({
		status: 308,
		location: '/aanmelden?next=/dossiers'
	});
	await page.goto('/login?next=/dossiers');
	await expect(page).toHaveURL('/aanmelden?next=/dossiers');
	await page.getByLabel('E-mailadres').fill(e2eUsers.citizen.email);
	await page.getByLabel('Wachtwoord').fill(E2E_PASSWORD);
	await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
	await expect(page).toHaveURL('/dossiers');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn dossiers');
});

test('every old address answers 308 to the new one, for GET and POST; only whole segments moved', async ({
	page
}) => {
	await page.goto('/');
	for (const [method, from, to] of [
		['GET', '/register?next=%2Fp%2Fklacht', '/registreren?next=%2Fp%2Fklacht'],
		['GET', '/reset/t0k-en_1', '/wachtwoord-vergeten/t0k-en_1'],
		['GET', '/invite/t0k-en_1', '/uitnodiging/t0k-en_1'],
		['GET', '/setup', '/installeren'],
		['GET', '/account', '/mijn-account'],
		['GET', '/account/closed', '/mijn-account/afgesloten'],
		['GET', '/p/klacht/apply', '/p/klacht/aanvragen'],
		[
			'GET',
			'/p/klacht/apply/uw-klacht?terug=controle',
			'/p/klacht/aanvragen/uw-klacht?terug=controle'
		],
		['GET', '/backoffice/overzicht?from=2026-01-01', '/backoffice/overview?from=2026-01-01'],
		[
			'GET',
			'/backoffice/overzicht.csv?from=2026-01-01',
			'/backoffice/overview.csv?from=2026-01-01'
		],
		['POST', '/logout', '/afmelden'],
		['POST', '/verify', '/bevestigen'],
		['POST', '/p/klacht/apply/controle?/submit', '/p/klacht/aanvragen/controle?/submit']
	] as const)
		expect(await ask(page, method, from, method === 'POST' ? { a: 'b' } : undefined), from).toEqual(
			{ status: 308, location: to }
		);
	// A page still running the old code navigates in the browser by asking for the data only: kit's
	// own redirect answer, which its router follows.
	const data = await page.request.get('/account/__data.json?x-sveltekit-invalidated=01', {
		maxRedirects: 0
	});
	expect(await data.json()).toEqual({ type: 'redirect', location: '/mijn-account' });
	for (const path of ['/loginx', '/accounts', '/p/klacht/apply-iets', '/backoffice/overzichten'])
		expect((await ask(page, 'GET', path)).status, path).toBe(404);
	// A forged post to an old address is refused there, as at the new one.
	const forged = await page.request.post('/login', {
		form: { email: 'x', password: 'y' },
		headers: { origin: 'https://elders.example', accept: 'text/html' },
		maxRedirects: 0
	});
	expect(forged.status()).toBe(403);
});

test('a login form on a page from before the move posts through the redirect and signs in', async ({
	page
}) => {
	await page.goto('/');
	// The old page's form, as the browser has it: a plain POST to /login.
	await page.evaluate(
		({ email, password }) => {
			const form = document.createElement('form');
			form.method = 'POST';
			form.action = '/login';
			for (const [name, value] of Object.entries({ email, password })) {
				const input = document.createElement('input');
				input.name = name;
				input.value = value;
				form.append(input);
			}
			document.body.append(form);
			form.submit();
		},
		{ email: e2eUsers.otherCitizen.email, password: E2E_PASSWORD }
	);
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('banner')).toContainText(e2eUsers.otherCitizen.name);
});

test('a phone whose queue still posts to /p/<id>/apply/verzenden files once, whatever the retries', async ({
	page
}) => {
	await page.goto('/');
	const submissionId = crypto.randomUUID();
	// What the old lib/device/send.ts posts, with fetch's default redirect handling.
	const send = () =>
		page.evaluate(
			async ({ submissionId, photo }) => {
				const body = new FormData();
				body.set('mode', 'submit');
				body.set('submissionId', submissionId);
				body.set(
					'answers',
					JSON.stringify({
						categorie: 'wegdek',
						omschrijving: 'Put in het wegdek, gemeld door een oude telefoon.',
						locatieAdres: {
							street: 'Kerkstraat',
							number: '12',
							postcode: '9000',
							municipality: 'Gent'
						},
						fotos: [{ id: 'foto-1', name: 'put.png', size: photo.length, type: 'image/png' }],
						terugkoppeling: false
					})
				);
				const bytes = Uint8Array.from(photo);
				body.append('file:foto-1', new Blob([bytes], { type: 'image/png' }), 'put.png');
				const response = await fetch('/p/melding-openbaar-domein/apply/verzenden', {
					method: 'POST',
					body,
					credentials: 'same-origin',
					headers: { accept: 'application/json' }
				});
				return {
					status: response.status,
					redirected: response.redirected,
					path: new URL(response.url).pathname,
					reply: (await response.json()) as { status?: string; reference?: string }
				};
			},
			{ submissionId, photo: [...png] }
		);
	const first = await send();
	expect(first).toMatchObject({
		status: 200,
		redirected: true,
		path: '/p/melding-openbaar-domein/aanvragen/verzenden',
		reply: { status: 'filed' }
	});
	expect(first.reply.reference).toMatch(/^\d{4}-\d{6}$/);
	// The retry (no answer seen, the queue sends again): the same dossier, not a second one.
	const again = await send();
	expect(again).toMatchObject({ status: 200, redirected: true, reply: { status: 'filed' } });
	expect(again.reply.reference).toBe(first.reply.reference);
});

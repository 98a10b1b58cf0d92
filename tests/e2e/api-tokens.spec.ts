// An admin gives another system access to the API: makes a read token (after a refused first
// try), sees it once, and the system uses it; the admin finds the call in the token's audit trail
// and revokes the token, after which the same call is refused. Staff members cannot manage tokens.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { errorSummary } from './filing-helpers';
import { logIn, type E2eUser } from './users';

test.describe.configure({ timeout: 120_000 });

/** `logIn`, tried again when the form was posted before the page's script had loaded. */
async function signIn(page: Page, who: E2eUser): Promise<void> {
	await expect(async () => logIn(page, who)).toPass({ timeout: 60_000 });
}

test('an admin makes a read token, sees it once, the system uses it, and the admin revokes it', async ({
	page,
	request
}) => {
	const name = `Mid-office ${Date.now()}`;
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await signIn(page, 'admin');
	await page.goto('/backoffice');
	await page
		.getByRole('navigation', { name: 'Back-office' })
		.getByRole('link', { name: 'API-tokens', exact: true })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('API-tokens');
	await expectAccessible(page);

	// Nothing filled in: both refusals, in the summary and next to their fields.
	const create = page.getByRole('button', { name: 'Token aanmaken' });
	await create.click();
	await expect(errorSummary(page).getByRole('link')).toHaveText([
		'Vul een naam in.',
		'Kies de toegang van het token.'
	]);
	await expect(page.getByLabel('Naam')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Naam')).toHaveAccessibleDescription(/Vul een naam in\./);
	await expect(page.getByRole('group', { name: 'Toegang' })).toHaveAccessibleDescription(
		/Kies de toegang van het token\./
	);
	await expectAccessible(page);

	// A name but no access: the name is kept.
	await page.getByLabel('Naam').fill(name);
	await create.click();
	await expect(errorSummary(page).getByRole('link')).toHaveText(['Kies de toegang van het token.']);
	await expect(page.getByLabel('Naam')).toHaveValue(name);

	await page.getByRole('radio', { name: 'Lezen', exact: true }).check();
	const answer = page.waitForResponse((r) => r.request().method() === 'POST');
	await create.click();
	expect((await answer).headers()['cache-control']).toContain('no-store');
	await expect(
		page.getByRole('heading', { level: 2, name: `Token aangemaakt: ${name}` })
	).toBeFocused();
	await expect(page.getByText('We tonen het maar één keer')).toBeVisible();
	await expect(page.getByText('Authorization: Bearer <token>')).toBeVisible();
	const token = await page.getByLabel('Het token').inputValue();
	expect(token).toMatch(/^loket_[\w-]{40,}$/);
	await page.getByRole('button', { name: 'Token kopiëren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'gekopieerd' })).toHaveText(
		'Het token is gekopieerd.'
	);
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
	const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
	await expect(row.getByRole('cell')).toHaveText([
		`${token.slice(0, 12)}…`,
		'Lezen',
		'alle processen',
		/ door Ada Beheer$/,
		'nog nooit',
		'Actief'
	]);
	await expectAccessible(page);

	// Never again: not after a reload, not in the address, not in a cookie.
	const reloaded = await page.reload();
	expect(reloaded?.headers()['cache-control']).toContain('no-store');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('API-tokens');
	await expect(page.getByLabel('Het token')).toHaveCount(0);
	expect(await page.content()).not.toContain(token);
	expect(page.url()).not.toContain(token);
	for (const cookie of await page.context().cookies()) expect(cookie.value).not.toContain(token);

	// The other system calls the API with it.
	const auth = { authorization: `Bearer ${token}` };
	const listed = await request.get('/api/v1/dossiers', { headers: auth });
	expect(listed.status()).toBe(200);
	const body = (await listed.json()) as { items: unknown[]; next: unknown };
	expect(Array.isArray(body.items)).toBe(true);
	expect(body).toHaveProperty('next');

	// The call is in the token's audit trail.
	await page.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	const calls = page.getByRole('table', { name: 'Oproepen met dit token' });
	await expect(calls.getByRole('row').nth(1).getByRole('cell')).toHaveText([
		/\d/,
		'GET',
		'/api/v1/dossiers',
		'200'
	]);
	await expectAccessible(page);

	// Revoking asks for a confirmation first.
	const revoke = page.getByRole('button', { name: 'Intrekken' });
	await revoke.click();
	await expect(errorSummary(page).getByRole('link')).toHaveText([
		'Vink aan dat u begrijpt wat intrekken doet.'
	]);
	await expect(page.getByText('Actief', { exact: true })).toBeVisible();
	await expectAccessible(page);
	await page
		.getByRole('checkbox', {
			name: 'Ik begrijp dat systemen die dit token gebruiken meteen geen toegang meer hebben.'
		})
		.check();
	await revoke.click();
	await expect(page.getByRole('status')).toHaveText(
		'Het token is ingetrokken. Oproepen ermee worden nu geweigerd.'
	);
	await expect(page.getByText('Ingetrokken', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Intrekken' })).toHaveCount(0);
	await expectAccessible(page);

	const refused = await request.get('/api/v1/dossiers', { headers: auth });
	expect(refused.status()).toBe(401);
	expect(refused.headers()['content-type']).toContain('application/problem+json');

	await page.getByRole('link', { name: 'Terug naar de API-tokens' }).click();
	await expect(row.getByRole('cell').last()).toHaveText('Ingetrokken');
});

test('a write token posts a form body to the API: 415 in problem+json, not a cross-site 403', async ({
	page,
	request
}) => {
	await signIn(page, 'admin');
	await page.goto('/backoffice/api-tokens');
	await page.getByLabel('Naam').fill(`Zaaksysteem ${Date.now()}`);
	await page.getByRole('radio', { name: 'Lezen en schrijven' }).check();
	await page.getByRole('button', { name: 'Token aanmaken' }).click();
	const token = await page.getByLabel('Het token').inputValue();
	expect(token).toMatch(/^loket_/);
	const headers = {
		authorization: `Bearer ${token}`,
		origin: 'https://elders.example',
		'idempotency-key': 'e2e-form-body'
	};
	for (const body of [
		{ form: { process: 'melding-openbaar-domein' } },
		{ multipart: { process: 'melding-openbaar-domein' } },
		{
			data: 'process=melding-openbaar-domein',
			headers: { ...headers, 'content-type': 'text/plain' }
		}
	]) {
		const response = await request.post('/api/v1/dossiers', { headers, ...body });
		expect(response.status()).toBe(415);
		expect(response.headers()['content-type']).toBe('application/problem+json');
		expect(await response.json()).toMatchObject({
			type: '/api/v1/docs#problem-unsupported-media-type',
			status: 415
		});
	}
});

test('a staff member cannot open the API tokens', async ({ page }) => {
	await signIn(page, 'staff');
	await page.goto('/backoffice');
	await expect(
		page
			.getByRole('navigation', { name: 'Back-office' })
			.getByRole('link', { name: 'API-tokens', exact: true })
	).toHaveCount(0);
	const response = await page.goto('/backoffice/api-tokens');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectAccessible(page);
});

test('the API reference lists every path of the OpenAPI document, without a token', async ({
	page,
	request
}) => {
	const response = await page.goto('/api/v1/docs');
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('API-referentie');
	await expectAccessible(page);

	const document = (await (await request.get('/api/v1/openapi.json')).json()) as {
		paths: Record<string, Record<string, unknown>>;
		'x-problem-types': { type: string }[];
	};
	const operations = Object.entries(document.paths).flatMap(([path, item]) =>
		Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)
	);
	expect(operations.length).toBeGreaterThan(5);
	for (const operation of operations)
		await expect(page.getByRole('heading', { name: operation, exact: true })).toBeVisible();
	// Every problem type links to its explanation on this page.
	for (const problem of document['x-problem-types'])
		await expect(page.locator(`[id="${problem.type.split('#')[1]}"]`)).toHaveCount(1);

	await expect(page.getByRole('heading', { name: 'Het token meesturen' })).toBeVisible();
	await expect(page.getByText('Authorization: Bearer loket_…')).toBeVisible();
	const example = page
		.getByRole('region', { name: 'Antwoorden van GET /dossiers', exact: true })
		.getByRole('row', { name: /^429/ });
	await expect(example).toBeVisible();

	await page.getByRole('link', { name: 'OpenAPI 3.1-document (openapi.json)' }).click();
	await expect(page).toHaveURL(/\/api\/v1\/openapi\.json$/);
});

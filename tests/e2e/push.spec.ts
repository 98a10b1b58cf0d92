// A guest who filed a complaint finds "Meldingen op dit toestel" on their tracking page (the
// browser supports push), accessible, with notifications off. The page's endpoint takes a
// subscription for this dossier only: a bad or non-https subscription is refused, another link
// is not found, and without an account the account's endpoint sends you to log in. (Chromium
// here has no push service, so the subscription the endpoint gets is made up by the test.)
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { fileComplaint } from './filing-helpers';

// This spec is about the service worker, which the other specs leave out (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('a guest can turn on notifications for the dossier of their tracking link, and only that one', async ({
	page
}) => {
	const reference = await fileComplaint(page, {
		firstName: 'Paula',
		lastName: 'Push',
		email: `push-${Date.now()}@example.be`,
		what: 'De straatlamp voor mijn deur brandt al een week niet.',
		wish: 'Herstel van de lamp.'
	});
	await page.getByRole('link', { name: /\/volg\/[\w-]+$/ }).click();
	await expect(page).toHaveURL(/\/volg\/[\w-]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);

	const section = page.getByRole('region', { name: 'Meldingen op dit toestel' });
	await expect(section).toBeVisible();
	await expect(section.getByRole('status')).toHaveText('Meldingen staan uit op dit toestel.');
	await expect(section.getByRole('button', { name: 'Meldingen aanzetten' })).toBeEnabled();
	await expectAccessible(page);

	// This Chromium has no push service (no background networking): the browser refuses to
	// subscribe, and the page says so instead of waiting for ever. With one, it would turn on.
	await page.context().grantPermissions(['notifications']);
	await section.getByRole('button', { name: 'Meldingen aanzetten' }).click();
	await expect(section.getByRole('status')).toHaveText(
		/^(Meldingen aanzetten is niet gelukt\. Probeer het later opnieuw\.|Meldingen staan aan op dit toestel\.)$/,
		{ timeout: 30_000 }
	);
	await expectAccessible(page);

	const endpoint = `${new URL(page.url()).pathname}/push`;
	const subscription = {
		endpoint: `https://push.example.com/e2e/${randomBytes(8).toString('hex')}`,
		expirationTime: null,
		keys: {
			// A P-256 public key is 65 bytes; the auth secret 16.
			p256dh: Buffer.concat([Buffer.from([4]), randomBytes(64)]).toString('base64url'),
			auth: randomBytes(16).toString('base64url')
		}
	};
	const status = async (path: string) =>
		(
			await page.request.get(`${path}?endpoint=${encodeURIComponent(subscription.endpoint)}`)
		).json();

	expect((await page.request.post(endpoint, { data: { endpoint: 'x' } })).status()).toBe(400);
	expect(
		(
			await page.request.post(endpoint, {
				data: { ...subscription, endpoint: 'http://push.example.com/e2e' }
			})
		).status()
	).toBe(400);
	expect((await page.request.post(endpoint, { data: subscription })).status()).toBe(201);
	expect(await status(endpoint)).toEqual({ subscribed: true });

	// Another tracking link does not exist; the account's endpoint needs an account.
	const forged = `/volg/${randomBytes(20).toString('base64url')}/push`;
	expect((await page.request.post(forged, { data: subscription })).status()).toBe(404);
	const account = await page.request.post('/push', { data: subscription, maxRedirects: 0 });
	expect(account.status()).toBe(303);
	expect(account.headers().location).toMatch(/^\/aanmelden\?next=/);

	expect(
		(await page.request.delete(endpoint, { data: { endpoint: subscription.endpoint } })).status()
	).toBe(200);
	expect(await status(endpoint)).toEqual({ subscribed: false });
});

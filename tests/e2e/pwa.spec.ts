// Loket as an installable app: a manifest with the municipality's name and icons, a service
// worker that keeps the public catalogue and product pages for offline use, an offline page for
// everything else, and nothing personal in its cache.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { library } from './library';
import { logIn } from './users';

// This spec is about the service worker, which the other specs leave out (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

const klacht = library.find((p) => p.id === 'klacht')!;

/** Waits until the service worker controls the page (it claims it after a reload at the latest). */
async function controlled(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready);
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

const cachedPaths = (page: Page) =>
	page.evaluate(async () => {
		const cache = await caches.open('loket-pages');
		return (await cache.keys()).map((r) => new URL(r.url).pathname);
	});

test('the manifest makes Loket installable with the municipality name and its icons', async ({
	page,
	request
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('/manifest.webmanifest');
	const response = await request.get(href!);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = (await response.json()) as {
		name: string;
		start_url: string;
		display: string;
		lang: string;
		icons: { src: string; sizes: string; purpose: string }[];
	};
	const municipality = (await page.getByRole('banner').getByRole('link').first().innerText()).split(
		'\n'
	)[0];
	expect(manifest.name).toContain(municipality);
	expect(manifest).toMatchObject({ start_url: '/', display: 'standalone', lang: 'nl' });
	expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
		'192x192 any',
		'512x512 any',
		'512x512 maskable'
	]);
	for (const icon of manifest.icons) {
		const image = await request.get(icon.src);
		expect(image.status(), icon.src).toBe(200);
		expect(image.headers()['content-type']).toBe('image/png');
	}
	await controlled(page);
});

test('offline, the catalogue and a product page seen before still open; other pages say there is no connection', async ({
	page,
	context
}) => {
	await page.goto('/');
	await controlled(page);
	await page.getByRole('link', { name: klacht.title.nl, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(klacht.title.nl);
	await page.goto('/');
	await expect.poll(() => cachedPaths(page)).toEqual(expect.arrayContaining(['/', '/p/klacht']));

	await context.setOffline(true);
	await page.reload();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Wat wilt u aanvragen of melden?' })
	).toBeVisible();
	await page.goto('/p/klacht');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(klacht.title.nl);

	await page.goto('/aanmelden');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Geen verbinding');
	await expect(page.getByRole('heading', { level: 2 })).toHaveText([
		'No connection',
		'Pas de connexion'
	]);
	await expectAccessible(page);
	await context.setOffline(false);
	await page.getByRole('link', { name: 'Naar de dienstencatalogus' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Wat wilt u aanvragen of melden?'
	);
});

test('pages made for a signed-in user are never cached, and signing out empties the cache', async ({
	page
}) => {
	// Registered from a page below the root too.
	await page.goto('/p/klacht');
	await controlled(page);
	await page.goto('/');
	await page.goto('/p/klacht');
	await expect.poll(() => cachedPaths(page)).toEqual(expect.arrayContaining(['/', '/p/klacht']));

	await logIn(page, 'staff');
	await page.goto('/p/klacht');
	await expect(page.getByRole('banner')).toContainText('Stijn Balie');
	const cached = await page.evaluate(async () => {
		const response = await (await caches.open('loket-pages')).match('/p/klacht');
		return response ? response.text() : '';
	});
	expect(cached).toContain('Aanmelden');
	expect(cached).not.toContain('Stijn Balie');

	await page.getByRole('button', { name: 'Afmelden' }).click();
	await expect(page.getByRole('link', { name: 'Aanmelden' })).toBeVisible();
	// The signed-out home page may be cached again; nothing from before the sign-out remains.
	await expect.poll(() => cachedPaths(page)).not.toContain('/p/klacht');
});

import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { library } from './library';
import { logIn } from './users';

// The language test visits six pages twice over: 90 s on a loaded CI machine, the default's limit.
test.describe.configure({ timeout: 180_000 });

test('a citizen on a phone sees every process of the library on the home page @smoke', async ({
	page
}) => {
	await page.goto('/');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Wat wilt u aanvragen of melden?' })
	).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	expect(library.length).toBeGreaterThanOrEqual(15);
	for (const process of library)
		await expect(page.getByRole('link', { name: process.title.nl, exact: true })).toBeVisible();
	await expect(page.getByRole('search').getByRole('searchbox', { name: 'Zoeken' })).toBeVisible();
	await expect(page.getByRole('status')).toHaveText(`${library.length} producten gevonden`);
	// Grouped by theme: at least the themes the library uses, as headings.
	await expect(page.getByRole('heading', { level: 2, name: /Burger en overheid/ })).toBeVisible();
	await expect(
		page.getByRole('heading', { level: 2, name: /Mobiliteit en openbare werken/ })
	).toBeVisible();
	await expectAccessible(page);
});

test('the skip link is the first stop for keyboard users and jumps to the content', async ({
	page
}) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Naar de inhoud' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/#inhoud$/);
	await expect(page.getByRole('main')).toBeFocused();
});

test('a product page tells what is needed, what it costs, how long it takes and the steps', async ({
	page
}) => {
	const card = library.find((p) => p.id === 'bewonerskaart');
	await page.goto('/');
	await page.getByRole('link', { name: card?.title.nl, exact: true }).click();
	await expect(page).toHaveURL('/p/bewonerskaart');
	await expect(page.getByRole('heading', { level: 1, name: card?.title.nl })).toBeVisible();
	for (const name of ['Wat kost het?', 'Hoe lang duurt het?', 'Wat gebeurt er met uw aanvraag?'])
		await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
	// The steps come from the workflow, in citizen words, starting with the initial state.
	const initial = card?.workflow.states.find((s) => s.id === card.workflow.initial);
	const firstStep = page.getByRole('listitem').filter({ hasText: initial?.citizenText.nl });
	await expect(
		page.getByRole('list').filter({ has: firstStep }).getByRole('listitem').first()
	).toContainText(initial?.citizenText.nl ?? '-');
	await expect(
		page.getByRole('heading', { level: 3, name: 'Hoe kan uw aanvraag aflopen?' })
	).toBeVisible();
	// A start button after the summary and again at the end, both to the application form.
	const start = page.getByRole('link', { name: 'Aanvraag starten' });
	await expect(start).toHaveCount(2);
	// Where the link leads, not how it is written: the server writes it relative to the page
	// ("../p/…"), the app after a client-side navigation from the root ("/p/…"); which one the test
	// gets depends on whether the home page had its JavaScript when the card was tapped.
	const form = new URL('/p/bewonerskaart/aanvragen', page.url()).href;
	for (const link of await start.all())
		expect(await link.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(form);
	await expect(page.getByText('U moet zich eerst aanmelden.')).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('link', { name: /Alle producten/ }).click();
	await expect(page).toHaveURL('/');
});

test('the start button says when logging in is needed first', async ({ page }) => {
	const required = library.find((p) => p.auth === 'required');
	await page.goto(`/p/${required?.id}`);
	await expect(page.getByRole('link', { name: 'Aanvraag starten' }).first()).toBeVisible();
	await expect(page.getByText('U moet zich eerst aanmelden.')).toHaveCount(2);
	await expect(page.getByText('U moet zich eerst aanmelden.').first()).toBeVisible();
	await expectAccessible(page);
});

test('an unknown product gives a helpful 404 page', async ({ page }) => {
	const response = await page.goto('/p/bestaat-niet');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Terug naar de startpagina' })).toBeVisible();
	await expectAccessible(page);
});

test('every page switches to English and back, without JavaScript too', async ({ browser }) => {
	const klacht = library.find((p) => p.id === 'klacht');
	const pages = [
		{
			path: '/',
			nl: 'Wat wilt u aanvragen of melden?',
			en: 'What would you like to apply for or report?'
		},
		{ path: '/p/klacht', nl: klacht?.title.nl ?? '-', en: klacht?.title.en ?? '-' },
		{ path: '/p/bestaat-niet', nl: 'Pagina niet gevonden', en: 'Page not found' }
	];
	for (const javaScriptEnabled of [true, false]) {
		const context = await browser.newContext({
			javaScriptEnabled,
			viewport: { width: 390, height: 844 }
		});
		const page = await context.newPage();
		for (const { path, nl, en } of pages) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1, name: nl })).toBeVisible();
			await page.getByRole('button', { name: 'Switch to English' }).click();
			await expect(page).toHaveURL(path);
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			await expect(page.getByRole('heading', { level: 1, name: en })).toBeVisible();
			await expect(page.getByRole('link', { name: 'Skip to content' })).toBeAttached();
			if (path === '/p/klacht') {
				await expect(
					page.getByRole('heading', { level: 2, name: 'What does it cost?' })
				).toBeVisible();
				await expect(
					page.getByRole('link', { name: 'Start your application' }).first()
				).toBeVisible();
			}
			if (path === '/') {
				await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
				await expect(page.getByRole('radio', { name: 'Businesses' })).toBeVisible();
				await expect(page.getByRole('status')).toHaveText(`${library.length} products found`);
			}
			// axe runs inside the page, so only where the page may run scripts; the HTML is the same.
			if (javaScriptEnabled) await expectAccessible(page);
			await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
			await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
			await expect(page.getByRole('heading', { level: 1, name: nl })).toBeVisible();
		}
		await context.close();
	}
});

test('the catalogue and a product page kept for visitors never reach someone signed in', async ({
	page
}) => {
	// Without a session: the page everyone gets (kept in memory after the first visit).
	for (const path of ['/', '/p/klacht']) {
		await page.goto(path);
		await expect(page.getByRole('banner').getByRole('link', { name: 'Aanmelden' })).toBeVisible();
	}
	await logIn(page, 'otherCitizen');
	for (const path of ['/', '/p/klacht']) {
		await page.goto(path);
		const banner = page.getByRole('banner');
		await expect(banner.getByRole('button', { name: 'Afmelden' })).toBeVisible();
		await expect(banner.getByRole('link', { name: 'Aanmelden' })).toHaveCount(0);
		await expectAccessible(page);
	}
});

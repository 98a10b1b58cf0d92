import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { library } from './library';

test('a citizen on a phone sees every process of the library on the home page', async ({
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
	await expectAccessible(page);
	await page.getByRole('link', { name: /Alle producten/ }).click();
	await expect(page).toHaveURL('/');
});

test('an unknown product gives a helpful 404 page', async ({ page }) => {
	const response = await page.goto('/p/bestaat-niet');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Terug naar de startpagina' })).toBeVisible();
	await expectAccessible(page);
});

test('the whole site switches to English and back, without JavaScript too', async ({ browser }) => {
	for (const javaScriptEnabled of [true, false]) {
		const context = await browser.newContext({
			javaScriptEnabled,
			viewport: { width: 390, height: 844 }
		});
		const page = await context.newPage();
		await page.goto('/p/klacht');
		await page.getByRole('button', { name: 'Switch to English' }).click();
		await expect(page).toHaveURL('/p/klacht');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 2, name: 'What does it cost?' })).toBeVisible();
		const klacht = library.find((p) => p.id === 'klacht');
		await expect(page.getByRole('heading', { level: 1, name: klacht?.title.en })).toBeVisible();
		// axe runs inside the page, so only where the page may run scripts; the HTML is the same.
		if (javaScriptEnabled) await expectAccessible(page);
		await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
		await expect(page.getByRole('heading', { level: 2, name: 'Wat kost het?' })).toBeVisible();
		await context.close();
	}
});

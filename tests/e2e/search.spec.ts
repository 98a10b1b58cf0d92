// A citizen looks for the right product: by typing a word (filtered as they type, or with the
// search button when the browser runs no JavaScript), by audience and by theme.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { library, type LibraryEntry } from './library';

const mentions = (p: LibraryEntry, word: string) =>
	[p.title.nl, p.summary.nl, ...(p.keywords ?? [])].some((text) =>
		text.toLowerCase().includes(word)
	);
const withContainer = library.filter((p) => mentions(p, 'container'));
const withoutContainer = library.filter((p) => !mentions(p, 'container'));
const forBusinesses = library.filter((p) => p.audience.includes('onderneming'));
const notForBusinesses = library.filter((p) => !p.audience.includes('onderneming'));

async function expectListed(page: Page, shown: LibraryEntry[], hidden: LibraryEntry[]) {
	for (const p of shown)
		await expect(page.getByRole('link', { name: p.title.nl, exact: true })).toBeVisible();
	for (const p of hidden)
		await expect(page.getByRole('link', { name: p.title.nl, exact: true })).toHaveCount(0);
}

test('the list narrows as the citizen types, and the count is announced', async ({ page }) => {
	expect(withContainer.map((p) => p.id)).toEqual(
		expect.arrayContaining(['afvalcontainer', 'inname-openbaar-domein'])
	);
	await page.goto('/');
	const search = page.getByRole('search').getByRole('searchbox', { name: 'Zoeken' });
	await expect(search).toHaveAccessibleDescription(/Typ een woord/);
	const requests: string[] = [];
	page.on('request', (request) => {
		if (request.isNavigationRequest() || request.url().includes('__data.json'))
			requests.push(request.url());
	});
	await search.pressSequentially('container', { delay: 20 });
	await expectListed(page, withContainer, withoutContainer);
	// Filtered in the page, over the catalogue it already has: no page or data request.
	expect(requests).toEqual([]);
	const status = page.getByRole('status');
	await expect(status).toHaveAttribute('aria-live', 'polite');
	await expect(status).toHaveText(`${withContainer.length} producten gevonden`);
	// The address follows the search without a reload, so it can be shared.
	await expect(page).toHaveURL('/?q=container');
	await expect(search).toBeFocused();
	await expectAccessible(page);

	// Accents and capitals don't matter.
	await search.fill('BEËINDIGING');
	await expectListed(
		page,
		library.filter((p) => p.id === 'wettelijke-samenwoning'),
		library.filter((p) => p.id === 'adreswijziging')
	);

	// Nothing found: say so, and offer the way back to everything.
	await search.fill('xyzzy');
	await expect(status).toHaveText('0 producten gevonden');
	await expect(page.getByText('Er is geen product dat past bij uw zoekopdracht.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 2 })).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Toon alle producten' }).click();
	await expect(status).toHaveText(`${library.length} producten gevonden`);
	await expect(search).toHaveValue('');
	await expect(search).toBeFocused();
	await expect(page).toHaveURL('/');
	await expectListed(page, library, []);
});

test('the search keeps working in English, and the language switch keeps the search', async ({
	page
}) => {
	await page.goto('/');
	await page.getByRole('searchbox', { name: 'Zoeken' }).pressSequentially('container');
	await expect(page).toHaveURL('/?q=container');
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page).toHaveURL('/?q=container');
	const search = page.getByRole('searchbox', { name: 'Search' });
	await expect(search).toHaveValue('container');
	await expect(page.getByRole('status')).toHaveText(`${withContainer.length} products found`);
	// English words find the English titles; the count is in English as one types.
	await search.fill('wheelie bin');
	await expect(page.getByRole('status')).toHaveText('1 product found');
	const container = library.find((p) => p.id === 'afvalcontainer');
	await expect(page.getByRole('link', { name: container?.title.en, exact: true })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
	await expect(page).toHaveURL('/?q=wheelie+bin');
});

test('without JavaScript the search form reloads the page filtered', async ({ browser }) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 390, height: 844 }
	});
	const page = await context.newPage();
	await page.goto('/');
	await page.getByRole('searchbox', { name: 'Zoeken' }).fill('container');
	// Typing alone changes nothing without scripts; the button sends the GET form.
	await expect(page.getByRole('status')).toHaveText(`${library.length} producten gevonden`);
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page).toHaveURL(/\/\?q=container(&|$)/);
	await expect(page.getByRole('searchbox', { name: 'Zoeken' })).toHaveValue('container');
	await expect(page.getByRole('status')).toHaveText(`${withContainer.length} producten gevonden`);
	await expectListed(page, withContainer, withoutContainer);

	// Audience and theme go with the same form.
	await page.getByRole('searchbox', { name: 'Zoeken' }).fill('');
	await page.getByRole('radio', { name: 'Ondernemingen' }).check();
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page).toHaveURL(/voor=onderneming/);
	await expect(page.getByRole('radio', { name: 'Ondernemingen' })).toBeChecked();
	await expectListed(page, forBusinesses, notForBusinesses);

	await page.getByLabel('Thema').selectOption({ label: 'Economie en werk' });
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page).toHaveURL(/thema=EconomieWerk/);
	await expectListed(
		page,
		forBusinesses.filter((p) => p.category === 'EconomieWerk'),
		library.filter((p) => p.category !== 'EconomieWerk')
	);
	await context.close();
});

test('choosing "Ondernemingen" shows only what businesses can apply for', async ({ page }) => {
	await page.goto('/');
	const audience = page.getByRole('group', { name: 'Voor wie?' });
	await expect(audience.getByRole('radio', { name: 'Alle' })).toBeChecked();
	await audience.getByRole('radio', { name: 'Ondernemingen' }).check();
	await expectListed(page, forBusinesses, notForBusinesses);
	await expect(page.getByRole('status')).toHaveText(`${forBusinesses.length} producten gevonden`);
	await expect(page).toHaveURL('/?voor=onderneming');
	await expectAccessible(page);

	await page.getByLabel('Thema').selectOption('EconomieWerk');
	await expect(page).toHaveURL('/?voor=onderneming&thema=EconomieWerk');
	await expectListed(
		page,
		forBusinesses.filter((p) => p.category === 'EconomieWerk'),
		library.filter((p) => p.category !== 'EconomieWerk')
	);

	await audience.getByRole('radio', { name: 'Burgers' }).check();
	await page.getByLabel('Thema').selectOption('');
	await expectListed(
		page,
		library.filter((p) => p.audience.includes('burger')),
		library.filter((p) => !p.audience.includes('burger'))
	);
	await expectAccessible(page);

	// A shared address opens with the same filter, rendered by the server.
	await page.goto('/?voor=onderneming');
	await expect(page.getByRole('radio', { name: 'Ondernemingen' })).toBeChecked();
	await expectListed(page, forBusinesses, notForBusinesses);
});

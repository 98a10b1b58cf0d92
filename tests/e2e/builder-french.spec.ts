// A clerk writes a French label in the builder and sees it in the preview in French, each French
// text marked lang="fr" on the Dutch back-office page (WCAG 3.1.2: a screen reader reads it in
// French); once the French is left empty again, the preview shows the Dutch label, in the page's
// own language, and says that some texts are only in Dutch (issue 23, item 5).
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { logIn } from './users';

test.describe.configure({ timeout: 180_000 });

const stamp = Date.now().toString(36);
const id = `klacht-frans-${stamp}`;
const french = `Votre prénom (${stamp})`;

// A save is a post and a new page: on a loaded machine the confirmation may take 15 s.
const saved = (page: Page) =>
	expect.configure({ timeout: 15_000 })(
		page.getByRole('status').filter({ hasText: 'Opgeslagen.' })
	);

test('a clerk writes a French label, previews it in French, and sees the Dutch fallback', async ({
	page
}) => {
	await logIn(page, 'clerk');
	// A process of its own (a draft copy of the complaint form), so no other spec sees it.
	await page.goto('/backoffice/processes');
	await page.getByLabel('Id', { exact: true }).fill(id);
	await page.getByLabel('Titel in het Nederlands').fill(`Klacht Frans ${stamp}`);
	await page
		.getByLabel('Beginnen van')
		.selectOption({ label: 'Klacht over de dienstverlening (versie 1)' });
	await page.getByRole('button', { name: 'Proces aanmaken' }).click();
	await expect(page).toHaveURL(new RegExp(`/backoffice/processes/${id}\\?created$`));

	await page.goto(`/backoffice/processes/${id}/versions/1/edit/fields/voornaam`);
	const label = page.getByRole('group', { name: 'Label' });
	// The library's French came along with the copy.
	await expect(label.getByLabel('Frans')).toHaveValue('Prénom');
	await expect(label.getByLabel('Frans')).toHaveAttribute('lang', 'fr');
	await label.getByLabel('Frans').fill(french);
	await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
	await saved(page).toBeVisible();
	await expect(label.getByLabel('Frans')).toHaveValue(french);
	await expectAccessible(page);

	// The preview, in French: the clerk's label, unmarked; no notice about Dutch.
	const languages = page.getByRole('group', { name: 'Teksten in het voorbeeld' });
	await languages.getByRole('button', { name: 'Frans' }).click();
	await expect(languages.getByRole('button', { name: 'Frans' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	const preview = page.frameLocator('iframe[title="Voorbeeld op een telefoon"]');
	await expect(preview.getByLabel(french)).toBeVisible();
	await expect(preview.getByRole('heading', { level: 1, name: 'Vos données' })).toBeVisible();
	await expect(preview.getByText('Sommige teksten zijn alleen in het Nederlands')).toHaveCount(0);
	await expect(preview.locator('html')).toHaveAttribute('lang', 'nl');
	await expect(preview.locator('label span[lang="fr"]', { hasText: french })).toBeVisible();
	await expect(
		preview.locator('label span[lang="fr"]', { hasText: 'Nom de famille' })
	).toBeVisible();
	await expect(preview.locator('h1 span[lang="fr"]')).toHaveText('Vos données');
	// The form's title was written in Dutch only: Dutch on a Dutch page, no lang of its own.
	await expect(preview.locator('.caption')).toHaveText(`Klacht Frans ${stamp}`);
	await expect(preview.locator('.caption')).not.toHaveAttribute('lang');

	// The French left empty: saved without it, and the preview falls back to Dutch, marked.
	await label.getByLabel('Frans').fill('');
	await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
	await saved(page).toBeVisible();
	await expect(label.getByLabel('Frans')).toHaveValue('');
	await page
		.getByRole('group', { name: 'Teksten in het voorbeeld' })
		.getByRole('button', { name: 'Frans' })
		.click();
	await expect(preview.getByLabel('Voornaam')).toBeVisible();
	// Dutch on a Dutch page: no lang of its own; the French around it keeps theirs.
	await expect(preview.locator('label span[lang]', { hasText: 'Voornaam' })).toHaveCount(0);
	await expect(preview.locator('h1 span[lang="fr"]')).toHaveText('Vos données');
	await expect(preview.getByRole('note')).toHaveText(
		'Sommige teksten zijn alleen in het Nederlands beschikbaar.'
	);

	// The preview page on its own, in French, passes axe.
	await page.goto(`/backoffice/processes/${id}/versions/1/edit/preview?taal=fr`);
	await expect(page.getByRole('heading', { level: 1, name: 'Vos données' })).toBeVisible();
	await expect(page.locator('h1 span[lang="fr"]')).toHaveText('Vos données');
	await expect(page.getByLabel('Voornaam')).toBeVisible();
	await expectAccessible(page);
});

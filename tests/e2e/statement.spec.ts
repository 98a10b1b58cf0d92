// The accessibility statement the law requires: reached from the footer of every page, with its
// status, the date and method of the last evaluation, the known shortcomings and where to complain;
// in Dutch and in English, and readable on a 320 px wide screen (400% zoom) without side-scrolling.
import { expect, test, type Page } from '@playwright/test';
import { evaluationDate, statementDate } from '../../src/lib/accessibility';
import { expectAccessible } from './axe';

const longDate = (iso: string, locale: 'nl' | 'en') =>
	new Intl.DateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${iso}T00:00:00Z`)
	);

async function openFromFooter(page: Page, link: string): Promise<void> {
	await page.goto('/');
	await page.getByRole('contentinfo').getByRole('link', { name: link }).click();
	await expect(page).toHaveURL('/toegankelijkheid');
}

test('the footer leads to the statement, which gives status, evaluation, known issues and the ombudsman', async ({
	page
}) => {
	await openFromFooter(page, 'Toegankelijkheid');
	const main = page.getByRole('main');
	await expect(
		main.getByRole('heading', { level: 1, name: 'Toegankelijkheidsverklaring' })
	).toBeVisible();
	await expect(main).toContainText('gedeeltelijk conform');
	await expect(main).toContainText('WCAG) 2.1, niveau AA');

	await expect(
		main.getByRole('heading', { level: 2, name: 'Opstelling van deze verklaring' })
	).toBeVisible();
	await expect(main).toContainText(
		`Deze verklaring is opgesteld op ${longDate(statementDate, 'nl')}.`
	);
	await expect(main).toContainText(
		`De laatste evaluatie was op ${longDate(evaluationDate, 'nl')}.`
	);
	await expect(main).toContainText('met axe gecontroleerd');
	await expect(main).toContainText('met het toetsenbord doorlopen');

	await expect(
		main.getByRole('heading', { level: 2, name: 'Niet-toegankelijke inhoud' })
	).toBeVisible();
	const issues = main
		.getByRole('heading', { name: 'Niet-toegankelijke inhoud' })
		.locator('xpath=following-sibling::ul[1]')
		.getByRole('listitem');
	await expect(issues).toHaveCount(4);
	await expect(issues.first()).toContainText('ontvangstbewijs als PDF');

	await expect(
		main.getByRole('heading', { level: 2, name: 'Feedback en contactgegevens' })
	).toBeVisible();
	await expect(main).toContainText('We antwoorden binnen 5 werkdagen.');
	await expect(main.getByRole('heading', { level: 2, name: 'Handhavingsprocedure' })).toBeVisible();
	await expect(main).toContainText('Vlaamse Ombudsdienst, Leuvenseweg 86, 1000 Brussel');
	await expect(main.getByRole('link', { name: 'klachten@vlaamseombudsdienst.be' })).toHaveAttribute(
		'href',
		'mailto:klachten@vlaamseombudsdienst.be'
	);
	await expectAccessible(page);
});

test('the statement is complete in English after switching language', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await openFromFooter(page, 'Accessibility');
	const main = page.getByRole('main');
	await expect(
		main.getByRole('heading', { level: 1, name: 'Accessibility statement' })
	).toBeVisible();
	await expect(main).toContainText('partially compliant');
	await expect(main).toContainText(`The last evaluation was on ${longDate(evaluationDate, 'en')}.`);
	await expect(main).toContainText('checked with axe');
	await expect(
		main.getByRole('heading', { level: 2, name: 'Non-accessible content' })
	).toBeVisible();
	await expect(main).toContainText('The PDF receipt');
	await expect(
		main.getByRole('heading', { level: 2, name: 'Enforcement procedure' })
	).toBeVisible();
	await expect(main).toContainText('Vlaamse Ombudsdienst');
	// No Dutch sentence of the statement is left behind.
	await expect(main).not.toContainText('gedeeltelijk conform');
	await expect(main).not.toContainText('werkdagen');
	await expectAccessible(page);
});

test('at 320 px wide the long Dutch heading wraps and nothing scrolls sideways', async ({
	page
}) => {
	await page.setViewportSize({ width: 320, height: 640 });
	await page.goto('/toegankelijkheid');
	const heading = page.getByRole('heading', { level: 1, name: 'Toegankelijkheidsverklaring' });
	await expect(heading).toBeVisible();
	const widths = await page.evaluate(() => ({
		page: document.documentElement.scrollWidth,
		viewport: document.documentElement.clientWidth
	}));
	expect(widths.page).toBeLessThanOrEqual(widths.viewport);
	// The word itself is broken over lines, rather than running off the screen.
	const box = await heading.boundingBox();
	const lineHeight = await heading.evaluate((h) => parseFloat(getComputedStyle(h).lineHeight));
	expect(box?.height ?? 0).toBeGreaterThan(lineHeight * 1.5);
	await expectAccessible(page);
});

// A team lead looks at the overview: what came in per week, what is open, waiting or overdue per
// product, and how long the decided ones took; chooses another period (a wrong date is explained
// next to the field and in the summary, and kept), narrows to one product, downloads the CSV.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { fileComplaint } from './filing-helpers';
import { logIn } from './users';

test.describe.configure({ timeout: 180_000 });

test('staff read the overview, choose a period and a product, and download the figures', async ({
	browser
}) => {
	const guest = await (await browser.newContext()).newPage();
	await fileComplaint(guest, {
		firstName: 'Olga',
		lastName: 'Overzicht',
		email: `overzicht-${Date.now()}@example.be`,
		what: 'De stoep in onze straat is veel te smal voor een rolstoel.',
		wish: 'Een bredere stoep.'
	});

	const page = await (await browser.newContext()).newPage();
	await logIn(page, 'staff');
	await page.goto('/backoffice');
	await page
		.getByRole('navigation', { name: 'Back-office' })
		.getByRole('link', { name: 'Overzicht', exact: true })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
	await expectAccessible(page);

	// The chart is a named picture; its numbers are in the table beside it.
	await expect(page.getByRole('img', { name: /Ingediende dossiers per week/ })).toBeVisible();
	const figures = page.getByRole('table', { name: /Per product/ });
	const complaints = figures.getByRole('row', { name: /Klacht over de dienstverlening/ });
	await expect(complaints).toBeVisible();
	const filed = Number(await complaints.getByRole('cell').first().textContent());
	expect(filed).toBeGreaterThanOrEqual(1);
	await expect(page.getByRole('link', { name: 'Laatste 12 weken' })).toHaveAttribute(
		'aria-current',
		'page'
	);

	// A date that does not exist: said next to the field and in the summary, kept as typed.
	await page.getByLabel('Van').fill('2026-02-30');
	await page.evaluate(() => {
		// Browsers refuse 30 February in a date field; a typed URL or an old browser does not.
		const input = document.querySelector<HTMLInputElement>('input[name="from"]');
		if (input) input.type = 'text';
	});
	await page.getByLabel('Van').fill('2026-02-30');
	await page.getByRole('button', { name: 'Toon' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toBeFocused();
	await expect(
		summary.getByRole('link', { name: /Vul bij ‘Van’ een bestaande datum in/ })
	).toBeVisible();
	await expect(page.getByLabel('Van')).toHaveValue('2026-02-30');
	await expect(page.getByLabel('Van')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);

	// One product, the last four weeks.
	await page.getByRole('link', { name: 'Laatste 4 weken' }).click();
	await page
		.getByLabel('Product', { exact: true })
		.selectOption({ label: 'Klacht over de dienstverlening' });
	await page.getByRole('button', { name: 'Toon' }).click();
	await expect(figures.getByRole('row')).toHaveCount(2);
	await expect(figures.getByRole('row', { name: /Klacht over de dienstverlening/ })).toBeVisible();
	await expectAccessible(page);

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download als CSV' }).click();
	const file = await (await download).path();
	const lines = readFileSync(file, 'utf8').trim().split('\r\n');
	expect(lines[0]).toContain('process;title;from;to;inflow');
	expect(lines).toHaveLength(2);
	expect(lines[1]).toMatch(/^"klacht";"Klacht over de dienstverlening";/);
});

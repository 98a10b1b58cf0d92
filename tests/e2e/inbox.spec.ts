// A staff member works from the inbox on their phone: a guest files a complaint; staff find it by
// filtering on the product and searching a word from the answers (and the applicant's e-mail
// address), save that filter and open it again, download the list as CSV and open the dossier.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { fileComplaint } from './filing-helpers';
import { logIn } from './users';

test.describe.configure({ timeout: 180_000 });

const stamp = Date.now();
const email = `inbox-${stamp}@example.be`;
// One word nobody else writes, to find the dossier by its answers.
const word = `zeppelin${stamp}`;

const complaint = {
	firstName: 'Ines',
	lastName: 'Inbox',
	email,
	what: `Een ${word} landde op mijn oprit.`,
	wish: 'Dat hij verdwijnt.'
};

const inboxTable = (page: Page) => page.getByRole('table', { name: 'Dossiers in de werkbak' });

test('staff filter the inbox, save the filter, export it and open the dossier @smoke', async ({
	browser
}) => {
	const guest = await (await browser.newContext()).newPage();
	const reference = await fileComplaint(guest, complaint);

	const context = await browser.newContext();
	const page = await context.newPage();
	await logIn(page, 'staff');
	await page.goto('/backoffice');
	await expect(page.getByRole('heading', { level: 1, name: 'Werkbak' })).toBeVisible();
	await expect(inboxTable(page).getByRole('link', { name: reference })).toBeVisible();
	await expectAccessible(page);

	// The quick views: overdue work first; a new complaint is not overdue, but is due this week
	// only if its handling time is that short (45 days: no).
	const views = page.getByRole('navigation', { name: 'Snelle weergaven' });
	await expect(views.getByRole('link', { name: 'Alles' })).toHaveAttribute('aria-current', 'page');
	await views.getByRole('link', { name: 'Termijn verstreken' }).click();
	await expect(page).toHaveURL(/overdue=1&sort=due&dir=asc/);
	await expect(views.getByRole('link', { name: 'Termijn verstreken' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(views.getByRole('link', { name: 'Alles' })).not.toHaveAttribute('aria-current');
	await expect(page.getByRole('link', { name: reference })).toHaveCount(0);
	await views.getByRole('link', { name: 'Nog niet toegewezen' }).click();
	await expect(page.getByRole('checkbox', { name: 'Alleen lopende dossiers' })).toBeChecked();
	await expect(inboxTable(page).getByRole('link', { name: reference })).toBeVisible();
	await expectAccessible(page);
	await views.getByRole('link', { name: 'Alles' }).click();

	// Filter on the product and a word from the answers: a GET form, so it is all in the URL. The
	// filters fold away while none is set; the search box stays in sight.
	await expect(page.getByLabel('Product')).toBeHidden();
	await page.getByRole('heading', { name: 'Filteren' }).click();
	await page.getByLabel('Product').selectOption({ label: 'Klacht over de dienstverlening' });
	await page.getByLabel('Zoeken').fill(word);
	await page.getByRole('button', { name: 'Toon dossiers' }).click();
	await expect(page).toHaveURL(new RegExp(`q=${word}`));
	await expect(page).toHaveURL(/process=klacht/);
	const rows = inboxTable(page).getByRole('row');
	await expect(rows).toHaveCount(2);
	const row = rows.filter({ hasText: reference });
	await expect(row).toContainText('Ines Inbox');
	await expect(row).toContainText('—');
	await expect(page.getByRole('list', { name: 'Aantal per status' })).toContainText(': 1');
	await expectAccessible(page);

	// The applicant's e-mail address finds it too; a word nobody wrote finds nothing.
	await page.goto(`/backoffice?q=${encodeURIComponent(email)}`);
	await expect(inboxTable(page).getByRole('row')).toHaveCount(2);
	await page.goto(`/backoffice?q=nergens${stamp}`);
	await expect(page.getByText('Geen dossiers gevonden met deze filters.')).toBeVisible();
	await expectAccessible(page);

	// Save the filter under a name; a name is required.
	await page.goto(`/backoffice?process=klacht&q=${word}`);
	await page.getByRole('button', { name: 'Bewaar deze filter' }).click();
	await expect(page.getByRole('alert')).toContainText('Geef de filter een naam.');
	await expect(page.getByLabel('Naam voor deze filter')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
	const name = `Zeppelins ${stamp}`;
	await page.getByLabel('Naam voor deze filter').fill(name);
	await page.getByRole('button', { name: 'Bewaar deze filter' }).click();
	const saved = page.getByRole('link', { name });
	await expect(saved).toBeVisible();
	await page.goto('/backoffice');
	await page.getByRole('link', { name }).click();
	await expect(page).toHaveURL(new RegExp(`q=${word}`));
	await expect(inboxTable(page).getByRole('row')).toHaveCount(2);
	await expectAccessible(page);

	// The CSV holds the same dossiers, with a byte order mark for Excel.
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download als CSV' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^dossiers-\d{4}-\d{2}-\d{2}\.csv$/);
	const bytes = readFileSync(await download.path());
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
	expect(lines[0]).toMatch(/^"Referentie";"Product";"Aanvrager"/);
	expect(lines).toHaveLength(2);
	expect(lines[1]).toContain(
		`"${reference}";"Klacht over de dienstverlening";"Ines Inbox";"${email}"`
	);

	// The reference opens the dossier.
	await inboxTable(page).getByRole('link', { name: reference }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
	await expectAccessible(page);

	// Delete the saved filter again.
	await page.goto('/backoffice');
	await page.getByRole('button', { name: `Verwijder filter ${name}` }).click();
	await expect(page.getByRole('link', { name })).toHaveCount(0);
	await expectAccessible(page);
	await context.close();
});

test('a clerk sees the back-office page without dossiers', async ({ page }) => {
	await logIn(page, 'clerk');
	await page.goto('/backoffice');
	await expect(page.getByRole('heading', { level: 1, name: 'Back-office' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Werkbak' })).toHaveCount(0);
	await expect(page.getByRole('table')).toHaveCount(0);
	await expectAccessible(page);
});

test('the filter form and saving a filter work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await logIn(page, 'staff');
	await page.goto('/backoffice');
	await page.getByRole('heading', { name: 'Filteren' }).click();
	await page.getByLabel('Behandelaar').selectOption({ label: 'Niet toegewezen' });
	await page.getByLabel('Sorteren op').selectOption({ label: 'Uiterste datum' });
	await page.getByRole('button', { name: 'Toon dossiers' }).click();
	await expect(page).toHaveURL(/assignee=unassigned/);
	await expect(page).toHaveURL(/sort=due/);
	// (axe needs JavaScript: the same page is checked with it above.)
	await expect(page.getByLabel('Behandelaar')).toHaveValue('unassigned');
	const name = `Niet toegewezen ${stamp}`;
	await page.getByLabel('Naam voor deze filter').fill(name);
	await page.getByRole('button', { name: 'Bewaar deze filter' }).click();
	await expect(page).toHaveURL(/\/backoffice\?.*assignee=unassigned/);
	await expect(page.getByRole('link', { name })).toBeVisible();
	await page.getByRole('button', { name: `Verwijder filter ${name}` }).click();
	await expect(page.getByRole('link', { name })).toHaveCount(0);
	await context.close();
});

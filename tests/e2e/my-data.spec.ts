// "Mijn gegevens" (issue 23, item 3) on a phone: a new citizen files a complaint with a letter,
// opens Mijn gegevens from Mijn account, sees the dossier and the file, downloads the package, unzips
// it here with the library the server zips with and finds the dossier in gegevens.json and the
// letter byte for byte; then deletes the account, is told what stays, and cannot sign in again.
// axe runs on every page.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expectAccessible } from './axe';
import { errorSummary, fileComplaint, pdf, upload } from './filing-helpers';
import { registerAccount } from './users';

test.describe.configure({ timeout: 180_000 });

const password = 'blauwe walvis zwemt rustig verder';

async function expectLoginRefused(page: Page, email: string): Promise<void> {
	await page.goto('/aanmelden', { waitUntil: 'networkidle' });
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'E-mailadres of wachtwoord klopt niet.'
	);
	await expect(page).toHaveURL('/aanmelden');
}

test('a citizen sees and downloads their data, then deletes the account', async ({ page }) => {
	const email = `gegevens-${Date.now()}@example.be`;
	await registerAccount(page, { name: 'Greet Gegevens', email, password });
	const reference = await fileComplaint(
		page,
		{
			firstName: 'Greet',
			lastName: 'Gegevens',
			email,
			what: 'De parkeerautomaat gaf geen ticket.',
			wish: 'Mijn geld terug.'
		},
		[upload('brief.pdf')]
	);

	await page.getByRole('banner').getByRole('link', { name: 'Mijn account' }).click();
	await page.getByRole('main').getByRole('link', { name: 'Mijn gegevens' }).click();
	await expect(page).toHaveURL('/mijn-gegevens');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn gegevens');
	const dossiers = page.getByRole('region', { name: 'Uw aanvragen', exact: true });
	await expect(dossiers.getByRole('link', { name: new RegExp(reference) })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Uw bestanden', exact: true })).toContainText(
		'brief.pdf'
	);
	await expect(page.getByRole('region', { name: 'Uw account', exact: true })).toContainText(email);
	await expect(
		page.getByRole('region', { name: 'Waar u aangemeld bent', exact: true })
	).toContainText('(dit toestel)');
	await expect(
		page.getByRole('region', { name: 'Uw account verwijderen', exact: true })
	).toContainText('blijven bij de gemeente');
	await expectAccessible(page);

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download mijn gegevens (zip)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^loket-gegevens-\d{4}-\d{2}-\d{2}\.zip$/);
	const unzipped = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
	const gegevens = JSON.parse(strFromU8(unzipped['gegevens.json']));
	expect(gegevens.account.email).toBe(email);
	expect(gegevens.dossiers.map((d: { reference: string }) => d.reference)).toEqual([reference]);
	const [dossier] = gegevens.dossiers;
	expect(dossier.answers).toContainEqual(
		expect.objectContaining({
			label: 'Wat is er gebeurd?',
			text: 'De parkeerautomaat gaf geen ticket.'
		})
	);
	const letter = unzipped[`bestanden/${reference}/brief.pdf`];
	expect(letter).toBeDefined();
	expect(Buffer.from(letter).equals(pdf)).toBe(true);

	// What deleting does is said before, next to the form, and after.
	await page.getByRole('link', { name: 'Naar ‘Account verwijderen’' }).click();
	await expect(page).toHaveURL('/mijn-account#account-verwijderen');
	await page.waitForLoadState('networkidle');
	const form = page.getByRole('region', { name: 'Account verwijderen', exact: true });
	await expect(form).toContainText('niet meer aan een account');
	await form.getByLabel('Uw wachtwoord, ter bevestiging').fill(password);
	await form.getByRole('checkbox', { name: /Ik wil mijn account verwijderen/ }).check();
	await form.getByRole('button', { name: 'Account verwijderen' }).click();
	await expect(page).toHaveURL('/mijn-account/afgesloten');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw account is verwijderd');
	await expect(page.getByRole('main')).toContainText('los van een account');
	await expectAccessible(page);

	// Signed out for good: the page of the data asks for a login, and the login is refused.
	await page.goto('/mijn-gegevens');
	await expect(page).toHaveURL('/aanmelden?next=%2Fmijn-gegevens');
	await expectLoginRefused(page, email);
	await expectAccessible(page);
});

// The access log (issue 23, item 4): a guest files a complaint with a letter (a PDF: a photo's
// preview, loaded whenever the browser likes, would add a line of its own); staff open the dossier
// and find their own look in its "Inzage", then download the letter and find that too; an admin
// finds the dossier on the data-protection page (a wrong reference is refused beside its field)
// and downloads its log as CSV, which holds the staff's looks and the export itself. axe runs on
// every page.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { fileComplaint, upload } from './filing-helpers';
import { logIn } from './users';

test.describe.configure({ timeout: 180_000 });

test('staff see their own look in the dossier’s Inzage; an admin downloads the log', async ({
	browser
}) => {
	const guest = await (await browser.newContext()).newPage();
	const reference = await fileComplaint(
		guest,
		{
			firstName: 'Ilse',
			lastName: 'Inzage',
			email: `inzage-${Date.now()}@example.be`,
			what: 'Niemand belde terug over mijn vraag.',
			wish: 'Een antwoord.'
		},
		[upload('brief.pdf')]
	);
	await guest.context().close();

	const staff = await (await browser.newContext()).newPage();
	await logIn(staff, 'staff');
	await staff.goto(`/backoffice?q=${reference}`);
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff).toHaveURL(/\/backoffice\/dossiers\/[0-9a-f-]{36}$/);
	const log = staff.getByRole('table', { name: 'Inzage in dit dossier' });
	await expect(staff.getByRole('heading', { level: 2, name: 'Inzage' })).toBeVisible();
	await expect(log.getByRole('row')).toHaveCount(2);
	await expect(log.getByRole('row').nth(1)).toContainText('Stijn Balie');
	await expect(log.getByRole('row').nth(1)).toContainText('Dossier geopend');
	await expectAccessible(staff);

	const download = staff.waitForEvent('download');
	await staff
		.getByRole('link', { name: /brief\.pdf/ })
		.first()
		.click();
	await download;
	await staff.reload();
	// Latest first: the page opened again, the download, the first look.
	await expect(log.getByRole('row').nth(1)).toContainText('Dossier geopend');
	await expect(log.getByRole('row').nth(2)).toContainText('Bestand gedownload: brief.pdf');
	await expect(log.getByRole('row').nth(3)).toContainText('Dossier geopend');
	await staff.context().close();

	const admin = await (await browser.newContext()).newPage();
	await logIn(admin, 'admin');
	await admin.goto('/backoffice');
	await admin.getByRole('link', { name: 'Inzage', exact: true }).click();
	await expect(admin.getByRole('heading', { level: 1, name: 'Inzage exporteren' })).toBeVisible();
	await expectAccessible(admin);

	const dossierField = admin.getByLabel('Referentie of id van het dossier');
	await dossierField.fill('2026-99999');
	await admin.getByRole('button', { name: 'Zoeken' }).first().click();
	const summary = admin.getByRole('alert');
	await expect(summary).toContainText('Vul een referentie in zoals 2026-000123');
	await expect(dossierField).toHaveAttribute('aria-invalid', 'true');
	await expect(dossierField).toHaveValue('2026-99999');
	await expectAccessible(admin);

	await dossierField.fill(reference);
	await admin.getByRole('button', { name: 'Zoeken' }).first().click();
	await expect(admin.getByText(`Dossiers: ${reference}. Regels in de inzage: 3.`)).toBeVisible();
	await expectAccessible(admin);
	const csvDownload = admin.waitForEvent('download');
	await admin.getByRole('link', { name: 'Inzage downloaden (CSV)' }).click();
	const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
	const lines = csv
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	expect(lines[0]).toBe('"Dossier";"Wanneer";"Wie";"Via";"Wat";"Bestand of document"');
	expect(lines.slice(1).map((l) => l.split(';').slice(2).join(';'))).toEqual([
		'"Stijn Balie";"Back-office";"Dossier geopend";""',
		'"Stijn Balie";"Back-office";"Bestand gedownload";"brief.pdf"',
		'"Stijn Balie";"Back-office";"Dossier geopend";""',
		'"Ada Beheer";"Back-office";"Inzage geëxporteerd voor gegevensbescherming";""'
	]);
	for (const line of lines.slice(1)) expect(line.startsWith(`"${reference}";`)).toBe(true);
	await admin.context().close();
});

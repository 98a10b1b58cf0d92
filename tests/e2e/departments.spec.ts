// Departments, as an admin and staff use them: the admin adds a department (a name is required)
// and chooses who works in it; staff hand a dossier over to it with a note (the note is required),
// after which their department no longer finds the dossier or its files, and the new department
// reads the note in the dossier's history.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { fileComplaint, upload } from './filing-helpers';
import { logIn } from './users';

test.describe.configure({ timeout: 240_000 });

async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
	const context = await browser.newContext({ viewport, isMobile: false, hasTouch: false });
	return context.newPage();
}

test('an admin adds a department, and staff hand a dossier over to it with a note', async ({
	browser
}) => {
	const name = `Groendienst ${Date.now()}`;
	const admin = await newPage(browser);
	await logIn(admin, 'admin');
	await admin.goto('/backoffice');
	await admin.getByRole('link', { name: 'Diensten' }).click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Diensten');
	await expect(admin.getByRole('row', { name: /Algemeen standaard/ })).toBeVisible();
	await expectAccessible(admin);

	// Without a name: refused, next to the field and in the summary.
	await admin.getByRole('button', { name: 'Dienst toevoegen' }).click();
	const summary = admin.getByRole('alert');
	await expect(summary).toContainText('Geef de dienst een naam.');
	await expect(admin.getByLabel('Naam van de dienst')).toHaveAccessibleDescription(
		/Geef de dienst een naam\./
	);
	await expectAccessible(admin);
	await admin.getByLabel('Naam van de dienst').fill(name);
	await admin.getByRole('button', { name: 'Dienst toevoegen' }).click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(admin.getByRole('status')).toContainText('De dienst is toegevoegd.');
	await expectAccessible(admin);
	const members = admin.getByRole('group', { name: /Medewerkers van deze dienst/ });
	await members.getByRole('checkbox', { name: /Ada Beheer/ }).check();
	await admin.getByRole('button', { name: 'Dienst bewaren' }).click();
	await expect(admin.getByRole('status')).toHaveText('De dienst is bewaard.');
	await expect(members.getByRole('checkbox', { name: /Ada Beheer/ })).toBeChecked();

	// A citizen files a complaint with a photo; staff find it and hand it over.
	const citizen = await newPage(browser, { width: 390, height: 844 });
	const reference = await fileComplaint(
		citizen,
		{
			firstName: 'Dora',
			lastName: 'Dienst',
			email: `dienst-${Date.now()}@example.be`,
			what: 'Een tak van een boom hangt over het fietspad.',
			wish: 'Dat de tak wordt weggehaald.'
		},
		[upload('tak.jpg')]
	);

	const staff = await newPage(browser);
	await logIn(staff, 'staff');
	await staff.goto(`/backoffice?q=${reference}`);
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	const dossierUrl = staff.url();
	const fileUrl = await staff.getByRole('link', { name: /tak\.jpg/ }).getAttribute('href');
	expect(fileUrl).toBeTruthy();
	await staff.getByText('Overdragen aan een andere dienst').click();
	await staff.getByLabel('Dienst die het dossier overneemt').selectOption({ label: name });
	await staff.getByRole('button', { name: 'Overdragen' }).click();
	const note = staff.getByLabel('Waarom gaat het naar die dienst?');
	await expect(note).toHaveAccessibleDescription(/Schrijf waarom u het dossier overdraagt\./);
	await expect(staff.getByLabel('Dienst die het dossier overneemt')).toHaveValue(/.+/);
	await expectAccessible(staff);
	await note.fill('Het gaat over een boom, niet over de weg.');
	await staff.getByRole('button', { name: 'Overdragen' }).click();
	await expect(staff).toHaveURL(/\/backoffice$/);
	await expect(staff.getByRole('status')).toContainText(
		'Het dossier is overgedragen aan de andere dienst.'
	);
	await expectAccessible(staff);
	// Their department no longer finds it, nor its file.
	expect((await staff.request.get(dossierUrl)).status()).toBe(404);
	expect((await staff.request.get(fileUrl!)).status()).toBe(404);
	await staff.goto(`/backoffice?q=${reference}`);
	await expect(staff.getByRole('link', { name: reference })).toHaveCount(0);

	// The new department reads why it came.
	await admin.goto(dossierUrl);
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	await expect(admin.getByText(`Overgedragen aan ${name}`)).toBeVisible();
	await expect(admin.getByText('Het gaat over een boom, niet over de weg.')).toBeVisible();
	await expectAccessible(admin);
	expect((await admin.request.get(fileUrl!)).status()).toBe(200);
});

// Retention (issue 23): staff put a dossier on legal hold from its page (a hold without a reason
// is refused beside the field and in the summary), the dossier page shows the hold, and an admin
// finds it on the back-office's retention page ("Bewaring"), with the reason, beside the lists of
// what falls due and what was destroyed, and the day's run the server made at its start. axe runs
// on every page.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { fileComplaint } from './filing-helpers';
import { logIn } from './users';

test.describe.configure({ timeout: 180_000 });

test('staff put a dossier on legal hold with a reason; the retention page lists the hold', async ({
	browser
}) => {
	const guest = await (await browser.newContext()).newPage();
	const reference = await fileComplaint(guest, {
		firstName: 'Bart',
		lastName: 'Bewaring',
		email: `bewaring-${Date.now()}@example.be`,
		what: 'Mijn vraag bleef drie maanden liggen.',
		wish: 'Een antwoord en uitleg.'
	});
	await guest.context().close();

	const staff = await (await browser.newContext()).newPage();
	await logIn(staff, 'staff');
	await staff.goto(`/backoffice?q=${reference}`);
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff).toHaveURL(/\/backoffice\/dossiers\/[0-9a-f-]{36}$/);
	const dossierUrl = staff.url();
	const hold = staff.getByRole('region', { name: 'Juridische bewaring' });
	await expect(hold).toContainText('Niet in juridische bewaring');
	await hold.getByRole('link', { name: 'Juridische bewaring beheren' }).click();
	await expect(
		staff.getByRole('heading', { level: 1, name: `Juridische bewaring van dossier ${reference}` })
	).toBeVisible();
	await expectAccessible(staff);

	// Without a reason: refused beside the field and in the summary.
	await staff.getByRole('button', { name: 'In juridische bewaring plaatsen' }).click();
	await expect(staff.getByRole('alert')).toContainText('Geef de reden van de bewaring.');
	await expect(staff.getByLabel('Reden van de bewaring')).toHaveAccessibleDescription(
		/Geef de reden van de bewaring\./
	);
	await expectAccessible(staff);

	const reason = 'Beroep bij de Raad van State tegen de beslissing';
	await staff.getByLabel('Reden van de bewaring').fill(reason);
	await staff.getByRole('button', { name: 'In juridische bewaring plaatsen' }).click();
	await expect(staff.getByRole('status')).toContainText(
		'Het dossier staat nu in juridische bewaring.'
	);
	await expect(staff.getByText(`Reden: ${reason}`)).toBeVisible();
	await expect(staff.getByRole('button', { name: 'Juridische bewaring opheffen' })).toBeVisible();
	await expectAccessible(staff);

	await staff.goto(dossierUrl);
	await expect(hold).toContainText('In juridische bewaring sinds');
	await expect(hold).toContainText(`Reden: ${reason}`);
	await expectAccessible(staff);
	await staff.context().close();

	const admin = await (await browser.newContext()).newPage();
	await logIn(admin, 'admin');
	await admin.goto('/backoffice');
	await admin.getByRole('link', { name: 'Bewaring', exact: true }).click();
	await expect(
		admin.getByRole('heading', { level: 1, name: 'Bewaring en vernietiging' })
	).toBeVisible();
	const holds = admin.getByRole('region', { name: 'Juridische bewaring' });
	const row = holds.getByRole('row', { name: new RegExp(reference) });
	await expect(row).toContainText(reason);
	await expect(row).toContainText('Stijn Balie');
	await expect(admin.getByRole('heading', { level: 2, name: 'De komende 30 dagen' })).toBeVisible();
	// The server's start made the day's run; it is on record, finished.
	const today = new Date().toISOString().slice(0, 10);
	await expect(
		admin
			.getByRole('region', { name: 'Dagelijkse runs' })
			.getByRole('row', { name: new RegExp(`^${today} `) })
	).toBeVisible();
	await expectAccessible(admin);
	await admin.context().close();
});

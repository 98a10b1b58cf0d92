// Standard replies: a clerk writes one for complaints (a mistyped placeholder is caught at the
// field), a guest files a complaint, and staff insert the reply into a message to the citizen,
// after what they already typed, with the name, reference and due date of that dossier filled in.
import { expect, test } from '@playwright/test';
import { computeDueDate } from '../../src/lib/process/calendar';
import { expectAccessible } from './axe';
import { fileComplaint, longDate, today } from './filing-helpers';
import { logIn } from './users';

test.describe.configure({ timeout: 180_000 });

const stamp = Date.now();
const title = `Ontvangst klacht ${stamp}`;

test('a clerk writes a standard reply; staff insert it filled in for the dossier', async ({
	browser
}) => {
	const clerk = await (await browser.newContext()).newPage();
	await logIn(clerk, 'clerk');
	await clerk.goto('/backoffice');
	await clerk.getByRole('link', { name: 'Standaardantwoorden beheren' }).click();
	await expect(clerk.getByRole('heading', { level: 1, name: 'Standaardantwoorden' })).toBeVisible();
	await expectAccessible(clerk);
	await clerk.getByRole('link', { name: 'Nieuw standaardantwoord' }).click();
	await expectAccessible(clerk);

	await clerk.getByLabel('Proces').selectOption({ label: 'Klacht over de dienstverlening' });
	await clerk.getByLabel('Titel').fill(title);
	const typo = 'Beste {naam}, uw klacht {referentie} beantwoorden we vóór {termjin}.';
	await clerk.getByLabel('Tekst in het Nederlands').fill(typo);
	await clerk.getByRole('button', { name: 'Standaardantwoord opslaan' }).click();
	const summary = clerk.getByRole('alert');
	await expect(summary).toContainText('Onbekende invulplaats: {termjin}');
	await expect(summary).toBeFocused();
	await expect(clerk.getByLabel('Tekst in het Nederlands')).toHaveAccessibleDescription(
		/Onbekende invulplaats: \{termjin\}/
	);
	// Nothing typed is lost.
	await expect(clerk.getByLabel('Tekst in het Nederlands')).toHaveValue(typo);
	await expect(clerk.getByLabel('Titel')).toHaveValue(title);
	await expectAccessible(clerk);

	await clerk
		.getByLabel('Tekst in het Nederlands')
		.fill('Beste {naam}, uw klacht {referentie} beantwoorden we vóór {termijn}.');
	await clerk.getByRole('button', { name: 'Standaardantwoord opslaan' }).click();
	await expect(clerk.getByRole('status')).toHaveText('Het standaardantwoord is opgeslagen.');
	const group = clerk.getByRole('region', { name: 'Klacht over de dienstverlening' });
	await expect(group.getByRole('link', { name: title })).toBeVisible();
	await expectAccessible(clerk);

	// A guest files a complaint; staff open it.
	const guest = await (await browser.newContext()).newPage();
	const reference = await fileComplaint(guest, {
		firstName: 'Tine',
		lastName: 'Tekst',
		email: `template-${stamp}@example.be`,
		what: 'De balie was gesloten tijdens de openingsuren.',
		wish: 'Een verklaring en een nieuwe afspraak.'
	});
	const due = longDate(computeDueDate(today(), { days: 45, unit: 'calendar' }));

	const staff = await (await browser.newContext()).newPage();
	await logIn(staff, 'staff');
	await staff.goto(`/backoffice?q=${reference}`);
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toContainText(reference);

	const messageForm = staff.getByRole('form', { name: 'Bericht of notitie' });
	await messageForm.getByLabel('Tekst').fill('Dag mevrouw,');
	await messageForm.getByLabel('Standaardantwoord').selectOption({ label: title });
	await messageForm.getByRole('button', { name: 'Invoegen' }).click();
	const filled = `Beste Tine Tekst, uw klacht ${reference} beantwoorden we vóór ${due}.`;
	await expect(messageForm.getByLabel('Tekst')).toHaveValue(`Dag mevrouw,\n\n${filled}`);
	await expect(messageForm.getByLabel('Tekst')).toBeFocused();
	await expectAccessible(staff);

	await messageForm.getByRole('radio', { name: /Bericht aan de aanvrager/ }).check();
	await messageForm.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(staff.getByRole('status')).toHaveText('Toegevoegd aan het dossier.');
	await expect(staff.getByRole('list').filter({ hasText: filled }).first()).toBeVisible();
});

// Intake on behalf of a citizen (issue 20, item 3): a clerk at the counter files a complaint for a
// citizen standing at the desk, through the same form the citizen would fill in online. The
// citizen gets the receipt mail with the tracking link, which opens their dossier; the staff
// dossier page says who filed it and how. A missing answer is refused next to the field and in
// the summary. At a desktop viewport: staff work at a desk.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { errorSummary, expectStep, pressContinue } from './filing-helpers';
import { waitForMail } from './mail';
import { e2eUsers, logIn } from './users';

test.describe.configure({ timeout: 180_000 });

test('staff file a request for a citizen at the desk; the citizen receives the tracking link @smoke', async ({
	browser
}) => {
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		isMobile: false,
		hasTouch: false
	});
	const page = await context.newPage();
	const email = `loket-${Date.now()}@example.be`;
	await logIn(page, 'staff');

	await page.goto('/backoffice');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Aanvraag registreren voor een burger' }).click();
	await expect(page).toHaveURL(/\/backoffice\/intake$/);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Aanvraag registreren voor een burger' })
	).toBeVisible();
	await expectAccessible(page);

	// Without the citizen's name: refused beside the field and in the summary, the choices kept.
	await page.getByLabel('Aanvraag').selectOption({ label: 'Klacht over de dienstverlening' });
	await page.getByRole('radio', { name: 'aan het loket' }).check();
	await page.getByRole('button', { name: 'Verder naar het formulier' }).click();
	await expect(errorSummary(page)).toContainText('Vul de naam van de burger in.');
	await expect(page.getByLabel('Naam van de burger')).toHaveAccessibleDescription(
		/Vul de naam van de burger in\./
	);
	await expect(page.getByLabel('Aanvraag')).toHaveValue('klacht');
	await expectAccessible(page);

	await page.getByLabel('Naam van de burger').fill('Jan Peeters');
	await page.getByLabel('E-mailadres van de burger').fill(email);
	await page.getByRole('button', { name: 'Verder naar het formulier' }).click();

	// The citizen's own form, filled in with whom it is for.
	await expectStep(page, /\/backoffice\/intake\/[0-9a-f-]{36}\/uw-gegevens$/, 'Uw gegevens');
	await expect(page.getByText('voor Jan Peeters, aan het loket')).toBeVisible();
	await expect(page.getByLabel('Voornaam')).toHaveValue('Jan');
	await expect(page.getByLabel('Familienaam')).toHaveValue('Peeters');
	await expect(page.getByLabel('E-mailadres')).toHaveValue(email);
	await expectAccessible(page);

	// A required answer left out: refused next to the field and in the summary.
	await page.getByLabel('Voornaam').fill('');
	await page
		.getByRole('group', { name: /namens iemand anders/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await pressContinue(page);
	await expect(errorSummary(page)).toContainText('Vul ‘Voornaam’ in.');
	await expect(page.getByLabel('Voornaam')).toHaveAccessibleDescription(/Vul ‘Voornaam’ in\./);
	await expectAccessible(page);

	// A reload keeps nothing typed but everything saved; the clerk goes on.
	await page.getByLabel('Voornaam').fill('Jan');
	await pressContinue(page);
	await expectStep(page, /\/uw-klacht$/, 'Uw klacht');
	await page.reload();
	await expectStep(page, /\/uw-klacht$/, 'Uw klacht');
	await expectAccessible(page);
	await page
		.getByLabel('Over welke dienst gaat uw klacht?')
		.selectOption({ label: 'Mobiliteit en parkeren' });
	await page.getByLabel('Wanneer is het gebeurd?').fill('2026-11-20');
	await page.getByLabel('Wat is er gebeurd?').fill('De parkeerautomaat gaf geen ticket.');
	await page
		.getByRole('group', { name: /al gemeld/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await page.getByLabel('Wat verwacht u van ons?').fill('Mijn geld terug.');
	await page
		.getByRole('group', { name: /gerechtelijke procedure/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await pressContinue(page);
	await expectStep(page, /\/bevestigen$/, 'Bevestigen');
	await expectAccessible(page);
	await page.getByLabel(/Ik verklaar op eer/).check();
	await pressContinue(page);

	await expectStep(page, /\/controle$/, 'Controleer uw antwoorden');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();

	await expectStep(page, /\/ontvangen$/, 'Aanvraag ingediend');
	await expect(page.getByText(`Jan Peeters krijgt het ontvangstbewijs`)).toContainText(email);
	const reference = (await page
		.getByRole('link', { name: /^Dossier \d{4}-\d{6} openen$/ })
		.textContent())!
		.replace('Dossier ', '')
		.replace(' openen', '')
		.trim();
	await expect(
		page.getByRole('link', { name: 'Ontvangstbewijs (pdf) afdrukken of downloaden' })
	).toBeVisible();
	await expectAccessible(page);

	// The PDF receipt is there for the citizen on paper.
	const pdf = await page.request.get(`${new URL(page.url()).pathname}/ontvangstbewijs.pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');

	// The staff dossier page says who filed it and how, and so does its timeline.
	await page.getByRole('link', { name: `Dossier ${reference} openen` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
	await expect(page.getByText(`Ingediend door ${e2eUsers.staff.name} aan het loket`)).toBeVisible();
	await expectAccessible(page);

	// The citizen's mail holds the tracking link, which opens their dossier.
	const mail = await waitForMail(email, { subject: new RegExp(reference) });
	const link = mail.links.find((l) => l.includes('/volg/'));
	expect(link).toBeDefined();
	const citizen = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		isMobile: false,
		hasTouch: false
	});
	const tracking = await citizen.newPage();
	await tracking.goto(link!);
	await expect(tracking.getByRole('heading', { level: 1 })).toContainText(reference);
	await expectAccessible(tracking);
	await citizen.close();
	await context.close();
});

test('an intake not filed is listed to go on with, and can be dropped', async ({ browser }) => {
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		isMobile: false,
		hasTouch: false
	});
	const page = await context.newPage();
	const name = `Anna Taal ${Date.now()}`;
	await logIn(page, 'staff');
	// Opened directly: wait for the page's scripts, as a clerk at the desk does. Hydration sets a
	// bound <select> back to its value in the form, so a choice made before it would be lost.
	await page.goto('/backoffice/intake', { waitUntil: 'networkidle' });
	// The citizen's language starts as the page's; staff choose theirs.
	await expect(page.getByRole('radio', { name: 'Nederlands' })).toBeChecked();
	await page.getByLabel('Aanvraag').selectOption({ label: 'Klacht over de dienstverlening' });
	await page.getByRole('radio', { name: 'telefonisch' }).check();
	await page.getByLabel('Naam van de burger').fill(name);
	await page.getByRole('radio', { name: 'English' }).check();
	await page.getByRole('button', { name: 'Verder naar het formulier' }).click();
	await expectStep(page, /\/backoffice\/intake\/[0-9a-f-]{36}\/uw-gegevens$/, 'Uw gegevens');

	// The citizen hangs up: back to the start, where the intake waits, and is dropped.
	await page.getByRole('link', { name: 'Terug naar aanvraag registreren' }).click();
	await expect(page).toHaveURL(/\/backoffice\/intake$/);
	const item = `Klacht over de dienstverlening voor ${name}`;
	await expect(page.getByRole('link', { name: item })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: `Weggooien: ${item}` }).click();
	await expect(page.getByRole('status')).toHaveText(
		`Klacht over de dienstverlening voor ${name} is weggegooid. Niets ervan werd ingediend.`
	);
	await expect(page.getByRole('link', { name: item })).toHaveCount(0);
	await expectAccessible(page);
	await context.close();
});

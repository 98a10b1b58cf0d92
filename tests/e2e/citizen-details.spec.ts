// What a citizen on a phone met in the trial of issue 24 (items 4, 5, 6, 8, 10, 13, 14): an empty
// file is said and not dropped, signing in to a form lands without errors in the console, the
// device's pages carry the chosen language, a signed-in citizen finds their name and e-mail filled
// in, a report is called a report, the header is compact, and registration tells nobody whether an
// address has an account while a verification link needs a button press.
import { devices, expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import {
	describeProblem,
	errorSummary,
	escapeRegExp,
	expectStep,
	fillAddress,
	melding,
	pressContinue,
	readReference,
	sendReportWithoutContact,
	upload
} from './filing-helpers';
import { waitForMail } from './mail';
import { e2eUsers, logIn } from './users';

test.use({ ...devices['Pixel 7'], viewport: { width: 390, height: 844 } });
test.describe.configure({ timeout: 120_000 });

const header = (page: Page) => page.getByRole('banner');

test('4: an empty file is said at the field and in the summary, and what was typed stays', async ({
	page
}) => {
	await describeProblem(page);
	await fillAddress(page, 'Adres', {
		street: 'Kerkstraat',
		number: '12',
		postcode: '9000',
		municipality: 'Gent'
	});
	await page.getByLabel('Meer uitleg over de plaats').fill('Voor de bakkerij.');
	await page
		.getByLabel("Foto's")
		.setInputFiles({ name: 'leeg.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) });
	await pressContinue(page);

	const message =
		"Het bestand ‘leeg.jpg’ is leeg (0 bytes). Kies het opnieuw of kies een ander bestand (‘Foto's’).";
	await expect(errorSummary(page).getByRole('link')).toHaveText(message);
	await expect(page).toHaveURL(`${melding}/locatie`);
	await expect(page.getByLabel("Foto's")).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel("Foto's")).toHaveAccessibleDescription(
		new RegExp(`Fout: ${escapeRegExp(message)}`)
	);
	const address = page.getByRole('group', { name: 'Adres' });
	await expect(address.getByLabel('Straat')).toHaveValue('Kerkstraat');
	await expect(address.getByLabel('Gemeente')).toHaveValue('Gent');
	await expect(page.getByLabel('Meer uitleg over de plaats')).toHaveValue('Voor de bakkerij.');
	await expectAccessible(page);
});

test('10: a report is called a report on its receipt and its tracking page', async ({ page }) => {
	await describeProblem(page);
	await fillAddress(page, 'Adres', {
		street: 'Kerkstraat',
		number: '12',
		postcode: '9000',
		municipality: 'Gent'
	});
	await page.getByLabel("Foto's").setInputFiles(upload('put.png'));
	await pressContinue(page);
	await sendReportWithoutContact(page, /indienen|versturen/);

	await expectStep(page, /\/aanvragen\/ontvangen$/, 'Uw melding is verstuurd');
	const main = page.getByRole('main');
	await expect(main).toContainText('We handelen uw melding af tegen');
	await expect(main).not.toContainText(/aanvraag|beslissing/i);
	await expectAccessible(page);
	const reference = await readReference(page);

	await page.getByRole('link', { name: /\/volg\/[\w-]+$/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Melding ${reference}`);
	await expect(page).toHaveTitle(new RegExp(`^Melding ${reference}`));
	await expect(page.getByRole('term').filter({ hasText: 'Verwacht afgehandeld' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Uw melding' })).toBeVisible();
	await expect(main).toContainText('Melding verstuurd');
	await expect(main).not.toContainText(/beslissing|Aanvraag ingediend|Uw aanvraag/);
	await expectAccessible(page);
});

test('5: signing in to a form goes there without an error in the console', async ({ page }) => {
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(msg.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	const apply = '/p/bewonerskaart/aanvragen';
	await page.goto(`/aanmelden?next=${encodeURIComponent(apply)}`, { waitUntil: 'networkidle' });
	await page.getByLabel('E-mailadres').fill(e2eUsers.citizen.email);
	await page.getByLabel('Wachtwoord').fill('een lange zin voor de tests');
	await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`${apply}/[a-z-]+$`));
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await expectAccessible(page);
	expect(errors).toEqual([]);
});

test('8: a signed-in citizen finds their name and e-mail filled in, and what they change stays', async ({
	page
}) => {
	await logIn(page, 'otherCitizen');
	await page.goto('/p/klacht/aanvragen');
	await expectStep(page, /\/aanvragen\/uw-gegevens$/, 'Uw gegevens');
	await expect(page.getByLabel('Voornaam')).toHaveValue('Olga');
	await expect(page.getByLabel('Familienaam')).toHaveValue('Ander');
	await expect(page.getByLabel('E-mailadres')).toHaveValue(e2eUsers.otherCitizen.email);
	await expect(page.getByLabel('Telefoonnummer')).toHaveValue('');
	await expectAccessible(page);

	await page.getByLabel('Voornaam').fill('Olga Maria');
	await page
		.getByRole('group', { name: /namens iemand anders/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await pressContinue(page);
	await expectStep(page, /\/aanvragen\/uw-klacht$/, 'Uw klacht');
	// Coming back to the form later: the citizen's own answer, not the account's name.
	await page.goto('/p/klacht/aanvragen/uw-gegevens');
	await expect(page.getByLabel('Voornaam')).toHaveValue('Olga Maria');
	await expectAccessible(page);
});

test('6: the device pages carry the chosen language in <html lang>', async ({ page }) => {
	await page.goto('/');
	await header(page).getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	for (const path of ['/concepten', '/concepten/formulier']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expectAccessible(page);
	}
});

test('13: on a phone the signed-in header takes two short rows, and choices sit beside their labels', async ({
	page
}) => {
	await logIn(page, 'citizen');
	await page.goto('/');
	const banner = header(page);
	for (const control of [
		banner.getByRole('link', { name: 'Mijn concepten' }),
		banner.getByRole('link', { name: 'Mijn dossiers' }),
		banner.getByRole('link', { name: 'Mijn account' }),
		banner.getByRole('button', { name: 'Afmelden' }),
		banner.getByRole('button', { name: 'Switch to English' })
	])
		await expect(control).toBeVisible();
	await expect(banner).toContainText(e2eUsers.citizen.name);
	const box = await banner.boundingBox();
	expect(box?.height).toBeLessThanOrEqual(140);
	await expectAccessible(page);

	const audience = page.getByRole('group', { name: 'Voor wie?' });
	for (const name of ['Alle', 'Burgers', 'Ondernemingen']) {
		const circle = await audience.getByRole('radio', { name }).boundingBox();
		const text = await audience.getByText(name, { exact: true }).boundingBox();
		expect(circle && text).toBeTruthy();
		// Beside the circle, on its level: the text's middle is within the circle's height.
		const middle = text!.y + text!.height / 2;
		expect(text!.x).toBeGreaterThan(circle!.x + circle!.width);
		expect(middle).toBeGreaterThan(circle!.y);
		expect(middle).toBeLessThan(circle!.y + circle!.height);
	}
});

test('14: registering with an address that has an account answers as for a new one and mails its owner', async ({
	page
}) => {
	await page.goto('/registreren', { waitUntil: 'networkidle' });
	await page.getByLabel('Naam').fill('Iemand Anders');
	await page.getByLabel('E-mailadres').fill(e2eUsers.staff.email);
	await page.getByLabel('Kies een wachtwoord').fill('paarse olifant danst traag');
	await page.getByRole('button', { name: 'Account aanmaken' }).click();
	// The answer a new address gets, without a session for anyone.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in uw mailbox');
	await expect(page.getByRole('status')).toHaveText(
		`We stuurden een e-mail naar ${e2eUsers.staff.email}. Volg de link in die e-mail om uw e-mailadres te bevestigen; daarna bent u aangemeld.`
	);
	await expect(header(page).getByRole('link', { name: 'Aanmelden' })).toBeVisible();
	await expect(page.getByRole('main')).not.toContainText('Er bestaat al een account');
	await expectAccessible(page);

	const mail = await waitForMail(e2eUsers.staff.email, { subject: /probeerde een account/ });
	expect(mail.text).toContain('U hebt al een account met dit adres');
	expect(mail.links.some((l) => l.endsWith('/aanmelden'))).toBe(true);
	expect(mail.links.some((l) => l.endsWith('/wachtwoord-vergeten'))).toBe(true);
});

test('14: a verification link confirms the address only when its button is pressed', async ({
	page
}) => {
	const email = `scanner-${Date.now()}@example.be`;
	await page.goto('/registreren', { waitUntil: 'networkidle' });
	await page.getByLabel('Naam').fill('Sara Scan');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Kies een wachtwoord').fill('paarse olifant danst traag');
	await page.getByRole('button', { name: 'Account aanmaken' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in uw mailbox');
	await expect(header(page)).not.toContainText('Sara Scan');
	const link = (await waitForMail(email, { subject: /bevestig/i })).links.find((l) =>
		l.includes('/bevestigen/')
	);
	expect(link).toBeDefined();

	// A mail scanner opens the link: nothing is used up.
	const scanned = await page.request.get(link!);
	expect(scanned.status()).toBe(200);
	await page.goto(link!, { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bevestig uw e-mailadres');
	await expectAccessible(page);

	// The owner of the mailbox who did not choose this password (someone registered their address
	// with a password of their own) cannot confirm it: nothing is used up, nobody is signed in.
	const password = page.getByLabel('Uw wachtwoord');
	await page.getByRole('button', { name: 'Bevestig mijn e-mailadres' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'Vul het wachtwoord in dat u bij het registreren koos.'
	);
	await expect(password).toHaveAccessibleDescription(/Vul het wachtwoord in/);
	await password.fill('een gok van de eigenaar');
	await page.getByRole('button', { name: 'Bevestig mijn e-mailadres' }).click();
	await expect(password).toHaveAccessibleDescription(/Dit is niet het wachtwoord van dit account/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bevestig uw e-mailadres');
	await expect(header(page)).not.toContainText('Sara Scan');
	await expectAccessible(page);

	await password.fill('paarse olifant danst traag');
	await page.getByRole('button', { name: 'Bevestig mijn e-mailadres' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw e-mailadres is bevestigd');
	// Confirmed, the new account is signed in.
	await expect(page.getByRole('main')).toContainText('U bent nu aangemeld.');
	await expect(header(page)).toContainText('Sara Scan');
	await expectAccessible(page);
	await page.goto(link!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Deze link is ongeldig of verlopen'
	);
});

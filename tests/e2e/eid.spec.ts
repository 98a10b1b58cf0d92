// Issue 18: a process that needs a certain identity. The extract from the criminal record asks for
// a sign-in at level high (eID, itsme). A citizen on a phone is sent to sign in, not offered a
// password; an SMS code (substantial) is refused with the reason and a way to try again; with eID
// they come back to the form, find their name filled in and confirmed (read-only, and the server
// refuses a post that changes it), and file. Staff see how the citizen signed in. The identity
// provider is the real `oidc-provider` beside the e2e server (test-provider.ts), whose own page
// lets the test choose who signs in. axe runs on every Loket page.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expectStep } from './filing-helpers';
import { logIn } from './users';

const product = '/p/uittreksel-strafregister';
const apply = `${product}/aanvragen`;
const desk = { viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false };

test.describe.configure({ timeout: 180_000 });

/** At the test provider's page: signs in as the person on this button. */
async function chooseAtProvider(page: Page, person: RegExp): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: 'Testaanmelding' })).toBeVisible();
	await page.getByRole('button', { name: person }).click();
}

test('a process that needs eID: signed in at its level, name confirmed, staff see how @smoke', async ({
	page,
	browser
}) => {
	await page.goto(product);
	await expect(page.getByText('U meldt zich aan met uw eID of itsme.')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Aanvraag starten' }).first().click();

	// The sign-in page asks for eID or itsme; a password does not reach the level.
	await expect(page).toHaveURL(/\/aanmelden\?next=[^&]+&niveau=high$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
	await expect(page.getByText(/Meld u aan met uw eID of itsme\.$/)).toBeVisible();
	await expect(page.getByLabel('Wachtwoord')).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Aanmelden met eID of itsme' }).click();

	// An SMS code is substantial: not enough. The way on asks for the same level again.
	await chooseAtProvider(page, /^Bert Wouters \(sms\)$/);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Aanmelden is niet gelukt' })
	).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('sterker middel, zoals uw eID of itsme');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Opnieuw proberen' }).click();

	// With eID: straight back to the form.
	await chooseAtProvider(page, /^An Claes \(eid\)$/);
	await expectStep(page, `${apply}/uittreksel`, 'Welk uittreksel hebt u nodig?');
	await expectAccessible(page);
	await page.getByRole('radio', { name: /^Model 595/ }).check();
	await page.getByLabel('Voor welke organisatie').fill('Basisschool De Linde');
	await page.getByLabel('Waarvoor hebt u het nodig?').selectOption({ label: 'Vrijwilligerswerk' });
	await page
		.getByRole('group', { name: /in het buitenland/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await page.getByRole('button', { name: 'Verder' }).click();
	await expectStep(page, `${apply}/voor-wie`, 'Voor wie is het?');
	await page.getByRole('radio', { name: 'Voor mezelf' }).check();
	await page.getByRole('button', { name: 'Verder' }).click();

	// The name is the one eID gave: filled in, confirmed, not to be typed over.
	await expectStep(page, `${apply}/levering-contact`, 'Levering en contactgegevens');
	const firstName = page.getByLabel('Voornaam');
	await expect(firstName).toHaveValue('An');
	await expect(firstName).toHaveAttribute('readonly', '');
	await expect(page.getByLabel('Achternaam')).toHaveValue('Claes');
	const nationalNumber = page.getByLabel('Uw rijksregisternummer');
	await expect(nationalNumber).toHaveValue('85.07.30-033.28');
	await expect(nationalNumber).toHaveAttribute('readonly', '');
	await expect(firstName).toHaveAccessibleDescription(
		'Bevestigd door uw aanmelding met eID of itsme. Klopt dit niet? Neem contact op met de gemeente.'
	);
	await expect(page.getByLabel('E-mailadres')).toHaveValue('an.claes@example.be');
	await expectAccessible(page);

	// A post that changes it anyway (not through the page) is refused, next to the field.
	const refused = await page.request.post(`${apply}/levering-contact`, {
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		multipart: {
			levering: 'email',
			voornaam: 'Anna',
			achternaam: 'Claes',
			rijksregisternummer: '85.07.30-033.28',
			email: 'an.claes@example.be'
		}
	});
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain(
		'‘Voornaam’ komt van uw aanmelding en kan hier niet gewijzigd worden.'
	);

	await page.getByRole('radio', { name: 'Per e-mail, als pdf' }).check();
	await page.getByRole('button', { name: 'Verder' }).click();
	await expectStep(page, `${apply}/bevestiging`, 'Bevestigen');
	await page.getByRole('checkbox', { name: /Ik verklaar op eer/ }).check();
	await page.getByRole('checkbox', { name: /Ik ga akkoord/ }).check();
	await page.getByRole('button', { name: 'Verder' }).click();
	await expectStep(page, `${apply}/controle`, 'Controleer uw antwoorden');
	await expect(page.getByText('An', { exact: true })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
	await expectStep(page, /\/aanvragen\/ontvangen$/, 'Uw aanvraag is ingediend');
	const reference = await page
		.getByRole('paragraph')
		.filter({ hasText: 'Uw referentie' })
		.getByRole('strong')
		.innerText();
	await expectAccessible(page);

	// Staff see who filed it and how certain that is.
	const staff = await (await browser.newContext(desk)).newPage();
	await logIn(staff, 'staff');
	await staff.goto('/backoffice');
	await staff.getByLabel('Zoeken').fill(reference);
	await staff.getByRole('button', { name: 'Zoeken', exact: true }).click();
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	await expect(staff.getByText('Aangemeld met eID of itsme, niveau hoog')).toBeVisible();
	await expect(staff.getByRole('definition').filter({ hasText: 'An Claes' })).toContainText(
		'an.claes@example.be'
	);
	await expectAccessible(staff);
});

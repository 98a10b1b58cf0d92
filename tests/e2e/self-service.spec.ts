// A citizen on a phone looks after their own account: a forgotten password is reset through the
// link in the mail (which then no longer works), a changed password replaces the old one at the
// login, and a closed account can no longer sign in while its address is free again.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import {
	errorSummary,
	expectStep,
	fillAddress,
	pressContinue,
	readReceipt
} from './filing-helpers';
import { waitForMail } from './mail';
import { registerAccount } from './users';

test.describe.configure({ timeout: 180_000 });

const password = 'paarse olifant danst traag';
const newPassword = 'groene kikker springt hoog';
let counter = 0;
const newEmail = () => `zelf-${Date.now()}-${counter++}@example.be`;

const header = (page: Page) => page.getByRole('banner');

/**
 * Opens a page and waits until its scripts have run: hydration empties inputs rendered with a
 * value (as the account forms are), so text typed before it would be lost.
 */
async function open(page: Page, path: string): Promise<void> {
	await page.goto(path, { waitUntil: 'networkidle' });
}
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function register(page: Page, name: string, email: string): Promise<void> {
	await registerAccount(page, { name, email, password });
}

async function logOut(page: Page): Promise<void> {
	await header(page).getByRole('button', { name: 'Afmelden' }).click();
	await expect(header(page).getByRole('link', { name: 'Aanmelden' })).toBeVisible();
}

/** Tries to sign in on /aanmelden and waits for the answer. */
async function tryLogIn(page: Page, email: string, pass: string): Promise<void> {
	await open(page, '/aanmelden');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(pass);
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/aanmelden'
	);
	await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
	await answered;
}

async function expectLoginRefused(page: Page, email: string, pass: string): Promise<void> {
	await tryLogIn(page, email, pass);
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'E-mailadres of wachtwoord klopt niet.'
	);
	await expect(page).toHaveURL('/aanmelden');
}

async function expectLoginWorks(page: Page, email: string, pass: string, name: string) {
	await tryLogIn(page, email, pass);
	await expect(page).not.toHaveURL(/\/aanmelden/);
	await expect(header(page)).toContainText(name);
}

/** The newest reset link mailed to this address (the verification mail comes first). */
async function resetLink(email: string): Promise<string> {
	let link: string | undefined;
	await expect
		.poll(
			async () => {
				link = (await waitForMail(email, { subject: /wachtwoord/i })).links.find((l) =>
					l.includes('/wachtwoord-vergeten/')
				);
				return link;
			},
			{ timeout: 30_000 }
		)
		.toBeTruthy();
	return link!;
}

async function openAccount(page: Page): Promise<void> {
	await header(page).getByRole('link', { name: 'Mijn account' }).click();
	await expect(page).toHaveURL('/mijn-account');
	await expect(heading(page)).toHaveText('Mijn account');
}

test('a forgotten password is reset through the mailed link, which works only once', async ({
	page
}) => {
	const email = newEmail();
	await register(page, 'Rita Vergeet', email);
	await logOut(page);

	await open(page, '/aanmelden');
	await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
	await expect(page).toHaveURL('/wachtwoord-vergeten');
	await expect(heading(page)).toHaveText('Wachtwoord vergeten');
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Stuur mij een link' }).click();
	await expect(errorSummary(page).getByRole('link')).toHaveText('Vul uw e-mailadres in.');
	await expectAccessible(page);

	// An address without an account gets the very same answer.
	const unknown = newEmail();
	await page.getByLabel('E-mailadres').fill(unknown);
	await page.getByRole('button', { name: 'Stuur mij een link' }).click();
	await expect(heading(page)).toHaveText('Kijk in uw mailbox');
	await expect(page.getByRole('status')).toHaveText(
		`Als er een account bestaat voor ${unknown}, stuurden we naar dat adres een link om een nieuw wachtwoord te kiezen. De link is één uur geldig.`
	);

	await open(page, '/wachtwoord-vergeten');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByRole('button', { name: 'Stuur mij een link' }).click();
	await expect(heading(page)).toHaveText('Kijk in uw mailbox');
	await expect(page.getByRole('status')).toHaveText(
		`Als er een account bestaat voor ${email}, stuurden we naar dat adres een link om een nieuw wachtwoord te kiezen. De link is één uur geldig.`
	);
	await expectAccessible(page);

	const link = await resetLink(email);
	await open(page, link);
	await expect(heading(page)).toHaveText('Kies een nieuw wachtwoord');
	await expect(page.getByLabel('Kies een wachtwoord')).toHaveAttribute(
		'autocomplete',
		'new-password'
	);
	await expectAccessible(page);

	await page.getByLabel('Kies een wachtwoord').fill('kort');
	await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'Uw wachtwoord moet minstens 12 tekens lang zijn.'
	);
	await expectAccessible(page);

	await page.getByLabel('Kies een wachtwoord').fill(newPassword);
	await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await expect(page).toHaveURL('/mijn-account');
	await expect(page.getByRole('status').filter({ hasText: 'nieuwe wachtwoord' })).toHaveText(
		'Uw nieuwe wachtwoord is opgeslagen en u bent aangemeld. Op andere toestellen bent u afgemeld.'
	);
	await expect(header(page)).toContainText('Rita Vergeet');
	await expectAccessible(page);

	// The same link a second time.
	await open(page, link);
	await expect(heading(page)).toHaveText('Deze link is niet meer geldig');
	await expect(page.getByRole('link', { name: 'Vraag een nieuwe link aan' })).toHaveAttribute(
		'href',
		'/wachtwoord-vergeten'
	);
	await expectAccessible(page);

	await logOut(page);
	await expectLoginRefused(page, email, password);
	await expectLoginWorks(page, email, newPassword, 'Rita Vergeet');
});

test('after changing the password, the old one no longer signs in', async ({ page }) => {
	const email = newEmail();
	await register(page, 'Wout Wissel', email);
	await openAccount(page);
	await expect(page.getByText(email)).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Huidig wachtwoord', { exact: true }).fill('niet mijn wachtwoord');
	await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(newPassword);
	await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'Uw huidige wachtwoord klopt niet.'
	);
	await expect(page.getByLabel('Huidig wachtwoord', { exact: true })).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expectAccessible(page);

	await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(password);
	await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(newPassword);
	await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'gewijzigd' })).toHaveText(
		'Uw wachtwoord is gewijzigd. Op andere toestellen bent u afgemeld.'
	);
	await expectAccessible(page);
	// This browser stays signed in with the session the change gave it.
	await page.reload();
	await expect(header(page)).toContainText('Wout Wissel');

	await logOut(page);
	await expectLoginRefused(page, email, password);
	await expectLoginWorks(page, email, newPassword, 'Wout Wissel');
});

test('a closed account can no longer sign in, and its address can register again', async ({
	page
}) => {
	const email = newEmail();
	await register(page, 'Sien Stopt', email);
	await openAccount(page);
	await expect(page.getByText('blijven bij de gemeente')).toBeVisible();

	const closeButton = page.getByRole('button', { name: 'Account verwijderen' });
	await page.getByLabel('Uw wachtwoord, ter bevestiging').fill(password);
	await closeButton.click();
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'Vink aan dat u uw account wilt verwijderen.'
	);
	await expectAccessible(page);

	await page.getByLabel('Uw wachtwoord, ter bevestiging').fill(password);
	await page.getByRole('checkbox', { name: /Ik wil mijn account verwijderen/ }).check();
	await closeButton.click();
	await expect(page).toHaveURL('/mijn-account/afgesloten');
	await expect(heading(page)).toHaveText('Uw account is verwijderd');
	await expect(header(page).getByRole('link', { name: 'Aanmelden' })).toBeVisible();
	await expect(header(page)).not.toContainText('Sien Stopt');
	await expectAccessible(page);

	// Signed out for good: the account page asks for a login.
	await page.goto('/mijn-account');
	await expect(page).toHaveURL('/aanmelden?next=%2Fmijn-account');
	await expectLoginRefused(page, email, password);

	await register(page, 'Sien Terug', email);
	await openAccount(page);
	await expect(page.getByText(email)).toBeVisible();
});

test('a request filed without an account joins the account once its address is verified', async ({
	page
}) => {
	const email = newEmail();
	const melding = '/p/melding-openbaar-domein/aanvragen';
	await open(page, melding);
	await page.getByLabel('Soort probleem').selectOption({ label: 'Put of schade in de weg' });
	await page.getByLabel('Beschrijf het probleem').fill('Een put in het voetpad.');
	await pressContinue(page);
	await expectStep(page, `${melding}/locatie`, 'Waar is het?');
	await fillAddress(page, 'Adres', {
		street: 'Kerkstraat',
		number: '12',
		postcode: '9000',
		municipality: 'Gent'
	});
	await pressContinue(page);
	await expectStep(page, `${melding}/contact`, 'Uw gegevens (niet verplicht)');
	await page
		.getByRole('group', { name: 'Wilt u een bericht als uw melding behandeld is?' })
		.getByRole('radio', { name: 'Ja' })
		.check();
	await page.getByLabel('E-mailadres').fill(email.toUpperCase());
	await pressContinue(page);
	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
	const reference = await readReceipt(page, { days: 10, unit: 'working' }, 'report');
	const tracking = await page.getByRole('link', { name: /\/volg\/[\w-]+$/ }).getAttribute('href');

	// A new account signs in only once its address is verified, so it never sees the requests
	// filed with that address before then (tests/integration/self-service.test.ts checks the rule).
	await register(page, 'Guus Gast', email);
	await expect(heading(page)).toHaveText('Uw e-mailadres is bevestigd');
	await expect(page.getByRole('main')).toContainText(
		'We vonden 1 aanvraag die u met dit e-mailadres indiende zonder account.'
	);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Naar mijn account' }).click();
	await expect(page).toHaveURL('/mijn-account');
	const claim = page.getByRole('region', { name: 'Aanvragen zonder account' });
	await expect(claim).toContainText(
		'We vonden 1 aanvraag die met uw e-mailadres werd ingediend zonder account.'
	);
	await expect(claim.getByRole('listitem')).toContainText(reference);
	await expectAccessible(page);

	await claim.getByRole('button', { name: 'Voeg toe aan mijn account' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'toegevoegd' })).toHaveText(
		'1 aanvraag is toegevoegd aan uw account.'
	);
	await expect(claim).toHaveCount(0);
	await expectAccessible(page);

	// The tracking link from the receipt still works and tells what happened.
	await open(page, tracking!);
	await expect(page.getByRole('listitem').last()).toContainText(
		'Toegevoegd aan het account van de aanvrager'
	);
	await expectAccessible(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the reset request and the account forms work as plain posts', async ({ page }) => {
		const email = newEmail();
		await register(page, 'Jo Zonder', email);
		await page.goto('/mijn-account');
		await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(password);
		await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('kort');
		await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
		await expect(errorSummary(page).getByRole('link')).toHaveText(
			'Uw wachtwoord moet minstens 12 tekens lang zijn.'
		);
		await page.getByLabel('Huidig wachtwoord', { exact: true }).fill(password);
		await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(newPassword);
		await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Uw wachtwoord is gewijzigd. Op andere toestellen bent u afgemeld.'
		);
		// (axe needs JavaScript: these pages are checked in the tests above.)
		await page.goto('/mijn-account');
		await expect(header(page)).toContainText('Jo Zonder');

		await page.goto('/wachtwoord-vergeten');
		await page.getByLabel('E-mailadres').fill(email);
		await page.getByRole('button', { name: 'Stuur mij een link' }).click();
		await expect(heading(page)).toHaveText('Kijk in uw mailbox');
		expect(await resetLink(email)).toContain('/wachtwoord-vergeten/');
	});
});

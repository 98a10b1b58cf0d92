// A citizen on a phone makes an account, confirms the address with the link in the mail (no
// session before that), signs out and in again, and lands where they were going:
// a wrong password gets one message that never tells whether the account exists, repeated wrong
// passwords lock the account for a while, a return address to another site is ignored, and the
// forms work as plain POSTs when the browser runs no JavaScript.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { errorSummary } from './filing-helpers';
import { confirmByMail, registerAccount } from './users';

test.describe.configure({ timeout: 120_000 });

const password = 'paarse olifant danst traag';
let counter = 0;
const newEmail = () => `burger-${Date.now()}-${counter++}@example.be`;

const header = (page: Page) => page.getByRole('banner');

async function fillRegistration(page: Page, who: { name: string; email: string; pass: string }) {
	await page.getByLabel('Naam').fill(who.name);
	await page.getByLabel('E-mailadres').fill(who.email);
	await page.getByLabel('Kies een wachtwoord').fill(who.pass);
	await page.getByRole('button', { name: 'Account aanmaken' }).click();
}

async function register(page: Page, name: string, email: string): Promise<void> {
	await registerAccount(page, { name, email, password });
}

/** The answer to a registration, the same for a new address and one that has an account. */
async function expectCheckMail(page: Page, email: string): Promise<void> {
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in uw mailbox');
	await expect(page.getByRole('status')).toHaveText(
		`We stuurden een e-mail naar ${email}. Volg de link in die e-mail om uw e-mailadres te bevestigen; daarna bent u aangemeld.`
	);
	await expect(header(page).getByRole('link', { name: 'Aanmelden' })).toBeVisible();
}

async function logIn(page: Page, email: string, pass: string): Promise<void> {
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(pass);
	// Wait for the answer: the page may still show the message of the previous attempt.
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/aanmelden'
	);
	await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
	await answered;
}

async function logOut(page: Page): Promise<void> {
	await header(page).getByRole('button', { name: 'Afmelden' }).click();
	await expect(header(page).getByRole('link', { name: 'Aanmelden' })).toBeVisible();
}

test('a citizen registers, signs out, mistypes the password, and signs in to where they were going', async ({
	page
}) => {
	// The longest journey here: registration, the refused login, the mail and its link.
	test.setTimeout(240_000);
	const email = newEmail();
	await page.goto('/registreren');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account aanmaken');
	await expect(page.getByLabel('Kies een wachtwoord')).toHaveAttribute(
		'autocomplete',
		'new-password'
	);
	await expect(page.getByLabel('Kies een wachtwoord')).toHaveAccessibleDescription(
		/Minstens 12 tekens/
	);
	await expectAccessible(page);

	await fillRegistration(page, { name: 'An Peeters', email, pass: password });
	// Not signed in yet: the address is confirmed first.
	await expectCheckMail(page, email);
	await expect(header(page)).not.toContainText('An Peeters');
	await expectAccessible(page);

	// Signing in before that is refused, with a way to have the mail sent again.
	await page.goto('/aanmelden');
	await logIn(page, email, password);
	await expect(page).toHaveURL('/aanmelden');
	const unverified = page.getByRole('alert').filter({ hasText: 'nog niet bevestigd' });
	await expect(unverified).toContainText(
		'Uw e-mailadres is nog niet bevestigd. Volg de link in de e-mail die we u stuurden'
	);
	await expect(header(page)).not.toContainText('An Peeters');
	await expectAccessible(page);
	await unverified.getByRole('button', { name: 'Stuur de e-mail opnieuw' }).click();
	await expect(page).toHaveURL('/bevestigen');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in uw mailbox');
	await expect(page.getByRole('status')).toHaveText(
		`Als er een account met een nog niet bevestigd adres bestaat voor ${email}, stuurden we naar dat adres een nieuwe link. De link is 48 uur geldig.`
	);
	await expectAccessible(page);

	await confirmByMail(page, email, 'An Peeters', password);
	await expectAccessible(page);

	await logOut(page);
	await expect(page).toHaveURL('/');
	await expect(header(page)).not.toContainText('An Peeters');
	await expectAccessible(page);

	await header(page).getByRole('link', { name: 'Aanmelden' }).click();
	await expect(page).toHaveURL('/aanmelden');
	await expect(page.getByLabel('E-mailadres')).toHaveAttribute('autocomplete', 'email');
	await expect(page.getByLabel('Wachtwoord')).toHaveAttribute('autocomplete', 'current-password');
	await expectAccessible(page);

	await logIn(page, email, 'helemaal niet mijn wachtwoord');
	const summary = errorSummary(page);
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText('E-mailadres of wachtwoord klopt niet.');
	await expect(page.getByLabel('E-mailadres')).toHaveValue(email);
	await expect(page.getByLabel('Wachtwoord')).toHaveValue('');
	await expect(page.getByLabel('Wachtwoord')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);

	// An unknown account gets exactly the same answer.
	await logIn(page, newEmail(), password);
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'E-mailadres of wachtwoord klopt niet.'
	);

	await page.goto('/aanmelden?next=/p/klacht');
	await logIn(page, email, password);
	await expect(page).toHaveURL('/p/klacht');
	await expect(header(page)).toContainText('An Peeters');
	await expectAccessible(page);

	// Signed in already: the login page sends you on.
	await page.goto('/aanmelden?next=/p/klacht');
	await expect(page).toHaveURL('/p/klacht');
});

test('a second account for the same address gets the answer of a new one, and a weak password is refused with a reason', async ({
	page
}) => {
	const email = newEmail();
	await register(page, 'Jan Claes', email);
	await logOut(page);

	// The page does not tell whether the address has an account (its owner gets an e-mail).
	await page.goto('/registreren');
	await fillRegistration(page, { name: 'Jan Claes', email, pass: password });
	await expectCheckMail(page, email);
	await expectAccessible(page);

	await page.goto('/registreren');
	await fillRegistration(page, { name: 'Jan Claes', email: newEmail(), pass: 'kort' });
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'Uw wachtwoord moet minstens 12 tekens lang zijn.'
	);
	await expect(page.getByLabel('Kies een wachtwoord')).toHaveAccessibleDescription(
		/Fout: Uw wachtwoord moet minstens 12 tekens lang zijn\.$/
	);
	await expectAccessible(page);

	await fillRegistration(page, { name: 'Jan Claes', email: newEmail(), pass: 'wachtwoord1234' });
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'Dit wachtwoord is te makkelijk te raden. Kies een ander wachtwoord.'
	);

	await page.getByLabel('Naam').fill('');
	await page.getByLabel('E-mailadres').fill('');
	await page.getByRole('button', { name: 'Account aanmaken' }).click();
	await expect(errorSummary(page).getByRole('link')).toHaveText([
		'Vul uw naam in.',
		'Vul uw e-mailadres in.',
		'Vul uw wachtwoord in.'
	]);
	await expectAccessible(page);
});

test('after repeated wrong passwords the account waits, even for the right password', async ({
	page
}) => {
	const email = newEmail();
	await register(page, 'Els Maes', email);
	await logOut(page);

	await page.goto('/aanmelden');
	for (let i = 0; i < 5; i++) {
		await logIn(page, email, `verkeerd wachtwoord ${i}`);
		await expect(errorSummary(page).getByRole('link')).toHaveText(
			'E-mailadres of wachtwoord klopt niet.'
		);
	}
	const limited = page.getByRole('alert').filter({ hasText: 'te vaak een verkeerd wachtwoord' });
	await logIn(page, email, 'verkeerd wachtwoord 6');
	// Argon2 and the page update can be slow on a busy 2-core machine: allow for it.
	await expect(limited).toContainText('Probeer het opnieuw over 15 minuten.', { timeout: 15_000 });
	await expectAccessible(page);

	await logIn(page, email, password);
	await expect(limited).toContainText('Probeer het opnieuw over 15 minuten.', { timeout: 15_000 });
	await expect(page).toHaveURL('/aanmelden');
	await expect(header(page).getByRole('link', { name: 'Aanmelden' })).toBeVisible();
});

test('a process that needs a login asks for it first, and the back-office is closed to citizens', async ({
	page
}) => {
	const email = newEmail();
	await page.goto('/p/attest-gezinssamenstelling');
	await page.getByRole('link', { name: 'Aanvraag starten' }).first().click();
	await expect(page).toHaveURL('/aanmelden?next=%2Fp%2Fattest-gezinssamenstelling%2Faanvragen');
	await expectAccessible(page);
	await page
		.getByRole('link', { name: /account/i })
		.first()
		.click();
	await fillRegistration(page, { name: 'Bert Citizen', email, pass: password });
	await expectCheckMail(page, email);
	await confirmByMail(page, email, 'Bert Citizen', password);
	await logOut(page);
	await page.goto('/aanmelden?next=%2Fp%2Fattest-gezinssamenstelling%2Faanvragen');
	await logIn(page, email, password);
	// Signed in, the form starts on its first page.
	await expect(page).toHaveURL(/\/p\/attest-gezinssamenstelling\/aanvragen\/[a-z-]+$/);
	await expect(page.getByText('Stap 1 van')).toBeVisible();
	await expectAccessible(page);

	const response = await page.goto('/backoffice');
	expect(response?.status()).toBe(403);
	// The site's own page, not a bare one: its header (who is signed in), a main landmark with a
	// plain explanation, the footer, and ways onward.
	await expect(header(page)).toContainText('Bert Citizen');
	const main = page.getByRole('main');
	await expect(main.getByRole('heading', { level: 1 })).toHaveText('Geen toegang');
	await expect(main).toContainText('U hebt geen toegang tot deze pagina.');
	await expect(main).toContainText('U bent aangemeld als Bert Citizen.');
	await expect(page.getByRole('contentinfo')).toBeVisible();
	await expectAccessible(page);
	await main.getByRole('link', { name: 'Naar mijn dossiers' }).click();
	await expect(page).toHaveURL('/dossiers');
	await page.goto('/backoffice/processes');
	await main.getByRole('button', { name: 'Afmelden en aanmelden met een ander account' }).click();
	await expect(page).toHaveURL('/aanmelden?next=%2Fbackoffice%2Fprocesses');
	await expect(header(page).getByRole('link', { name: 'Aanmelden' })).toBeVisible();
	await expectAccessible(page);
});

test('a return address to another site is ignored after login', async ({ page }) => {
	const email = newEmail();
	await register(page, 'Lotte Wouters', email);
	for (const next of ['https://evil.example/', '//evil.example']) {
		await logOut(page);
		await page.goto(`/aanmelden?next=${encodeURIComponent(next)}`);
		await logIn(page, email, password);
		await expect(page).toHaveURL('/');
		await expect(header(page)).toContainText('Lotte Wouters');
	}
});

test('an unknown or used verification link says so', async ({ page }) => {
	await page.goto('/bevestigen/dit-is-geen-geldige-link');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Deze link is ongeldig of verlopen'
	);
	await expectAccessible(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('registering, signing out and signing in are plain POSTs', async ({ page }) => {
		const email = newEmail();
		// axe needs JavaScript in the page: the same pages are checked with it in the tests above.
		await register(page, 'Tom Jacobs', email);
		await logOut(page);

		await page.goto('/aanmelden?next=/p/klacht');
		await logIn(page, email, 'niet het goede wachtwoord');
		await expect(errorSummary(page).getByRole('link')).toHaveText(
			'E-mailadres of wachtwoord klopt niet.'
		);
		await expect(page.getByLabel('E-mailadres')).toHaveValue(email);
		await expect(page.getByLabel('Wachtwoord')).toHaveValue('');

		await logIn(page, email, password);
		await expect(page).toHaveURL('/p/klacht');
		await expect(header(page)).toContainText('Tom Jacobs');
	});
});

// A citizen on a phone makes an account, signs out and in again, and lands where they were going:
// a wrong password gets one message that never tells whether the account exists, repeated wrong
// passwords lock the account for a while, a return address to another site is ignored, and the
// forms work as plain POSTs when the browser runs no JavaScript.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { errorSummary } from './filing-helpers';

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
	await page.goto('/register');
	await fillRegistration(page, { name, email, pass: password });
	await expect(header(page)).toContainText(name);
}

async function logIn(page: Page, email: string, pass: string): Promise<void> {
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(pass);
	// Wait for the answer: the page may still show the message of the previous attempt.
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
	);
	await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
	await answered;
}

async function logOut(page: Page): Promise<void> {
	await header(page).getByRole('button', { name: 'Afmelden' }).click();
	await expect(header(page).getByRole('link', { name: 'Aanmelden' })).toBeVisible();
}

test('a citizen registers, signs out, mistypes the password, and signs in to where they were going @smoke', async ({
	page
}) => {
	const email = newEmail();
	await page.goto('/register');
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
	await expect(page).toHaveURL('/');
	await expect(header(page)).toContainText('An Peeters');
	await expect(
		page.getByRole('status').filter({ hasText: 'We stuurden u een e-mail' })
	).toBeVisible();
	await expectAccessible(page);

	await logOut(page);
	await expect(page).toHaveURL('/');
	await expect(header(page)).not.toContainText('An Peeters');
	await expectAccessible(page);

	await header(page).getByRole('link', { name: 'Aanmelden' }).click();
	await expect(page).toHaveURL('/login');
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

	await page.goto('/login?next=/p/klacht');
	await logIn(page, email, password);
	await expect(page).toHaveURL('/p/klacht');
	await expect(header(page)).toContainText('An Peeters');
	await expectAccessible(page);

	// Signed in already: the login page sends you on.
	await page.goto('/login?next=/p/klacht');
	await expect(page).toHaveURL('/p/klacht');
});

test('a second account for the same address and a weak password are refused with a reason', async ({
	page
}) => {
	const email = newEmail();
	await register(page, 'Jan Claes', email);
	await logOut(page);

	await page.goto('/register');
	await fillRegistration(page, { name: 'Jan Claes', email, pass: password });
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'Er bestaat al een account met dit e-mailadres. Meld u aan of kies een ander e-mailadres.'
	);
	await expect(page.getByLabel('E-mailadres')).toHaveValue(email);
	await expect(page.getByLabel('Naam')).toHaveValue('Jan Claes');
	await expectAccessible(page);

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

	await page.goto('/login');
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
	await expect(page).toHaveURL('/login');
	await expect(header(page).getByRole('link', { name: 'Aanmelden' })).toBeVisible();
});

test('a process that needs a login asks for it first, and the back-office is closed to citizens', async ({
	page
}) => {
	const email = newEmail();
	await page.goto('/p/attest-gezinssamenstelling');
	await page.getByRole('link', { name: 'Aanvraag starten' }).first().click();
	await expect(page).toHaveURL('/login?next=%2Fp%2Fattest-gezinssamenstelling%2Fapply');
	await expectAccessible(page);
	await page
		.getByRole('link', { name: /account/i })
		.first()
		.click();
	await fillRegistration(page, { name: 'Bert Citizen', email, pass: password });
	await logOut(page);
	await page.goto('/login?next=%2Fp%2Fattest-gezinssamenstelling%2Fapply');
	await logIn(page, email, password);
	// Signed in, the form starts on its first page.
	await expect(page).toHaveURL(/\/p\/attest-gezinssamenstelling\/apply\/[a-z-]+$/);
	await expect(page.getByText('Stap 1 van')).toBeVisible();
	await expectAccessible(page);

	const response = await page.goto('/backoffice');
	expect(response?.status()).toBe(403);
	await expect(page.getByText('U hebt geen toegang tot deze pagina.')).toBeVisible();
	await expectAccessible(page);
});

test('a return address to another site is ignored after login', async ({ page }) => {
	const email = newEmail();
	await register(page, 'Lotte Wouters', email);
	for (const next of ['https://evil.example/', '//evil.example']) {
		await logOut(page);
		await page.goto(`/login?next=${encodeURIComponent(next)}`);
		await logIn(page, email, password);
		await expect(page).toHaveURL('/');
		await expect(header(page)).toContainText('Lotte Wouters');
	}
});

test('an unknown or used verification link says so', async ({ page }) => {
	await page.goto('/verify/dit-is-geen-geldige-link');
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

		await page.goto('/login?next=/p/klacht');
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

// An admin on a phone manages the back-office's people: invites a new clerk by e-mail, the clerk
// follows the link in the mail, chooses a password and lands in the back-office, and the admin
// then gives the clerk the staff role too. Staff members cannot open the user list; visitors who
// are not signed in are sent to the login page.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { errorSummary } from './filing-helpers';
import { waitForMail } from './mail';
import { logIn, type E2eUser } from './users';

test.describe.configure({ timeout: 120_000 });

const password = 'groene tram naar de markt';

/**
 * `logIn` from users.ts, tried again when it fails: on a busy machine the login page can finish
 * loading its script after the fields were filled, and the form is then posted empty.
 */
async function signIn(page: Page, who: E2eUser): Promise<void> {
	await expect(async () => logIn(page, who)).toPass({ timeout: 60_000 });
}

/** The row of the users table for this e-mail address. */
const userRow = (page: Page, email: string) =>
	page.getByRole('row').filter({ has: page.getByRole('cell', { name: email, exact: true }) });

test('an admin invites a clerk, who sets a password and lands in the back-office, then gets the staff role too', async ({
	page
}) => {
	const email = `clerk-${Date.now()}@e2e.loket.test`;

	// The admin finds user management from the back-office.
	await signIn(page, 'admin');
	await page.goto('/backoffice');
	await expectAccessible(page);
	await page
		.getByRole('navigation', { name: 'Back-office' })
		.getByRole('link', { name: 'Gebruikers', exact: true })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gebruikers');
	await expect(page.getByRole('table', { name: /Gebruikers, pagina 1 van/ })).toBeVisible();
	await expectAccessible(page);

	// An empty invitation is refused field by field.
	await page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iemand uitnodigen');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
	await expect(errorSummary(page).getByRole('link')).toHaveText([
		'Vul de naam in.',
		'Vul het e-mailadres in.',
		'Kies minstens één rol.'
	]);
	await expectAccessible(page);

	await page.getByLabel('Naam').fill('Clara Nieuw');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByRole('checkbox', { name: 'functioneel beheerder' }).check();
	await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
	await expect(page).toHaveURL(/\/backoffice\/users\/[0-9a-f-]{36}\?invited/);
	await expect(page.getByRole('status')).toHaveText(
		`We hebben een uitnodiging gestuurd naar ${email}. De link is 7 dagen geldig.`
	);
	await expect(page.getByText('Uitgenodigd, nog niet aanvaard')).toBeVisible();
	await expectAccessible(page);

	// The same address cannot be invited twice: the page offers to send the invitation again.
	await page.goto('/backoffice/users/invite');
	await page.getByLabel('Naam').fill('Clara Nieuw');
	await page.getByLabel('E-mailadres').fill(email.toUpperCase());
	await page.getByRole('checkbox', { name: 'medewerker' }).check();
	await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'Deze persoon is al uitgenodigd en heeft de uitnodiging nog niet aanvaard.'
	);
	await expect(page.getByRole('button', { name: 'Uitnodiging opnieuw versturen' })).toBeVisible();
	await expect(page.getByLabel('E-mailadres')).toHaveValue(email.toUpperCase());
	await expectAccessible(page);

	// The clerk, in a browser of their own, follows the link in the mail.
	const mail = await waitForMail(email);
	const link = mail.links.find((l) => new URL(l).pathname.startsWith('/uitnodiging/'));
	expect(link, 'the invitation link').toBeDefined();
	await page.context().clearCookies();
	await page.goto(link!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw account activeren');
	await expect(page.getByLabel('Naam')).toHaveValue('Clara Nieuw');
	await expect(page.getByText(email)).toBeVisible();
	await expectAccessible(page);
	// Opening the link did not use it up (mail scanners open links too).
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw account activeren');

	await page.getByLabel('Kies een wachtwoord').fill('kort');
	await page.getByRole('button', { name: 'Account activeren' }).click();
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		'Uw wachtwoord moet minstens 12 tekens lang zijn.'
	);
	await expectAccessible(page);
	await page.getByLabel('Kies een wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Account activeren' }).click();
	await expect(page).toHaveURL(/\/backoffice$/);
	await expect(page.getByRole('main').getByText('Aangemeld als Clara Nieuw')).toBeVisible();
	await expect(page.getByText('(rollen: functioneel beheerder)')).toBeVisible();
	// A clerk does not manage users.
	await expect(
		page
			.getByRole('navigation', { name: 'Back-office' })
			.getByRole('link', { name: 'Gebruikers', exact: true })
	).toHaveCount(0);

	// The link works once.
	await page.goto(link!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Deze uitnodiging is ongeldig of verlopen'
	);
	await expectAccessible(page);

	// The admin finds the clerk and adds the staff role.
	await page.context().clearCookies();
	await signIn(page, 'admin');
	await page.goto(`/backoffice/users?q=${encodeURIComponent(email)}`);
	await expect(page.getByText('1 gebruiker', { exact: true })).toBeVisible();
	const row = userRow(page, email);
	await expect(row.getByRole('cell').nth(1)).toHaveText('functioneel beheerder');
	await expect(row.getByRole('cell').nth(2)).toHaveText('E-mailadres bevestigd');
	await row.getByRole('link', { name: 'Clara Nieuw' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clara Nieuw');
	await page.getByRole('checkbox', { name: 'medewerker' }).check();
	await page.getByRole('button', { name: 'Rollen bewaren' }).click();
	await expect(page.getByRole('status')).toHaveText('De rollen zijn bewaard.');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Terug naar de gebruikers' }).click();
	await page.getByLabel('Zoek op naam of e-mailadres').fill('clara nieuw');
	await page.getByRole('button', { name: 'Zoeken' }).click();
	await expect(page).toHaveURL(/q=clara\+nieuw/);
	await expect(userRow(page, email).getByRole('cell').nth(1)).toHaveText(
		'medewerker, functioneel beheerder'
	);
	await expectAccessible(page);
});

test('an admin cannot take away their own admin role', async ({ page }) => {
	await signIn(page, 'admin');
	await page.goto('/backoffice/users?q=admin%40e2e.loket.test');
	await page.getByRole('link', { name: 'Ada Beheer' }).click();
	await expect(page.getByRole('group', { name: 'Rollen' })).toHaveAccessibleDescription(
		/Uw eigen rol beheerder kunt u niet wegnemen/
	);
	await page.getByRole('checkbox', { name: 'beheerder', exact: true }).uncheck();
	await page.getByRole('checkbox', { name: 'medewerker' }).check();
	await page.getByRole('button', { name: 'Rollen bewaren' }).click();
	// The only admin hears that there must be one; with others, that it is their own role.
	await expect(errorSummary(page).getByRole('link')).toHaveText(
		/laatste beheerder|eigen rol beheerder/
	);
	await expectAccessible(page);
	await page.reload();
	await expect(page.getByRole('checkbox', { name: 'beheerder', exact: true })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'medewerker' })).not.toBeChecked();
});

test('a staff member is refused the user list; a visitor is sent to the login page', async ({
	page
}) => {
	await signIn(page, 'staff');
	for (const path of ['/backoffice/users', '/backoffice/users/invite']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.getByText('U hebt geen toegang tot deze pagina.')).toBeVisible();
	}
	await expectAccessible(page);
	await page.goto('/backoffice');
	await expect(
		page
			.getByRole('navigation', { name: 'Back-office' })
			.getByRole('link', { name: 'Gebruikers', exact: true })
	).toHaveCount(0);

	await page.context().clearCookies();
	await page.goto('/backoffice/users');
	await expect(page).toHaveURL(/\/aanmelden\?next=%2Fbackoffice%2Fusers$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aanmelden');
	await expectAccessible(page);
});

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });

		test('two admins change the same roles: the second, stale form is refused and shows the roles as they are now', async ({
			page
		}) => {
			const email = `stale-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@e2e.loket.test`;
			await signIn(page, 'admin');
			await page.goto('/backoffice/users/invite');
			await page.getByLabel('Naam').fill('Sam Dubbel');
			await page.getByLabel('E-mailadres').fill(email);
			await page.getByRole('checkbox', { name: 'medewerker' }).check();
			await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sam Dubbel');

			// A second tab, as a second admin would have it, loaded before the first one saves.
			const other = await page.context().newPage();
			await other.goto(page.url());
			await page.getByRole('checkbox', { name: 'functioneel beheerder' }).check();
			await page.getByRole('button', { name: 'Rollen bewaren' }).click();
			await expect(page.getByRole('status')).toHaveText('De rollen zijn bewaard.');

			await other.getByRole('checkbox', { name: 'beheerder', exact: true }).check();
			await other.getByRole('button', { name: 'Rollen bewaren' }).click();
			await expect(errorSummary(other).getByRole('link')).toHaveText(
				/^Iemand anders heeft deze gebruiker intussen gewijzigd/
			);
			await expect(other.getByRole('checkbox', { name: 'medewerker' })).toBeChecked();
			await expect(other.getByRole('checkbox', { name: 'functioneel beheerder' })).toBeChecked();
			await expect(
				other.getByRole('checkbox', { name: 'beheerder', exact: true })
			).not.toBeChecked();
			// axe runs as a script in the page; the same markup is checked in the run with JavaScript.
			if (javaScriptEnabled) await expectAccessible(other);

			// Saved again from the refreshed form, the change goes through.
			await other.getByRole('checkbox', { name: 'beheerder', exact: true }).check();
			await other.getByRole('button', { name: 'Rollen bewaren' }).click();
			await expect(other.getByRole('status')).toHaveText('De rollen zijn bewaard.');
			await other.goto(`/backoffice/users?q=${encodeURIComponent(email)}`);
			await expect(userRow(other, email).getByRole('cell').nth(1)).toHaveText(
				'medewerker, functioneel beheerder, beheerder'
			);
		});
	});
}

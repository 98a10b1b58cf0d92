// A new citizen gets the verification mail (written by the outbox worker as an .eml file, because
// the e2e server has no SMTP_URL), follows its link and sees the address confirmed; the admin
// finds that mail on /backoffice/mail and reads its text; staff may not open that page.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { waitForMail } from './mail';
import { logIn } from './users';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const email = `post-${Date.now()}@example.be`;

test('a citizen registers, gets the verification mail and confirms the address with its link', async ({
	page
}) => {
	await page.goto('/registreren');
	await page.getByLabel('Naam').fill('Mila Post');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Kies een wachtwoord').fill('paarse olifant danst traag');
	await page.getByRole('button', { name: 'Account aanmaken' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in uw mailbox');

	const mail = await waitForMail(email, { subject: /e-mailadres/ });
	expect(mail.subject).toBe('Bevestig uw e-mailadres · Gemeente Voorbeeld');
	expect(mail.text).toContain('De link is 48 uur geldig.');
	const port = new URL(page.url()).port;
	const link = mail.links.find((l) => l.includes('/bevestigen/'));
	expect(link).toMatch(new RegExp(`^http://localhost:${port}/bevestigen/[A-Za-z0-9_-]{20,}$`));

	// Opening the link confirms nothing yet (mail scanners open links); the button does.
	await page.goto(link!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bevestig uw e-mailadres');
	await page.getByLabel('Uw wachtwoord').fill('paarse olifant danst traag');
	await page.getByRole('button', { name: 'Bevestig mijn e-mailadres' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw e-mailadres is bevestigd');
	await expectAccessible(page);

	// The link works once.
	await page.goto(link!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Deze link is ongeldig of verlopen'
	);
});

test('the admin finds the mail on /backoffice/mail and reads its text', async ({ page }) => {
	await logIn(page, 'admin');
	await page.goto('/backoffice');
	await page
		.getByRole('navigation', { name: 'Back-office' })
		.getByRole('link', { name: 'E-mails', exact: true })
		.click();
	await expect(page).toHaveURL('/backoffice/mail');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-mails');
	await expect(page.getByText('Er is geen mailserver ingesteld (SMTP_URL)')).toBeVisible();
	const row = page.getByRole('row').filter({ hasText: email });
	await expect(row).toHaveCount(1);
	await expect(
		page.getByRole('heading', { name: 'Wachtrij: mislukt of opnieuw te proberen' })
	).toBeVisible();
	await expectAccessible(page);

	await row.getByRole('link', { name: 'Bevestig uw e-mailadres · Gemeente Voorbeeld' }).click();
	await expect(page).toHaveURL(/\/backoffice\/mail\/[0-9TZ-]+-verify-email\.eml$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Bevestig uw e-mailadres · Gemeente Voorbeeld'
	);
	await expect(page.getByRole('definition').filter({ hasText: email })).toBeVisible();
	const text = page.locator('pre');
	await expect(text).toContainText(
		'U maakte een account aan op het digitaal loket van Gemeente Voorbeeld.'
	);
	await expect(text).toContainText('/bevestigen/');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Terug naar de e-mails' }).click();
	await expect(page).toHaveURL('/backoffice/mail');
	expect((await page.goto('/backoffice/mail/..%2F..%2Fpglite.lock'))?.status()).toBe(404);
});

test('staff may not see the mails', async ({ page }) => {
	await logIn(page, 'staff');
	await page.goto('/backoffice');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Werkbak');
	await expect(
		page
			.getByRole('navigation', { name: 'Back-office' })
			.getByRole('link', { name: 'E-mails', exact: true })
	).toHaveCount(0);

	const response = await page.goto('/backoffice/mail');
	expect(response?.status()).toBe(403);
	await expect(page.getByText('U hebt geen toegang tot deze pagina.')).toBeVisible();
	await expectAccessible(page);
	expect(
		(
			await page.goto('/backoffice/mail/2026-01-01T00-00-00-000Z-0000000001-verify-email.eml')
		)?.status()
	).toBe(403);
});

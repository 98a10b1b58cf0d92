// The accounts every end-to-end run starts with: the Playwright web server makes them with
// `npm run user:add -- --accounts` before it starts Loket (see playwright.config.ts), as an operator would.
import { writeFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { waitForMail } from './mail';

export const E2E_PASSWORD = 'een lange zin voor de tests';

export const e2eUsers = {
	admin: { email: 'admin@e2e.loket.test', name: 'Ada Beheer', roles: ['admin'] },
	staff: { email: 'staff@e2e.loket.test', name: 'Stijn Balie', roles: ['staff'] },
	clerk: { email: 'clerk@e2e.loket.test', name: 'Carla Formulier', roles: ['clerk'] },
	// Two citizens, so that a spec can check that one never reaches the other's dossiers.
	citizen: { email: 'burger@e2e.loket.test', name: 'Bert Burger', roles: ['citizen'] },
	otherCitizen: { email: 'andere@e2e.loket.test', name: 'Olga Ander', roles: ['citizen'] }
} as const;

export type E2eUser = keyof typeof e2eUsers;

/**
 * Writes the accounts above to `file` and returns the shell command that creates them: one
 * `npm run user:add -- --accounts`, not one per account (each start costs seconds).
 */
export function writeAccountsFile(file: string): string {
	const accounts = Object.values(e2eUsers).map((u) => ({
		email: u.email,
		password: E2E_PASSWORD,
		name: u.name,
		roles: u.roles
	}));
	writeFileSync(file, JSON.stringify(accounts, null, '\t'));
	return `npm run -s user:add -- --accounts '${file}'`;
}

/** Signs in through the login page, as the person would. */
export async function logIn(page: Page, who: E2eUser | { email: string; password: string }) {
	const { email, password } =
		typeof who === 'string' ? { email: e2eUsers[who].email, password: E2E_PASSWORD } : who;
	await page.goto('/aanmelden');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
	await expect(page).not.toHaveURL(/\/aanmelden/);
}

/**
 * Follows the link in the newest verification mail to this address and confirms it with the
 * account's password, which signs the new account in. A link already used (an earlier mail, read
 * before the new one was written) is skipped until the new mail is there.
 */
export async function confirmByMail(
	page: Page,
	email: string,
	name: string,
	password: string
): Promise<void> {
	let link: string | undefined;
	await expect
		.poll(
			async () => {
				link = (await waitForMail(email, { subject: /bevestig/i })).links.find((l) =>
					l.includes('/bevestigen/')
				);
				// Opening the link uses nothing: its page only says whether it can still be used.
				if (!link) return false;
				return (await (await page.request.get(link)).text()).includes('Bevestig mijn e-mailadres');
			},
			{ timeout: 30_000 }
		)
		.toBe(true);
	await page.goto(link!, { waitUntil: 'networkidle' });
	await page.getByLabel('Uw wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Bevestig mijn e-mailadres' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Uw e-mailadres is bevestigd');
	await expect(page.getByRole('banner')).toContainText(name);
}

/** Makes an account on /registreren as a citizen would, confirms its address by mail: signed in. */
export async function registerAccount(
	page: Page,
	who: { name: string; email: string; password: string }
): Promise<void> {
	// Hydration empties inputs rendered with a value: wait for the scripts before typing.
	await page.goto('/registreren', { waitUntil: 'networkidle' });
	await page.getByLabel('Naam').fill(who.name);
	await page.getByLabel('E-mailadres').fill(who.email);
	await page.getByLabel('Kies een wachtwoord').fill(who.password);
	await page.getByRole('button', { name: 'Account aanmaken' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kijk in uw mailbox');
	await confirmByMail(page, who.email, who.name, who.password);
}

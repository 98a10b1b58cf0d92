// The accounts every end-to-end run starts with: the Playwright web server makes them with
// `npm run user:add` before it starts Loket (see playwright.config.ts), as an operator would.
import { expect, type Page } from '@playwright/test';

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

/** The shell command that creates the accounts above, one `npm run user:add` each. */
export function userAddCommands(): string {
	return Object.values(e2eUsers)
		.map(
			(u) =>
				`npm run -s user:add -- --email ${u.email} --password '${E2E_PASSWORD}' --name '${u.name}' ${u.roles.map((r) => `--role ${r}`).join(' ')}`
		)
		.join(' && ');
}

/** Signs in through the login page, as the person would. */
export async function logIn(page: Page, who: E2eUser | { email: string; password: string }) {
	const { email, password } =
		typeof who === 'string' ? { email: e2eUsers[who].email, password: E2E_PASSWORD } : who;
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Aanmelden' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

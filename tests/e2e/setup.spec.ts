// First run as an operator meets it: /installeren creates the first admin and then disappears, the
// back-office greets them, and `npm run user:add` adds accounts from a shell, refusing clearly
// while a server holds the embedded database.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';

const root = join(import.meta.dirname, '..', '..');

function runUserAdd(
	args: string[],
	env: Record<string, string>
): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn('npx', ['tsx', 'src/cli/user-add.ts', ...args], {
			cwd: root,
			env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, output });
		});
	});
}

/** A server of its own on a fresh embedded database: the shared one has admins from the start. */
async function startFreshServer(port: number): Promise<{ origin: string; stop: () => void }> {
	const child = spawn(process.execPath, ['build'], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			DATA_DIR: mkdtempSync(join(tmpdir(), 'loket-setup-'))
		}
	});
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (d: Buffer) => String(d).includes('Listening') && resolve());
		child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
	});
	return { origin: `http://localhost:${port}`, stop: () => child.kill('SIGTERM') };
}

test('the first admin is created at /installeren, lands in the back-office, and /installeren disappears', async ({
	page
}) => {
	test.setTimeout(120_000);
	const server = await startFreshServer(4996);
	try {
		await page.goto(`${server.origin}/installeren`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eerste beheerder aanmaken');
		await expect(page.getByText('Minstens 12 tekens')).toBeVisible();
		await expectAccessible(page);

		await page.getByLabel('Naam').fill('Ann Admin');
		await page.getByLabel('E-mailadres').fill('ann.admin@gemeente.be');
		await page.getByLabel('Wachtwoord').fill('kort');
		await page.getByRole('button', { name: 'Beheerder aanmaken' }).click();
		const message = 'Uw wachtwoord moet minstens 12 tekens lang zijn.';
		await expect(page.getByRole('alert')).toContainText(message);
		await expect(page.getByLabel('Wachtwoord')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('E-mailadres')).toHaveValue('ann.admin@gemeente.be');
		await expectAccessible(page);

		await page.getByLabel('Wachtwoord').fill('een lange zin als wachtwoord');
		await page.getByRole('button', { name: 'Beheerder aanmaken' }).click();
		await expect(page).toHaveURL(/\/backoffice$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Werkbak');
		await expect(page.getByRole('main').getByText('Aangemeld als Ann Admin')).toBeVisible();
		await expectAccessible(page);

		const again = await page.goto(`${server.origin}/installeren`);
		expect(again?.status()).toBe(404);
		await expectAccessible(page);
		const post = await page.request.post(`${server.origin}/installeren?/create`, {
			form: { name: 'Eve', email: 'eve@example.be', password: 'een lange zin als wachtwoord' },
			headers: { origin: server.origin }
		});
		expect(post.status()).toBe(404);
	} finally {
		server.stop();
	}
});

test('the shared server, whose admin was made with npm run user:add, has no /installeren', async ({
	page
}) => {
	const response = await page.goto('/installeren');
	expect(response?.status()).toBe(404);
	await expectAccessible(page);
});

test('anonymous visitors of the back-office are sent to the login page', async ({ browser }) => {
	const context = await browser.newContext();
	try {
		const response = await context.request.get('/backoffice', { maxRedirects: 0 });
		expect(response.status()).toBe(303);
		expect(response.headers()['location']).toBe('/aanmelden?next=%2Fbackoffice');
	} finally {
		await context.close();
	}
});

test('npm run user:add creates an account, and refuses clearly while the server holds the database', async () => {
	test.setTimeout(180_000);
	const email = `staff-${Date.now()}@gemeente.be`;
	const args = ['--email', email, '--password', 'een lange zin als wachtwoord', '--role', 'staff'];
	const databaseUrl = process.env.DATABASE_URL;

	if (!databaseUrl) {
		const locked = await runUserAdd(args, { DATA_DIR: process.env.E2E_DATA_DIR ?? '' });
		expect(locked.code).toBe(1);
		expect(locked.output.trim()).toBe(
			'The embedded database is in use by a running Loket server: stop the server first, or set DATABASE_URL to use a PostgreSQL server.'
		);
	}

	const env: Record<string, string> = databaseUrl
		? { DATABASE_URL: databaseUrl }
		: { DATA_DIR: mkdtempSync(join(tmpdir(), 'loket-user-add-')) };
	const created = await runUserAdd([...args, '--role', 'clerk', '--name', 'Sam'], env);
	expect(created.output.trim()).toBe(`Created user ${email} with roles staff, clerk.`);
	expect(created.code).toBe(0);
});

test('npm run user:add --accounts makes a list of accounts, or none when one of them is refused', async () => {
	test.setTimeout(180_000);
	const stamp = Date.now();
	const databaseUrl = process.env.DATABASE_URL;
	const env: Record<string, string> = databaseUrl
		? { DATABASE_URL: databaseUrl }
		: { DATA_DIR: mkdtempSync(join(tmpdir(), 'loket-user-add-')) };
	const dir = mkdtempSync(join(tmpdir(), 'loket-accounts-'));
	const good = [
		{
			email: `an-${stamp}@gemeente.be`,
			password: 'een lange zin als wachtwoord',
			roles: ['staff']
		},
		{
			email: `bo-${stamp}@gemeente.be`,
			password: 'nog een lange zin als wachtwoord',
			roles: ['clerk', 'admin'],
			name: 'Bo'
		}
	];
	// The second is refused (too short), so not even the first is made.
	const badFile = join(dir, 'bad.json');
	writeFileSync(badFile, JSON.stringify([good[0], { ...good[1], password: 'kort' }]));
	const refused = await runUserAdd(['--accounts', badFile], env);
	expect(refused.code).toBe(1);
	expect(refused.output.trim()).toBe(
		`User not created (account 2, bo-${stamp}@gemeente.be): the password is too short (at least 12 characters).`
	);

	const goodFile = join(dir, 'good.json');
	writeFileSync(goodFile, JSON.stringify(good));
	const created = await runUserAdd(['--accounts', goodFile], env);
	expect(created.output.trim().split('\n')).toEqual([
		`Created user an-${stamp}@gemeente.be with roles staff.`,
		`Created user bo-${stamp}@gemeente.be with roles clerk, admin.`
	]);
	expect(created.code).toBe(0);

	// Again: the first address is taken now, which the list cannot know beforehand.
	const again = await runUserAdd(['--accounts', goodFile], env);
	expect(again.code).toBe(1);
	expect(again.output.trim()).toBe(
		`User not created (an-${stamp}@gemeente.be): an account with this e-mail address already exists.`
	);
});

// Who may open which back-office page, for every page and endpoint in the route tree: visitors
// are sent to the login page (coming back afterwards), citizens get 403, and staff, clerks and
// admins only reach what their roles allow. The list of routes is read from src/routes, so a new
// back-office route without an entry in `allowed` fails this test until someone decides who may
// use it.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { logIn, type E2eUser } from './users';

const routes = join(import.meta.dirname, '..', '..', 'src', 'routes');
const ANY_ID = '00000000-0000-4000-8000-000000000000';

/** Route ids of every page and endpoint under /backoffice, e.g. /backoffice/users/[id]. */
function listBackofficeRoutes(): string[] {
	const found = new Set<string>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(join(dir, entry.name));
			else if (/^\+(page\.svelte|page\.server\.ts|server\.ts)$/.test(entry.name))
				found.add(`/${relative(routes, dir)}`.replace(/\/\([^)]+\)/g, ''));
		}
	};
	walk(join(routes, 'backoffice'));
	return [...found].sort();
}

/** The back-office roles that may use each route; everyone else gets 403. */
const allowed: Record<string, E2eUser[]> = {
	'/backoffice': ['staff', 'clerk', 'admin'],
	'/backoffice/dossiers/[id]': ['staff', 'admin'],
	'/backoffice/dossiers/[id]/bestanden/[fileId]': ['staff', 'admin'],
	'/backoffice/mail': ['admin'],
	'/backoffice/mail/[file]': ['admin'],
	'/backoffice/users': ['admin'],
	'/backoffice/users/[id]': ['admin'],
	'/backoffice/users/invite': ['admin']
};

const toPath = (route: string) => route.replace(/\[[^\]]+\]/g, ANY_ID);

async function statusesAs(browser: Browser, who: E2eUser | 'citizen', paths: string[]) {
	const context = await browser.newContext();
	const page = await context.newPage();
	if (who === 'citizen') {
		await page.goto('/register');
		await page.getByLabel('Naam').fill('Bert Burger');
		await page.getByLabel('E-mailadres').fill(`burger-${Date.now()}@example.be`);
		await page.getByLabel('Kies een wachtwoord').fill('alleen voor burgers bedoeld');
		await page.getByRole('button', { name: 'Account aanmaken' }).click();
		await expect(page.getByRole('banner')).toContainText('Bert Burger');
	} else await logIn(page, who);
	const statuses: Record<string, number> = {};
	for (const path of paths)
		statuses[path] = (await context.request.get(path, { maxRedirects: 0 })).status();
	const posts: Record<string, number> = {};
	for (const path of paths)
		posts[path] = (
			await context.request.post(path, {
				form: { anything: 'x' },
				headers: { origin: new URL(page.url()).origin },
				maxRedirects: 0
			})
		).status();
	await context.close();
	return { statuses, posts };
}

test('every back-office route has an entry saying who may use it', () => {
	expect(listBackofficeRoutes()).toEqual(Object.keys(allowed).sort());
});

test('visitors are sent to the login page from every back-office route', async ({ browser }) => {
	const context = await browser.newContext();
	for (const route of listBackofficeRoutes()) {
		const path = toPath(route);
		const response = await context.request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(303);
		expect(response.headers()['location'], path).toBe(`/login?next=${encodeURIComponent(path)}`);
	}
	await context.close();
});

test('citizens get 403 on every back-office route, for reading and for posting', async ({
	browser
}) => {
	const paths = listBackofficeRoutes().map(toPath);
	const { statuses, posts } = await statusesAs(browser, 'citizen', paths);
	for (const path of paths) {
		expect(statuses[path], `GET ${path}`).toBe(403);
		expect(posts[path], `POST ${path}`).toBe(403);
	}
});

for (const who of ['staff', 'clerk', 'admin'] as const) {
	test(`${who}: 403 exactly where the role is not allowed`, async ({ browser }) => {
		const routesList = listBackofficeRoutes();
		const { statuses, posts } = await statusesAs(browser, who, routesList.map(toPath));
		for (const route of routesList) {
			const path = toPath(route);
			if (allowed[route]?.includes(who)) {
				expect(statuses[path], `GET ${path}`).not.toBe(403);
				expect(statuses[path], `GET ${path}`).toBeLessThan(500);
			} else {
				expect(statuses[path], `GET ${path}`).toBe(403);
				expect(posts[path], `POST ${path}`).toBe(403);
			}
		}
	});
}

// Who may open which back-office page, for every page and endpoint in the route tree: visitors
// are sent to the login page (coming back afterwards), citizens get 403, and staff, clerks and
// admins only reach what their roles allow. The list of routes is read from src/routes, so a new
// back-office route without an entry in `allowed` fails this test until someone decides who may
// use it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { logIn, type E2eUser } from './users';

const routes = join(import.meta.dirname, '..', '..', 'src', 'routes');
const ANY_ID = '00000000-0000-4000-8000-000000000000';

type Route = { id: string; writes: string[] };

/**
 * Every page and endpoint under /backoffice (e.g. /backoffice/users/[id]) with the ways to write
 * to it: its named form actions (`?/name`) and its POST handler.
 */
function listBackofficeRoutes(): Route[] {
	const found = new Map<string, Route>();
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			if (entry.isDirectory()) walk(join(dir, entry.name));
			else if (/^\+(page\.svelte|page\.server\.ts|server\.ts)$/.test(entry.name)) {
				const id = `/${relative(routes, dir)}`.replace(/\/\([^)]+\)/g, '');
				const route = found.get(id) ?? { id, writes: [] };
				const source = readFileSync(join(dir, entry.name), 'utf8');
				const actions = source.split('export const actions')[1];
				if (entry.name === '+page.server.ts' && actions)
					route.writes.push(
						...[...actions.matchAll(/^\t(\w+): /gm)].map((m) =>
							m[1] === 'default' ? '' : `?/${m[1]}`
						)
					);
				if (entry.name === '+server.ts' && /export const POST\b/.test(source))
					route.writes.push('');
				found.set(id, route);
			}
		}
	};
	walk(join(routes, 'backoffice'));
	return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The back-office roles that may use each route; everyone else gets 403. */
const allowed: Record<string, E2eUser[]> = {
	'/backoffice': ['staff', 'clerk', 'admin'],
	'/backoffice/dossiers/[id]': ['staff', 'admin'],
	'/backoffice/dossiers/[id]/bestanden/[fileId]': ['staff', 'admin'],
	'/backoffice/export.csv': ['staff', 'admin'],
	'/backoffice/mail': ['admin'],
	'/backoffice/mail/[file]': ['admin'],
	'/backoffice/processes': ['clerk', 'admin'],
	'/backoffice/processes/[id]': ['clerk', 'admin'],
	'/backoffice/processes/[id]/diff': ['clerk', 'admin'],
	'/backoffice/processes/[id]/versions/[version]/export.json': ['clerk', 'admin'],
	'/backoffice/processes/[id]/versions/[version]/edit': ['clerk', 'admin'],
	'/backoffice/processes/[id]/versions/[version]/edit/fields/[key]': ['clerk', 'admin'],
	'/backoffice/processes/[id]/versions/[version]/edit/pages': ['clerk', 'admin'],
	'/backoffice/processes/[id]/versions/[version]/edit/preview/[[pageId]]': ['clerk', 'admin'],
	'/backoffice/processes/[id]/versions/[version]/edit/workflow': ['clerk', 'admin'],
	'/backoffice/templates': ['clerk', 'admin'],
	'/backoffice/templates/[id]': ['clerk', 'admin'],
	'/backoffice/templates/new': ['clerk', 'admin'],
	'/backoffice/users': ['admin'],
	'/backoffice/users/[id]': ['admin'],
	'/backoffice/users/invite': ['admin']
};

const toPath = (route: string) => route.replace(/\[[^\]]+\]/g, ANY_ID);

async function statusesAs(browser: Browser, who: E2eUser | 'citizen', list: Route[]) {
	const context = await browser.newContext();
	const page = await context.newPage();
	if (who === 'citizen') {
		await page.goto('/register');
		await page.getByLabel('Naam').fill('Bert Burger');
		await page.getByLabel('E-mailadres').fill(`burger-${Date.now()}@example.be`);
		await page.getByLabel('Kies een wachtwoord').fill('toegang enkel voor bewoners');
		await page.getByRole('button', { name: 'Account aanmaken' }).click();
		await expect(page.getByRole('banner')).toContainText('Bert Burger');
	} else await logIn(page, who);
	const reads: Record<string, number> = {};
	const writes: Record<string, number> = {};
	for (const route of list) {
		const path = toPath(route.id);
		reads[route.id] = (await context.request.get(path, { maxRedirects: 0 })).status();
		for (const write of route.writes)
			writes[`${route.id}${write}`] = (
				await context.request.post(`${path}${write}`, {
					form: { anything: 'x' },
					headers: { origin: new URL(page.url()).origin },
					maxRedirects: 0
				})
			).status();
	}
	await context.close();
	return { reads, writes };
}

test('every back-office route has an entry saying who may use it', () => {
	expect(listBackofficeRoutes().map((r) => r.id)).toEqual(Object.keys(allowed).sort());
	// The actions are found: a page that writes without any would make the tests below hollow.
	expect(listBackofficeRoutes().find((r) => r.id === '/backoffice/dossiers/[id]')?.writes).toEqual(
		expect.arrayContaining(['?/transition', '?/assign', '?/message'])
	);
});

test('visitors are sent to the login page from every back-office route', async ({ browser }) => {
	const context = await browser.newContext();
	for (const route of listBackofficeRoutes()) {
		const path = toPath(route.id);
		const response = await context.request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(303);
		expect(response.headers()['location'], path).toBe(`/login?next=${encodeURIComponent(path)}`);
	}
	await context.close();
});

test('citizens get 403 on every back-office route, for reading and for every action', async ({
	browser
}) => {
	const list = listBackofficeRoutes();
	const { reads, writes } = await statusesAs(browser, 'citizen', list);
	for (const route of list) expect(reads[route.id], `GET ${route.id}`).toBe(403);
	for (const [write, status] of Object.entries(writes)) expect(status, `POST ${write}`).toBe(403);
	expect(Object.keys(writes).length).toBeGreaterThan(3);
});

for (const who of ['staff', 'clerk', 'admin'] as const) {
	test(`${who}: 403 exactly where the role is not allowed`, async ({ browser }) => {
		const list = listBackofficeRoutes();
		const { reads, writes } = await statusesAs(browser, who, list);
		for (const route of list) {
			if (allowed[route.id]?.includes(who)) {
				expect(reads[route.id], `GET ${route.id}`).not.toBe(403);
				expect(reads[route.id], `GET ${route.id}`).toBeLessThan(500);
			} else {
				expect(reads[route.id], `GET ${route.id}`).toBe(403);
				for (const write of route.writes)
					expect(writes[`${route.id}${write}`], `POST ${route.id}${write}`).toBe(403);
			}
		}
	});
}

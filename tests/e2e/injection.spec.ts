// SQL injection strings in every filter, search and other parameter the pages read (the catalogue
// search, the inbox filters and search and its CSV export, the users search, the process pages'
// versions, the push status check) and in every kind of id in a path: the answer is an ordinary
// page (200), a refusal (400) or "not found" (404), never a server error; a search finds no more
// rows than a harmless search for something that does not exist; and afterwards the tables are
// all still there, with the same rows.
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { fileComplaint } from './filing-helpers';
import { logIn, type E2eUser } from './users';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const injections = [
	"' OR 1=1 --",
	"'; DROP TABLE dossier; --",
	"' UNION SELECT id, email, password_hash FROM app_user --",
	'\\',
	"%' OR '%'='",
	'%',
	'_',
	'\u0000',
	"x\u0000' OR 1=1 --",
	'1; SELECT pg_sleep(5)'
];
const harmless = 'zzgeentreffer';

async function signedIn(browser: Browser, who: E2eUser | null): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	if (who) await logIn(page, who);
	else await page.goto('/');
	return page;
}

/** The status of a GET and how many times `row` occurs in the answer. */
async function probe(request: APIRequestContext, path: string, row: RegExp) {
	const response = await request.get(path, { maxRedirects: 0 });
	const body = await response.text();
	return { status: response.status(), rows: body.match(row)?.length ?? 0 };
}

const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

// Each search: where it is, who may use it, the parameters it reads, and what one row looks like.
type Search = { who: E2eUser | null; path: string; params: string[]; row: RegExp };
const searches: Search[] = [
	{ who: null, path: '/', params: ['q', 'voor', 'thema'], row: /href="[./]*p\/[\w-]+"/g },
	{
		who: 'staff',
		path: '/backoffice',
		params: ['q', 'process', 'state', 'assignee', 'from', 'to', 'sort', 'dir', 'after', 'open'],
		row: /href="[./]*backoffice\/dossiers\/[0-9a-f-]{36}"/g
	},
	{
		who: 'staff',
		path: '/backoffice/export.csv',
		params: ['q', 'process', 'state', 'assignee', 'from', 'to'],
		row: /^"\d{4}-\d{6}";/gm
	},
	{
		who: 'admin',
		path: '/backoffice/users',
		params: ['q', 'page'],
		row: /href="[./]*backoffice\/users\/[0-9a-f-]{36}"/g
	}
];

test.beforeAll(async ({ browser }) => {
	test.setTimeout(120_000);
	// A dossier to find (or not).
	const guest = await signedIn(browser, null);
	await fileComplaint(guest, {
		firstName: 'Ine',
		lastName: 'Jectie',
		email: `injectie-${Date.now()}@example.be`,
		what: 'De lantaarnpaal in onze straat brandt al weken niet.',
		wish: 'Herstel.'
	});
	await guest.context().close();
});

/** Rows without any filter, per search: the tables' contents before and after. */
async function countAll(browser: Browser): Promise<number[]> {
	const counts: number[] = [];
	for (const s of searches) {
		const page = await signedIn(browser, s.who);
		const { status, rows } = await probe(page.request, s.path, s.row);
		expect(status, s.path).toBe(200);
		counts.push(rows);
		await page.context().close();
	}
	return counts;
}

let before: number[] = [];

test('every search and filter answers injection strings with 200 or 400, and finds nothing extra', async ({
	browser
}) => {
	before = await countAll(browser);
	expect(before).not.toContain(0);
	for (const s of searches) {
		const page = await signedIn(browser, s.who);
		for (const param of s.params) {
			const baseline = await probe(page.request, `${s.path}${q({ [param]: harmless })}`, s.row);
			expect(baseline.status, `${s.path} ${param}=${harmless}`).toBe(200);
			for (const value of injections) {
				const label = `${s.path} ${param}=${JSON.stringify(value)}`;
				const got = await probe(page.request, `${s.path}${q({ [param]: value })}`, s.row);
				expect([200, 400], label).toContain(got.status);
				// A filter that is ignored (an unknown value) shows everything, as without the
				// parameter; one that is applied shows no more than a search for nothing.
				if (got.status === 200 && got.rows > baseline.rows)
					expect(got.rows, label).toBe(before[searches.indexOf(s)]);
			}
		}
		await page.context().close();
	}
});

test('a search for an injection string finds nothing where a harmless miss finds nothing', async ({
	browser
}) => {
	// The free-text searches are applied, never ignored: they must find exactly nothing.
	const staff = await signedIn(browser, 'staff');
	const admin = await signedIn(browser, 'admin');
	const anyone = await signedIn(browser, null);
	const checks: [Page, Search][] = [
		[anyone, searches[0]],
		[staff, searches[1]],
		[staff, searches[2]],
		[admin, searches[3]]
	];
	for (const [page, s] of checks) {
		expect((await probe(page.request, `${s.path}${q({ q: harmless })}`, s.row)).rows).toBe(0);
		// (With a NUL the address itself is refused, 400: see the test above.)
		for (const value of injections.filter((v) => /'/.test(v) && !v.includes('\u0000'))) {
			const got = await probe(page.request, `${s.path}${q({ q: value })}`, s.row);
			expect(got.status, `${s.path} q=${value}`).toBe(200);
			expect(got.rows, `${s.path} q=${value}`).toBe(0);
		}
	}
	for (const page of [staff, admin, anyone]) await page.context().close();
});

test('ids in paths and other parameters: 200, 400 or 404, never a server error', async ({
	browser
}) => {
	const pages: Record<string, Page> = {
		anonymous: await signedIn(browser, null),
		staff: await signedIn(browser, 'staff'),
		clerk: await signedIn(browser, 'clerk'),
		admin: await signedIn(browser, 'admin'),
		citizen: await signedIn(browser, 'citizen')
	};
	const paths: [string, (v: string) => string][] = [
		['anonymous', (v) => `/p/${v}`],
		['anonymous', (v) => `/p/${v}/formulier.json`],
		['anonymous', (v) => `/volg/${v}`],
		['anonymous', (v) => `/volg/${v}/push${q({ endpoint: v })}`],
		['anonymous', (v) => `/wachtwoord-vergeten/${v}`],
		['anonymous', (v) => `/bevestigen/${v}`],
		['anonymous', (v) => `/uitnodiging/${v}`],
		['citizen', (v) => `/dossiers/${v}`],
		['citizen', (v) => `/dossiers/${v}/bestanden/${v}`],
		['citizen', (v) => `/push${q({ endpoint: v })}`],
		['staff', (v) => `/backoffice/dossiers/${v}`],
		['staff', (v) => `/backoffice/dossiers/${v}/bestanden/${v}`],
		['admin', (v) => `/backoffice/users/${v}`],
		['admin', (v) => `/backoffice/mail/${v}`],
		['clerk', (v) => `/backoffice/templates/${v}`],
		['clerk', (v) => `/backoffice/templates/new${q({ process: v })}`],
		['clerk', (v) => `/backoffice/processes/${v}`],
		['clerk', (v) => `/backoffice/processes/klacht${q({ imported: v, published: v })}`],
		['clerk', (v) => `/backoffice/processes/klacht/diff${q({ from: v, to: v })}`],
		['clerk', (v) => `/backoffice/processes/klacht/versions/${v}/export.json`],
		['clerk', (v) => `/backoffice/processes/klacht/versions/${v}/edit`]
	];
	const failures: string[] = [];
	for (const [who, make] of paths)
		for (const value of injections) {
			const path = make(encodeURIComponent(value));
			const status = (await pages[who].request.get(path, { maxRedirects: 0 })).status();
			if (![200, 400, 404].includes(status)) failures.push(`${status} ${who} GET ${path}`);
		}
	expect(failures).toEqual([]);
	for (const page of Object.values(pages)) await page.context().close();
});

test('afterwards every table is still there, with the same rows', async ({ browser }) => {
	expect(await countAll(browser)).toEqual(before);
	const health = await (await signedIn(browser, null)).request.get('/healthz');
	expect(health.status()).toBe(200);
});

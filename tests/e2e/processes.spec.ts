// Managing processes: a clerk sees the library's processes with their versions, creates one from a
// library definition (a wrong id is caught at the field), copies one, retires one (it leaves the
// catalogue) and reopens it, downloads a version as a definition file, imports a broken file (every
// problem shown) and a good one (a draft appears), opens a draft, and compares two versions in words.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { library } from './library';
import { logIn } from './users';

test.describe.configure({ timeout: 240_000 });

const stamp = Date.now().toString(36);
const lending = library.find((p) => p.id === 'uitleendienst')!;

async function importFile(page: Page, name: string, text: string) {
	await page.goto('/backoffice/processes');
	await page.getByLabel('Bestand (.json)').setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await page.getByRole('button', { name: 'Invoeren' }).click();
}

test('a clerk creates, copies, retires, exports, imports and compares processes', async ({
	page,
	browser
}) => {
	await logIn(page, 'clerk');
	await page.goto('/backoffice');
	await page.getByRole('link', { name: 'Processen beheren' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Processen' })).toBeVisible();
	const table = page.getByRole('region', { name: 'Processen en hun versies' });
	for (const p of library)
		await expect(table.getByRole('link', { name: p.title.nl, exact: true })).toBeVisible();
	await expect(table.getByRole('row', { name: /Klacht over de dienstverlening/ })).toContainText(
		'v1: gepubliceerd'
	);
	await expectAccessible(page);

	// A new process from a library definition; a wrong id first, nothing typed is lost.
	const title = `Klacht jeugddienst ${stamp}`;
	await page.getByLabel('Id', { exact: true }).fill('Klacht Jeugd');
	await page.getByLabel('Titel in het Nederlands').fill(title);
	await page
		.getByLabel('Beginnen van')
		.selectOption({ label: 'Klacht over de dienstverlening (versie 1)' });
	await page.getByRole('button', { name: 'Proces aanmaken' }).click();
	await expect(page.getByRole('alert')).toContainText('Gebruik alleen kleine letters');
	await expect(page.getByLabel('Id', { exact: true })).toHaveAccessibleDescription(
		/Gebruik alleen kleine letters/
	);
	await expect(page.getByLabel('Titel in het Nederlands')).toHaveValue(title);
	await expectAccessible(page);
	const id = `klacht-jeugd-${stamp}`;
	await page.getByLabel('Id', { exact: true }).fill(id);
	await page.getByRole('button', { name: 'Proces aanmaken' }).click();
	await expect(page).toHaveURL(new RegExp(`/backoffice/processes/${id}\\?created$`));
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByRole('status')).toHaveText(
		'Het proces is aangemaakt als ontwerp (versie 1).'
	);
	const versions = page.getByRole('region', { name: 'Versies', exact: true });
	await expect(versions.getByRole('row', { name: /^1 / })).toContainText('ontwerp');
	await expect(versions.getByRole('row', { name: /^1 / })).toContainText('zelf gemaakt');
	await expect(page.getByRole('link', { name: 'Ontwerp bewerken (versie 1)' })).toHaveAttribute(
		'href',
		`/backoffice/processes/${id}/versions/1/edit`
	);
	await expectAccessible(page);

	// A copy of it under a new id.
	await page.getByLabel('Id van het nieuwe proces').fill(`${id}-kopie`);
	await page.getByRole('button', { name: 'Kopie maken' }).click();
	await expect(page).toHaveURL(new RegExp(`/backoffice/processes/${id}-kopie\\?created$`));
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Wijzigingen', exact: true })).toContainText(
		`Gekopieerd van ‘${id}’, versie 1`
	);

	// Retired: gone from the catalogue; reopened: back. The visitor (no cookies: the page everyone
	// gets, kept in memory) has the catalogue open before each change and sees it at once.
	const visitor = await (await browser.newContext()).newPage();
	await visitor.goto('/');
	await expect(visitor.getByRole('link', { name: lending.title.nl, exact: true })).toBeVisible();
	await page.goto('/backoffice/processes/uitleendienst');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Buiten gebruik stellen' }).click();
	await expect(page.getByRole('status')).toContainText('buiten gebruik gesteld');
	await visitor.reload();
	await expect(visitor.getByRole('link', { name: lending.title.nl, exact: true })).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Weer in gebruik nemen' }).click();
	await expect(page.getByRole('status')).toContainText('weer in gebruik');
	await visitor.reload();
	await expect(visitor.getByRole('link', { name: lending.title.nl, exact: true })).toBeVisible();
	const log = page.getByRole('region', { name: 'Wijzigingen', exact: true });
	await expect(log.getByRole('listitem').first()).toContainText('Weer in gebruik genomen');
	await expect(log.getByRole('listitem').first()).toContainText('Carla Formulier');
	await expect(log.getByRole('listitem').nth(1)).toContainText('Buiten gebruik gesteld');

	// The export: a download with the right name and headers, in the library's format.
	const response = await page.request.get(
		'/backoffice/processes/uitleendienst/versions/1/export.json'
	);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
	expect(response.headers()['content-disposition']).toBe(
		'attachment; filename="uitleendienst-v1.json"'
	);
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
	const exported = await response.text();
	expect(JSON.parse(exported)).toMatchObject({
		$schema: './schema.json',
		id: 'uitleendienst',
		version: 1
	});
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Exporteren versie 1' }).click()
	]);
	expect(download.suggestedFilename()).toBe('uitleendienst-v1.json');

	// A broken file: every problem shown, nothing stored.
	await importFile(
		page,
		'kapot.json',
		JSON.stringify({ ...JSON.parse(exported), id: 'Kapot ID', pages: [] })
	);
	await expect(page.getByRole('alert')).toContainText('geen geldige procesdefinitie');
	// Every problem in Dutch, with where it is in words (not the checker's English).
	await expect(
		page.getByText('Id: Gebruik alleen kleine letters, cijfers en een streepje (-)', {
			exact: false
		})
	).toBeVisible();
	await expect(page.getByText('Pagina’s: Geef er minstens 1.')).toBeVisible();
	await expect(page.getByText(/must be|Invalid input|expected/)).toHaveCount(0);
	await expectAccessible(page);

	// A good file with a new id: a new process with a draft.
	await importFile(
		page,
		'nieuw.json',
		exported.replace('"id": "uitleendienst"', `"id": "import-${stamp}"`)
	);
	await expect(page).toHaveURL(new RegExp(`/backoffice/processes/import-${stamp}\\?imported=1$`));
	await expect(page.getByRole('status')).toHaveText(
		'De definitie is ingevoerd als ontwerp, versie 1.'
	);
	await expect(versions.getByRole('row', { name: /^1 / })).toContainText('ingevoerd');

	// The same process with a new title: its next draft; compare it with the published version.
	const renamed = exported.replace(lending.title.nl, 'Materiaal lenen');
	await importFile(page, 'uitleendienst.json', renamed);
	await expect(page).toHaveURL(/\/backoffice\/processes\/uitleendienst\?imported=2$/);
	await page.getByRole('button', { name: 'Vergelijken' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Versie 1 en versie 2 vergeleken' })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'Proces', exact: true })).toContainText(
		`Titel van het proces gewijzigd: ‘${lending.title.nl}’ → ‘Materiaal lenen’.`
	);
	await expectAccessible(page);
	await page.goto('/backoffice/processes/uitleendienst/diff?from=1&to=1');
	await expect(page.getByText('Geen verschillen.')).toBeVisible();
	await page.goto('/backoffice/processes/uitleendienst/diff?from=1&to=9');
	await expect(page.getByText('Kies twee versies die bestaan om te vergelijken.')).toBeVisible();

	// Throwing a draft away asks first, in red, and "no" keeps it.
	await page.goto('/backoffice/processes/uitleendienst');
	await expect(page.getByRole('button', { name: /weggooien/ })).toHaveCount(0);
	await page.getByRole('link', { name: 'Ontwerp weggooien…' }).click();
	await expect(page.getByRole('heading', { name: 'Ontwerp versie 2 weggooien?' })).toBeVisible();
	const yes = page.getByRole('button', { name: 'Ja, ontwerp versie 2 weggooien' });
	await expect(yes).toHaveCSS('background-color', 'rgb(179, 38, 30)');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Nee, ontwerp houden' }).click();
	await expect(page.getByRole('link', { name: 'Ontwerp bewerken (versie 2)' })).toBeVisible();
	await page.getByRole('link', { name: 'Ontwerp weggooien…' }).click();
	await yes.click();
	await expect(page.getByRole('status')).toHaveText('Het ontwerp is weggegooid.');
	await expect(page.getByRole('status')).toBeFocused();
	const open = await page.request.post('/backoffice/processes/uitleendienst?/openDraft', {
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		form: {},
		maxRedirects: 0
	});
	expect(open.status()).toBe(303);
	expect(open.headers()['location']).toBe('/backoffice/processes/uitleendienst/versions/2/edit');
	await page.reload();
	await page.getByRole('link', { name: 'Ontwerp weggooien…' }).click();
	await page.getByRole('button', { name: 'Ja, ontwerp versie 2 weggooien' }).click();
	await expect(page.getByRole('status')).toHaveText('Het ontwerp is weggegooid.');
	await expectAccessible(page);
});

test('without JavaScript, discarding a draft from the editor asks first too', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await logIn(page, 'clerk');
	await page.goto('/backoffice/processes/klacht/versions/new/edit');
	await expect(page).toHaveURL(/\/versions\/(\d+)\/edit$/);
	const version = /\/versions\/(\d+)\/edit$/.exec(page.url())![1];
	await page.getByRole('link', { name: 'Ontwerp weggooien…' }).click();
	await expect(page).toHaveURL(/\?weggooien$/);
	await expect(
		page.getByRole('heading', { name: `Ontwerp versie ${version} weggooien?` })
	).toBeVisible();
	await page.getByRole('button', { name: `Ja, ontwerp versie ${version} weggooien` }).click();
	await expect(page).toHaveURL(new RegExp(`/backoffice/processes/klacht\\?discarded=${version}$`));
	await expect(page.getByRole('status')).toHaveText('Het ontwerp is weggegooid.');
	// (axe needs JavaScript: the same question is checked with it in the test above.)
	await context.close();
});

test('without JavaScript, a refused new process, copy or import says why and keeps what was typed', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await logIn(page, 'clerk');
	await page.goto('/backoffice/processes');
	const title = `Klacht zonder script ${stamp}`;
	await page.getByLabel('Id', { exact: true }).fill('Klacht Zonder');
	await page.getByLabel('Titel in het Nederlands').fill(title);
	await page
		.getByLabel('Beginnen van')
		.selectOption({ label: 'Klacht over de dienstverlening (versie 1)' });
	await page.getByRole('button', { name: 'Proces aanmaken' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toHaveCount(1);
	await expect(
		summary.getByRole('link', { name: /Gebruik alleen kleine letters/ })
	).toHaveAttribute('href', '#f-id');
	await expect(page.getByLabel('Id', { exact: true })).toHaveAccessibleDescription(
		/Gebruik alleen kleine letters/
	);
	await expect(page.getByLabel('Id', { exact: true })).toHaveValue('Klacht Zonder');
	await expect(page.getByLabel('Titel in het Nederlands')).toHaveValue(title);
	await expect(page.getByLabel('Beginnen van')).toHaveValue('klacht@1');
	await expect(page).toHaveTitle(/^Fout: /);

	// A broken file: every problem, and only the import form's error.
	await page.getByLabel('Bestand (.json)').setInputFiles({
		name: 'kapot.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"id": "Kapot ID"}')
	});
	await page.getByRole('button', { name: 'Invoeren' }).click();
	await expect(page.getByRole('alert')).toHaveCount(1);
	await expect(page.getByRole('alert')).toContainText('geen geldige procesdefinitie');
	await expect(page.getByLabel('Bestand (.json)')).toHaveAccessibleDescription(
		/geen geldige procesdefinitie/
	);
	await expect(page.getByRole('heading', { name: 'Problemen in het bestand' })).toBeVisible();
	await expect(page.getByLabel('Id', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

	// A copy under an id that is taken.
	await page.goto('/backoffice/processes/uitleendienst');
	await page.getByLabel('Id van het nieuwe proces').fill('klacht');
	await page.getByRole('button', { name: 'Kopie maken' }).click();
	await expect(page.getByRole('alert')).toContainText('Er bestaat al een proces met dit id.');
	await expect(page.getByLabel('Id van het nieuwe proces')).toHaveValue('klacht');
	await expect(page.getByLabel('Id van het nieuwe proces')).toHaveAccessibleDescription(
		/Er bestaat al een proces met dit id/
	);
	// (axe needs JavaScript: the same pages are checked with it in the first test.)
	await context.close();
});

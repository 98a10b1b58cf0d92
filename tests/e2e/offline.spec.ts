// A form on a phone without a connection: what is typed is kept on the device, a reload offline
// brings the form and the answers back, the rest of the form and its check page work offline,
// "send" queues the application ("waiting to send"), and when the connection returns it is filed
// exactly once and its reference appears. "Mijn concepten" lists what the device keeps.
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { expectAccessible } from './axe';
import { typedOnDevice } from './device';
import { expectStep, fillAddress, pressContinue } from './filing-helpers';
import { logIn } from './users';

// This spec is about the service worker, which the other specs leave out (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

const melding = '/p/melding-openbaar-domein/aanvragen';

/** Waits until the service worker controls the page (it claims it after a reload at the latest). */
async function controlled(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready);
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** The dossiers whose description holds `marker`, as staff's CSV export lists them. */
async function exportedRows(page: Page, marker: string): Promise<string[]> {
	const response = await page.request.get(`/backoffice/export.csv?q=${encodeURIComponent(marker)}`);
	expect(response.status()).toBe(200);
	return (await response.text())
		.split('\n')
		.slice(1)
		.filter((line) => line.trim() !== '');
}

test('offline: the answers survive a reload, the application waits to be sent, and is filed once when the connection returns @smoke', async ({
	page,
	context,
	browser
}) => {
	// A whole form, offline and back, then staff's check: longer than one page's default.
	test.setTimeout(120_000);
	const marker = `lamp-${Date.now().toString(36)}`;
	await page.goto(melding);
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	await controlled(page);
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	await page.getByLabel('Soort probleem').selectOption({ label: 'Straatverlichting' });
	await page.getByLabel('Nummer op de verlichtingspaal').fill('A-117');
	await page.getByLabel('Beschrijf het probleem').fill(`De lamp brandt niet (${marker})`);
	// Kept on the device as it is typed, not when the citizen presses a button.
	await expect
		.poll(async () => (await typedOnDevice(page, 'melding-openbaar-domein'))?.omschrijving)
		.toBe(`De lamp brandt niet (${marker})`);

	await context.setOffline(true);
	await page.reload();
	// The device's copy of the form opens, with what was typed.
	await expect(page.getByRole('heading', { level: 1, name: 'Wat is het probleem?' })).toBeVisible();
	await expect(page.getByText('U hebt geen verbinding.')).toBeVisible();
	await expect(page.getByLabel('Soort probleem')).toHaveValue('straatverlichting');
	await expect(page.getByLabel('Nummer op de verlichtingspaal')).toHaveValue('A-117');
	await expect(page.getByLabel('Beschrijf het probleem')).toHaveValue(
		`De lamp brandt niet (${marker})`
	);
	await expectAccessible(page);

	// The rest of the form, offline, with the same checks as online.
	await pressContinue(page);
	await expect(page.getByRole('heading', { level: 1, name: 'Waar is het?' })).toBeVisible();
	await pressContinue(page);
	await expect(page.getByRole('link', { name: 'Vul ‘Adres’ in.' })).toBeVisible();
	await fillAddress(page, 'Adres', {
		street: 'Kerkstraat',
		number: '12',
		postcode: '9000',
		municipality: 'Gent'
	});
	await pressContinue(page);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Uw gegevens (niet verplicht)' })
	).toBeVisible();
	await page.getByRole('radio', { name: 'Nee' }).check();
	await pressContinue(page);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Controleer uw antwoorden' })
	).toBeVisible();
	await expect(page.getByText(`De lamp brandt niet (${marker})`)).toBeVisible();
	await expect(page.getByText('Kerkstraat 12 9000 Gent')).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
	const status = page.getByRole('status').filter({ hasText: 'Wacht om te versturen' });
	await expect(status).toBeVisible();
	// Waiting is no dead end: the way on is to the device's drafts or the home page.
	await expect(page.getByRole('link', { name: 'Naar Mijn concepten' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Terug naar de startpagina' })).toBeVisible();
	await expectAccessible(page);
	// Still offline a reload shows it waiting; nothing has reached the municipality.
	await page.reload();
	await expect(status).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByText('Uw aanvraag is ontvangen.')).toBeVisible({ timeout: 30_000 });
	const reference = (await page.locator('.reference').innerText()).trim();
	expect(reference).toMatch(/^\d{4}-\d{6}$/);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Ontvangstbewijs bekijken' }).click();
	await expect(page.getByText(reference)).toBeVisible();

	// Exactly one dossier, however many times the phone tried.
	if (process.env.DATABASE_URL) {
		const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
		await client.connect();
		const { rows } = await client.query(
			`select reference from dossier where answers->>'omschrijving' like $1`,
			[`%${marker}%`]
		);
		await client.end();
		expect(rows).toEqual([{ reference }]);
	}
	const staff = await browser.newPage();
	await logIn(staff, 'staff');
	const rows = await exportedRows(staff, marker);
	expect(rows).toHaveLength(1);
	expect(rows[0]).toContain(reference);
	await staff.close();

	// Mijn concepten lists what this device sent, and no draft is left behind.
	await page.getByRole('banner').getByRole('link', { name: 'Mijn concepten' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn concepten' })).toBeVisible();
	await expect(page.getByText(reference)).toBeVisible();
	await expect(page.getByText('U hebt geen concepten op dit toestel.')).toBeVisible();
	await expectAccessible(page);
});

test('Mijn concepten keeps a form begun on this device, to continue or to discard', async ({
	page
}) => {
	// A slow phone: the citizen types before the page's scripts have arrived. (A CI machine at load
	// 12 once did this by chance, and what was typed then was not kept: the page told the keeper
	// before the keeper first ran, and the keeper dropped it.)
	let scriptsArrive = () => {};
	const held = new Promise<void>((release) => (scriptsArrive = release));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(melding, { waitUntil: 'domcontentloaded' });
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	await page.getByLabel('Soort probleem').selectOption({ label: 'Put of schade in de weg' });
	await page.getByLabel('Beschrijf het probleem').fill('Diepe put voor nummer 3');
	scriptsArrive();
	await expect(page.locator('[data-device="ready"]')).toBeAttached();
	// Typed, not yet continued: leaving the page loses nothing.
	await expect
		.poll(async () => (await typedOnDevice(page, 'melding-openbaar-domein'))?.omschrijving, {
			timeout: 15_000
		})
		.toBe('Diepe put voor nummer 3');
	await page.goto('/concepten');
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn concepten' })).toBeVisible();
	const title = 'Probleem op straat of openbaar domein melden';
	await expect(page.getByRole('heading', { level: 3, name: title })).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: `Verder invullen: ${title}` }).click();
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	await expect(
		page.getByText('We hebben teruggezet wat u op dit toestel had ingevuld')
	).toBeVisible();
	await expect(page.getByLabel('Beschrijf het probleem')).toHaveValue('Diepe put voor nummer 3');

	await page.goto('/concepten');
	await page.getByRole('button', { name: `Verwijderen: ${title}` }).click();
	await expect(page.getByRole('button', { name: `Ja, verwijderen: ${title}` })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByText('U hebt geen concepten op dit toestel.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

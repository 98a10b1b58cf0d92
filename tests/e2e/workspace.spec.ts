// Staff at their desk (issue 20, items 1 and 4): on a 1440×900 screen the inbox shows fifteen rows
// and every column without scrolling; the arrow keys move through the rows, Enter opens one, and
// the way back lands on the same row; the dossier page keeps the case in sight while staff take
// the dossier, send a standard reply and move it on. Twenty reports, three of them changed by a
// colleague meanwhile, get one step in bulk: seventeen are done, the three are listed with why. On
// a 768 px tablet the same work is possible. A PDF a citizen filed is read in the page, page by
// page, while its file stays a sandboxed download. axe runs on every page.
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import PDFDocument from 'pdfkit';
import { expectAccessible } from './axe';
import { fileComplaint, upload } from './filing-helpers';
import { logIn, type E2eUser } from './users';

test.describe.configure({ timeout: 300_000 });

const stamp = Date.now();
const desk = { width: 1440, height: 900 };
const tablet = { width: 768, height: 1024 };

async function staffAt(browser: Browser, viewport: typeof desk, who: E2eUser = 'staff') {
	const context = await browser.newContext({ viewport, isMobile: false, hasTouch: false });
	const page = await context.newPage();
	await expect(async () => logIn(page, who)).toPass({ timeout: 60_000 });
	return page;
}

/** A write token for the API, made by the admin as an integrator would get one. */
async function writeToken(browser: Browser): Promise<string> {
	const admin = await staffAt(browser, desk, 'admin');
	await admin.goto('/backoffice/api-tokens');
	await admin.getByLabel('Naam').fill(`Werkplek ${stamp}`);
	await admin.getByRole('radio', { name: 'Lezen en schrijven' }).check();
	await admin.getByRole('button', { name: 'Token aanmaken' }).click();
	const token = await admin.getByLabel('Het token').inputValue();
	await admin.context().close();
	return token;
}

/** Files `count` reports of a broken pavement through the API; their references, in order. */
async function fileReports(
	request: APIRequestContext,
	token: string,
	word: string,
	count: number
): Promise<string[]> {
	const references: string[] = [];
	for (let i = 0; i < count; i++) {
		const response = await request.post('/api/v1/dossiers', {
			headers: { authorization: `Bearer ${token}`, 'idempotency-key': `${word}-${i}` },
			data: {
				process: 'melding-openbaar-domein',
				answers: {
					categorie: 'wegdek',
					omschrijving: `Losse tegel ${word} nummer ${i + 1}.`,
					locatieAdres: {
						street: 'Kerkstraat',
						number: String(i + 1),
						postcode: '9000',
						municipality: 'Gent'
					},
					terugkoppeling: false
				}
			}
		});
		expect(response.status(), await response.text()).toBe(201);
		references.push((await response.json()).reference);
	}
	return references;
}

const inboxTable = (page: Page) => page.getByRole('table', { name: /Dossiers in de werkbak/ });

/** Whether the element is entirely inside the window, as the user sees it now. */
async function inView(page: Page, locator: ReturnType<Page['getByRole']>): Promise<boolean> {
	const box = await locator.boundingBox();
	const size = page.viewportSize();
	return (
		!!box &&
		!!size &&
		box.y >= 0 &&
		box.y + box.height <= size.height &&
		box.x >= 0 &&
		box.x + box.width <= size.width
	);
}

test('at a desk: fifteen rows and every column in sight, the keyboard through the inbox and back, and a dossier handled beside its answers', async ({
	browser,
	request
}) => {
	const word = `stoeptegel${stamp}`;
	const token = await writeToken(browser);
	const references = await fileReports(request, token, word, 16);

	// A standard reply for reports, written by the functional administrator.
	const clerk = await staffAt(browser, desk, 'clerk');
	await clerk.goto('/backoffice/templates');
	await clerk.getByRole('link', { name: 'Nieuw standaardantwoord' }).click();
	await clerk
		.getByLabel('Proces')
		.selectOption({ label: 'Probleem op straat of openbaar domein melden' });
	const title = `Herstelling gepland ${stamp}`;
	await clerk.getByLabel('Titel').fill(title);
	await clerk
		.getByLabel('Tekst in het Nederlands')
		.fill('Uw melding {referentie} wordt deze week hersteld.');
	await clerk.getByRole('button', { name: 'Standaardantwoord opslaan' }).click();
	await expect(clerk.getByRole('status')).toHaveText('Het standaardantwoord is opgeslagen.');
	await clerk.context().close();

	const page = await staffAt(browser, desk);
	await page.goto(`/backoffice?q=${word}`);
	await expect(page.getByRole('heading', { level: 1, name: 'Werkbak' })).toBeVisible();
	const table = inboxTable(page);
	const rows = table.getByRole('row');
	await expect(rows).toHaveCount(17); // the header and sixteen
	// The header's own links, not the citizen's.
	const nav = page.getByRole('navigation', { name: 'Back-office' });
	await expect(nav.getByRole('link', { name: 'Werkbak', exact: true })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(page.getByRole('link', { name: 'Mijn concepten' })).toHaveCount(0);
	// Fifteen rows below the header row, and every column, inside the window.
	for (let i = 0; i <= 15; i++) expect(await inView(page, rows.nth(i)), `row ${i}`).toBe(true);
	const headers = table.getByRole('columnheader');
	await expect(headers).toHaveCount(8);
	for (let i = 0; i < 8; i++) expect(await inView(page, headers.nth(i)), `column ${i}`).toBe(true);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
	await expectAccessible(page);

	// Sorting by the due date, from the column header; its order is announced.
	await table.getByRole('link', { name: /Uiterste datum/ }).click();
	await expect(page).toHaveURL(/sort=due&dir=asc/);
	await expect(
		inboxTable(page).getByRole('columnheader', { name: /Uiterste datum/ })
	).toHaveAttribute('aria-sort', 'ascending');
	await page.goto(`/backoffice?q=${word}`);

	// The keyboard: down two rows, open, and back to that row.
	const newest = [...references].reverse();
	await inboxTable(page).getByRole('link', { name: newest[0] }).focus();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(inboxTable(page).getByRole('link', { name: newest[2] })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(newest[2]);
	await expectAccessible(page);
	await page.goBack();
	await expect(inboxTable(page).getByRole('link', { name: newest[2] })).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await expect(inboxTable(page).getByRole('link', { name: newest[1] })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toContainText(newest[1]);
	// The page's own way back keeps the search, and lands on the row too.
	await page.getByRole('link', { name: 'Terug naar het overzicht' }).focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`q=${word}`));
	await expect(inboxTable(page).getByRole('link', { name: newest[1] })).toBeFocused();

	// The dossier: the case on the left stays in sight while staff act in the panel beside it.
	await page.keyboard.press('Enter');
	const answers = page.getByRole('heading', { level: 2, name: 'Antwoorden' });
	const panel = page.getByRole('complementary', { name: 'Behandeling' });
	await expect(answers).toBeVisible();
	expect(await inView(page, answers)).toBe(true);
	await panel.getByRole('button', { name: 'Ik neem dit dossier' }).click();
	await expect(panel.getByRole('status')).toHaveText('Toegewezen aan Stijn Balie.');
	await expect(panel.getByRole('status')).toBeFocused();
	expect(await inView(page, answers)).toBe(true);

	const message = panel.getByRole('form', { name: 'Bericht of notitie' });
	await message.getByLabel('Standaardantwoord').selectOption({ label: title });
	await message.getByRole('button', { name: 'Invoegen' }).click();
	await expect(message.getByLabel('Tekst')).toHaveValue(
		`Uw melding ${newest[1]} wordt deze week hersteld.`
	);
	await message.getByRole('radio', { name: /Bericht aan de aanvrager/ }).check();
	await message.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(panel.getByRole('status')).toHaveText('Toegevoegd aan het dossier.');
	expect(await inView(page, answers)).toBe(true);

	const step = panel.getByRole('group', { name: 'In behandeling nemen', exact: true });
	await step.getByRole('button', { name: 'In behandeling nemen' }).click();
	await expect(panel.getByRole('status')).toHaveText('Uitgevoerd: In behandeling nemen.');
	await expect(panel.getByRole('status')).toBeFocused();
	expect(await inView(page, answers)).toBe(true);
	await expectAccessible(page);
});

test('bulk: one step on twenty reports applies to seventeen and names the three a colleague changed', async ({
	browser,
	request
}) => {
	const word = `bulkmelding${stamp}`;
	const token = await writeToken(browser);
	const references = await fileReports(request, token, word, 20);

	const page = await staffAt(browser, desk);
	await page.goto(`/backoffice?q=${word}`);
	await expect(inboxTable(page).getByRole('row')).toHaveCount(21);
	await page.getByRole('checkbox', { name: 'Alle dossiers op deze pagina kiezen' }).check();
	await expect(page.getByRole('group', { name: /Met de aangevinkte dossiers/ })).toContainText(
		'(20 gekozen)'
	);
	await expectAccessible(page);
	// The chosen ones as a CSV file: a download, the inbox stays as it is.
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Gekozen dossiers downloaden (CSV)' }).click();
	const csv = readFileSync(await (await downloading).path(), 'utf8');
	expect(csv.trim().split('\r\n')).toHaveLength(21); // the header and twenty
	await expect(page.getByRole('group', { name: /Met de aangevinkte dossiers/ })).toContainText(
		'(20 gekozen)'
	);

	// Meanwhile the admin gives three of them to Stijn: the inbox here still shows them as they were.
	const colleague = await staffAt(browser, desk, 'admin');
	const changed = references.slice(0, 3);
	for (const reference of changed) {
		await colleague.goto(`/backoffice?q=${reference}`);
		await inboxTable(colleague).getByRole('link', { name: reference }).click();
		// The dossier page, not the inbox still on screen (its bulk form has the same labels).
		await expect(colleague.getByRole('heading', { level: 1 })).toContainText(reference);
		await colleague.getByLabel('Toewijzen aan').selectOption({ label: 'Stijn Balie' });
		await colleague.getByRole('button', { name: 'Toewijzen', exact: true }).click();
		await expect(colleague.getByRole('status')).toHaveText('Toegewezen aan Stijn Balie.');
	}
	await colleague.context().close();

	await page.getByLabel('Stap', { exact: true }).selectOption({ label: 'In behandeling nemen' });
	await page.getByRole('button', { name: 'Stap zetten' }).click();
	const result = page
		.getByRole('status')
		.filter({ hasText: 'In behandeling nemen: gelukt bij 17.' });
	await expect(result).toBeVisible();
	await expect(result).toBeFocused();
	await expect(result).toContainText('Niet gelukt bij 3:');
	for (const reference of changed)
		await expect(result.getByRole('listitem').filter({ hasText: reference })).toContainText(
			'intussen gewijzigd door Ada Beheer'
		);
	// The list shows the new state of the seventeen, and the three as they were.
	const table = inboxTable(page);
	await expect(table.getByRole('row').filter({ hasText: 'In behandeling' })).toHaveCount(17);
	await expectAccessible(page);

	// The three, chosen again from the fresh list, are released in one go.
	for (const reference of changed) {
		const row = table.getByRole('row').filter({ hasText: reference });
		await expect(row).toContainText('Stijn Balie');
		await row.getByRole('checkbox', { name: `Kies ${reference}` }).check();
	}
	await page.getByLabel('Toewijzen aan').selectOption({ label: 'niemand (vrijgeven)' });
	await page.getByRole('button', { name: 'Toewijzen', exact: true }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Vrijgeven: gelukt bij 3.' })
	).toBeVisible();
	for (const reference of changed)
		await expect(table.getByRole('row').filter({ hasText: reference })).not.toContainText(
			'Stijn Balie'
		);

	// Nothing chosen: said beside the form, nothing done.
	await page.getByRole('button', { name: 'Stap zetten' }).click();
	await expect(page.getByRole('alert')).toHaveText('Vink eerst de dossiers aan in de tabel.');
	await expectAccessible(page);
});

test('on a tablet the inbox, the dossier and its actions work the same', async ({
	browser,
	request
}) => {
	const word = `tablet${stamp}`;
	const token = await writeToken(browser);
	const [reference] = await fileReports(request, token, word, 1);
	const page = await staffAt(browser, tablet);
	await page.goto('/backoffice');
	await page.getByLabel('Zoeken').fill(word);
	await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`q=${word}`));
	// A search alone leaves the other filters folded away.
	await expect(page.getByLabel('Product')).toBeHidden();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
	await expectAccessible(page);
	await inboxTable(page).getByRole('link', { name: reference }).click();
	await page.getByRole('button', { name: 'Ik neem dit dossier' }).click();
	await expect(page.getByRole('status')).toHaveText('Toegewezen aan Stijn Balie.');
	await page
		.getByRole('group', { name: 'In behandeling nemen', exact: true })
		.getByRole('button')
		.click();
	await expect(page.getByRole('status')).toHaveText('Uitgevoerd: In behandeling nemen.');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
	await expectAccessible(page);
});

test('without JavaScript the dossier page and the bulk form work: refusals beside their field and in the summary, a stale page named, what was typed kept', async ({
	browser,
	request
}) => {
	const word = `zonderjs${stamp}`;
	const token = await writeToken(browser);
	const references = await fileReports(request, token, word, 2);
	const context = await browser.newContext({ viewport: desk, javaScriptEnabled: false });
	const page = await context.newPage();
	await logIn(page, 'staff');
	// (axe needs JavaScript: the same pages are checked with it above.)
	await page.goto(`/backoffice?q=${word}`);
	await inboxTable(page).getByRole('link', { name: references[0] }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(references[0]!);
	const dossierUrl = page.url();
	const panel = page.getByRole('complementary', { name: 'Behandeling' });
	await panel.getByRole('button', { name: 'Ik neem dit dossier' }).click();
	await expect(panel.getByRole('status')).toHaveText('Toegewezen aan Stijn Balie.');

	// A message without text: refused next to it and in the summary.
	const message = panel.getByRole('form', { name: 'Bericht of notitie' });
	await message.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(panel.getByRole('alert')).toContainText('Schrijf een tekst.');
	await expect(message.getByLabel('Tekst')).toHaveAccessibleDescription(/Schrijf een tekst\./);
	await message.getByLabel('Tekst').fill('We bekijken de tegel deze week.');
	await message.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(panel.getByRole('status')).toHaveText('Toegevoegd aan het dossier.');

	// A step that needs a note, without one.
	const refuse = () => panel.getByRole('group', { name: 'Niet weerhouden', exact: true });
	await refuse().getByRole('button', { name: 'Niet weerhouden' }).click();
	await expect(panel.getByRole('alert')).toContainText('Schrijf een toelichting.');
	await expect(refuse().getByLabel(/Bericht aan de aanvrager/)).toHaveAccessibleDescription(
		/Schrijf een toelichting\./
	);

	// Meanwhile the admin releases the dossier: this page is out of date, and says so, keeping the
	// note typed.
	const admin = await staffAt(browser, desk, 'admin');
	await admin.goto(dossierUrl);
	await admin.getByLabel('Toewijzen aan').selectOption({ label: 'niemand (vrijgeven)' });
	await admin.getByRole('button', { name: 'Toewijzen', exact: true }).click();
	await expect(admin.getByRole('status')).toHaveText('Het dossier is vrijgegeven.');
	await admin.context().close();
	const note = 'De tegel ligt op privégrond.';
	await refuse()
		.getByLabel(/Bericht aan de aanvrager/)
		.fill(note);
	await refuse().getByRole('button', { name: 'Niet weerhouden' }).click();
	await expect(panel.getByRole('alert')).toContainText('intussen gewijzigd door Ada Beheer');
	await expect(refuse().getByLabel(/Bericht aan de aanvrager/)).toHaveValue(note);
	await panel.getByRole('link', { name: 'Pagina opnieuw laden' }).click();
	await refuse()
		.getByLabel(/Bericht aan de aanvrager/)
		.fill(note);
	await refuse().getByRole('button', { name: 'Niet weerhouden' }).click();
	await expect(panel.getByRole('status')).toHaveText('Uitgevoerd: Niet weerhouden.');

	// The bulk form: one step on the other report; then nothing ticked, the step chosen kept.
	await page.goto(`/backoffice?q=${word}`);
	await page.getByRole('checkbox', { name: `Kies ${references[1]}` }).check();
	await page.getByLabel('Stap', { exact: true }).selectOption({ label: 'In behandeling nemen' });
	await page.getByRole('button', { name: 'Stap zetten' }).click();
	await expect(page.getByRole('status')).toContainText('In behandeling nemen: gelukt bij 1.');
	await page.getByLabel('Stap', { exact: true }).selectOption({ label: 'Herstelling inplannen' });
	await page.getByRole('button', { name: 'Stap zetten' }).click();
	await expect(page.getByRole('alert')).toHaveText('Vink eerst de dossiers aan in de tabel.');
	await expect(page.getByLabel('Stap', { exact: true })).toHaveValue('inplannen');
	await context.close();
});

/** A two-page A4 PDF with a line of large text on each page, as a scanner app would send it. */
async function twoPagePdf(): Promise<ReturnType<typeof upload>['buffer']> {
	const doc = new PDFDocument({ size: 'A4' });
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const ended = new Promise((resolve) => doc.on('end', resolve));
	doc.fontSize(48).text('Verslag, pagina een');
	doc.addPage().fontSize(48).text('Pagina twee');
	doc.end();
	await ended;
	return Buffer.from(Buffer.concat(chunks));
}

/** How many of the canvas's pixels are dark: ink that PDF.js drew. */
const inkOn = (page: Page, name: string) =>
	page
		.getByRole('img', { name })
		.locator('canvas')
		.evaluate((canvas: HTMLCanvasElement) => {
			const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
			let dark = 0;
			for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) dark++;
			return dark;
		});

test('a filed PDF is read in the page, page by page, and stays a sandboxed download', async ({
	browser
}) => {
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const reference = await fileComplaint(
		await phone.newPage(),
		{
			firstName: 'Vera',
			lastName: 'Verslag',
			email: `verslag-${stamp}@example.be`,
			what: 'De bus reed door zonder te stoppen; het verslag zit erbij.',
			wish: 'Dat de chauffeurs de halte niet overslaan.'
		},
		[{ name: 'verslag.pdf', mimeType: 'application/pdf', buffer: await twoPagePdf() }]
	);
	await phone.close();

	const page = await staffAt(browser, desk);
	await page.goto(`/backoffice?q=${reference}`);
	await page.getByRole('link', { name: reference }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	// Filed without an account: said in words, not as a code.
	await expect(page.getByText('door de aanvrager (zonder account)')).toBeVisible();

	// The file itself still only downloads, sandboxed: the preview fetches it, it is never shown
	// as a page of its own.
	const href = await page.getByRole('link', { name: /verslag\.pdf/ }).getAttribute('href');
	const file = await page.request.get(href!);
	expect(file.headers()['content-disposition']).toMatch(/^attachment;/);
	expect(file.headers()['content-security-policy']).toContain('sandbox');

	await page.getByText('Bekijk verslag.pdf hier').click();
	const first = page.getByRole('img', { name: 'verslag.pdf, pagina 1 van 2' });
	await expect(first).toBeVisible();
	await expect(page.getByText('Pagina 1 van 2')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Vorige pagina' })).toBeDisabled();
	await expect.poll(() => inkOn(page, 'verslag.pdf, pagina 1 van 2')).toBeGreaterThan(500);
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Volgende pagina' }).click();
	await expect(page.getByText('Pagina 2 van 2')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Volgende pagina' })).toBeDisabled();
	await expect.poll(() => inkOn(page, 'verslag.pdf, pagina 2 van 2')).toBeGreaterThan(200);
	// Back with the keyboard.
	await page.getByRole('button', { name: 'Vorige pagina' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('img', { name: 'verslag.pdf, pagina 1 van 2' })).toBeVisible();
	await page.context().close();
});

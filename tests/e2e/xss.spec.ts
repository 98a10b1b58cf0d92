// Text that looks like markup stays text, wherever people can type it: a citizen files a complaint
// with script, event-handler, javascript: and {@html} payloads in every text field and in a file
// name; staff ask a question and send a message with them; the citizen answers with them; a clerk
// puts them in a field's label, hint and explanation. Every page that shows them (the form, the
// check page, the receipt, the dossier pages, the inbox, the preview) must show the characters as
// typed and never run them: `window.__xss` stays undefined. The PDF receipt and the mails carry
// them as text too (the HTML part escaped).
import { inflateSync } from 'node:zlib';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { answerTo, expectStep, fillAddress, png, pressContinue } from './filing-helpers';
import { waitForMail } from './mail';
import { e2eUsers, logIn } from './users';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const script = '<script>window.__xss=1</script>';
const attribute = '"><img src=x onerror="window.__xss=1">';
const svg = '<svg onload=window.__xss=1>';
const jsUrl = 'javascript:window.__xss=1';
const svelteHtml = "{@html '<img src=x onerror=window.__xss=1>'}";
const all = [script, attribute, svg, jsUrl, svelteHtml];
/** What none of the payloads may become in a page or a mail: a live element or attribute. */
const live = /<script>window|<img src=x onerror|<svg onload/;

const citizenEmail = e2eUsers.citizen.email;
// Upload names lose < > " and the like when stored (files/upload.ts), so the file name tries what
// survives that: breaking out of a single-quoted attribute, and entities that must stay text.
const fileName = "'onfocus='window.__xss=1' x='&lt;img src=x onerror=window.__xss=1&gt;.png";

/** No payload ran on this page, and axe finds nothing. */
async function expectInert(page: Page): Promise<void> {
	expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
	// Nor did any element or attribute come from the payloads.
	expect(await page.locator('img[src="x"], svg[onload], script:text("__xss")').count()).toBe(0);
	await expectAccessible(page);
}

async function newPhone(browser: Browser): Promise<Page> {
	return (await browser.newContext()).newPage();
}

/** Pages hold their text in the DOM: the payload must be there as characters. */
async function expectShown(page: Page, text: string): Promise<void> {
	await expect(page.getByText(text, { exact: false }).first()).toBeAttached();
}

/** The text lines of a compressed pdfkit PDF (standard fonts: hex strings in WinAnsi). */
function pdfText(bytes: Buffer): string {
	const latin1 = bytes.toString('latin1');
	const lines: string[] = [];
	for (const m of latin1.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
		let content: string;
		try {
			content = inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
		} catch {
			continue; // Not a content stream (an image, a font).
		}
		for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|(<[0-9a-f]*>)\s*Tj/gi)) {
			const hex = [...(op[1] ?? op[2]).matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]).join('');
			lines.push(Buffer.from(hex, 'hex').toString('latin1'));
		}
	}
	return lines.join('\n');
}

let reference = '';
let citizen: Page;
let staff: Page;

test('a citizen files a complaint with markup in every text field; it is shown as text everywhere', async ({
	browser
}) => {
	citizen = await newPhone(browser);
	await logIn(citizen, 'citizen');
	await citizen.goto('/p/klacht/aanvragen');
	await expectStep(citizen, /\/aanvragen\/uw-gegevens$/, 'Uw gegevens');
	await citizen.getByLabel('Voornaam').fill(script);
	await citizen.getByLabel('Familienaam').fill(attribute);
	await fillAddress(citizen, 'Adres', {
		street: svg,
		number: '1',
		postcode: '9000',
		municipality: svelteHtml
	});
	await citizen.getByLabel('E-mailadres').fill(citizenEmail);
	await citizen
		.getByRole('group', { name: /namens iemand anders/ })
		.getByRole('radio', { name: 'Ja' })
		.check();
	await citizen.getByLabel('Namens wie?').fill(jsUrl);
	await pressContinue(citizen);
	await expectStep(citizen, /\/aanvragen\/uw-klacht$/, 'Uw klacht');
	// Back on the first page: what was typed comes back in the fields, as typed.
	await citizen.goto('/p/klacht/aanvragen/uw-gegevens');
	await expect(citizen.getByLabel('Voornaam')).toHaveValue(script);
	await expect(citizen.getByLabel('Familienaam')).toHaveValue(attribute);
	await expect(citizen.getByLabel('Namens wie?')).toHaveValue(jsUrl);
	await expectInert(citizen);
	await pressContinue(citizen);

	await citizen
		.getByLabel('Over welke dienst gaat uw klacht?')
		.selectOption({ label: 'Mobiliteit en parkeren' });
	await citizen.getByLabel('Wanneer is het gebeurd?').fill('2026-11-20');
	await citizen.getByLabel('Wat is er gebeurd?').fill(all.join('\n'));
	await citizen
		.getByRole('group', { name: /al gemeld/ })
		.getByRole('radio', { name: 'Ja' })
		.check();
	await citizen.getByLabel('Wat hebt u al gedaan').fill(attribute);
	await citizen.getByLabel('Wat verwacht u van ons?').fill(svelteHtml);
	await citizen
		.getByRole('group', { name: /gerechtelijke procedure/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await citizen
		.getByLabel('Bewijsstukken')
		.setInputFiles({ name: fileName, mimeType: 'image/png', buffer: png });
	await pressContinue(citizen);
	await expectStep(citizen, /\/aanvragen\/bevestigen$/, 'Bevestigen');
	await citizen.getByLabel(/Ik verklaar op eer/).check();
	await pressContinue(citizen);

	// The check page.
	await expectStep(citizen, /\/aanvragen\/controle$/, 'Controleer uw antwoorden');
	await expect(answerTo(citizen, 'Voornaam')).toHaveText(script);
	await expect(answerTo(citizen, 'Familienaam')).toHaveText(attribute);
	await expect(answerTo(citizen, 'Namens wie?')).toHaveText(jsUrl);
	await expect(answerTo(citizen, 'Adres')).toContainText(svg);
	await expect(answerTo(citizen, 'Adres')).toContainText(svelteHtml);
	for (const p of all) await expect(answerTo(citizen, 'Wat is er gebeurd?')).toContainText(p);
	await expect(answerTo(citizen, 'Wat verwacht u van ons?')).toHaveText(svelteHtml);
	await expect(answerTo(citizen, 'Bewijsstukken')).toContainText(fileName);
	await expectInert(citizen);
	await citizen.getByRole('button', { name: 'Aanvraag indienen' }).click();

	// The receipt page and the PDF receipt.
	await expectStep(citizen, /\/aanvragen\/ontvangen$/, 'Uw aanvraag is ingediend');
	reference = await citizen
		.getByRole('paragraph')
		.filter({ hasText: 'Uw referentie' })
		.getByRole('strong')
		.innerText();
	await expectInert(citizen);
	const pdf = await citizen.request.get('/p/klacht/aanvragen/ontvangen/ontvangstbewijs.pdf');
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const text = pdfText(await pdf.body());
	expect(text).toContain(reference);
	for (const p of [script, attribute, jsUrl, svg]) expect(text).toContain(p);

	// The citizen's dossier page.
	await citizen.goto(`/dossiers/${reference}`);
	await expect(answerTo(citizen, 'Voornaam')).toHaveText(script);
	await expect(answerTo(citizen, 'Familienaam')).toHaveText(attribute);
	await expect(citizen.getByRole('link', { name: fileName })).toBeVisible();
	await expectInert(citizen);
});

test('staff see the payloads as text in the inbox and the dossier, and send them back', async ({
	browser
}) => {
	staff = await newPhone(browser);
	await logIn(staff, 'staff');
	await staff.goto(`/backoffice?q=${reference}`);
	const row = staff.getByRole('row').filter({ hasText: reference });
	await expect(row).toContainText(script);
	await expect(row).toContainText(attribute);
	await expectInert(staff);
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	await expect(answerTo(staff, 'Voornaam')).toHaveText(script);
	await expect(answerTo(staff, 'Namens wie?')).toHaveText(jsUrl);
	await expect(staff.getByRole('link', { name: fileName })).toBeVisible();
	await expectInert(staff);

	// A message to the citizen, then a question with a requested document.
	const message = staff.getByRole('form', { name: 'Bericht of notitie' });
	await message.getByLabel('Tekst').fill(`Bericht ${script} ${jsUrl}`);
	await message.getByRole('radio', { name: /Bericht aan de aanvrager/ }).check();
	await message.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(staff.getByRole('status')).toHaveText('Toegevoegd aan het dossier.');
	await expectShown(staff, `Bericht ${script} ${jsUrl}`);
	await expectInert(staff);

	const step = (name: string) => staff.getByRole('group', { name, exact: true });
	// A step's own button (a step with a message also has "Invoegen" once templates exist).
	const press = (name: string) => step(name).getByRole('button', { name, exact: true }).click();
	await staff.getByRole('button', { name: 'Ik neem dit dossier' }).click();
	await expect(staff.getByRole('status')).toHaveText('Toegewezen aan Stijn Balie.');
	await press('Ontvankelijk verklaren');
	await expect(staff.getByRole('status')).toHaveText('Uitgevoerd: Ontvankelijk verklaren.');
	await press('Onderzoek starten');
	await expect(staff.getByRole('status')).toHaveText('Uitgevoerd: Onderzoek starten.');
	const ask = step('Informatie vragen aan de klager');
	await ask.getByLabel('Bericht aan de aanvrager (wordt gemaild)').fill(`Vraag ${attribute}`);
	await ask.getByLabel(/Gevraagde documenten/).fill(`Document ${svg}`);
	await press('Informatie vragen aan de klager');
	await expect(staff.getByRole('status')).toHaveText(
		'Uitgevoerd: Informatie vragen aan de klager.'
	);
	await expectShown(staff, `Vraag ${attribute}`);
	await expectInert(staff);

	// The mails about this dossier: what citizens and staff typed never goes into a mail (mail is
	// not a private channel; the citizen reads it in Loket), and no payload turns up live in the
	// HTML part. (Escaping of the titles and labels that do go in is unit-tested in templates.test.)
	const asked = await waitForMail(citizenEmail, {
		subject: new RegExp(`${reference}: Uw reactie nodig`)
	});
	const told = await waitForMail(citizenEmail, {
		subject: new RegExp(`Nieuw bericht over uw dossier ${reference}`)
	});
	for (const mail of [asked, told]) {
		expect(mail.html).toContain(reference);
		expect(mail.html).not.toMatch(live);
		expect(mail.html).not.toContain('__xss');
		expect(mail.text).not.toContain('__xss');
	}
});

test('the citizen sees the question as text and answers with markup; staff see it as text', async () => {
	await citizen.goto(`/dossiers/${reference}`);
	await expectShown(citizen, `Bericht ${script} ${jsUrl}`);
	await expectShown(citizen, `Vraag ${attribute}`);
	await expectShown(citizen, `Document ${svg}`);
	// Not a link: a javascript: text never becomes an address.
	await expect(citizen.locator('a[href^="javascript:"]')).toHaveCount(0);
	await expectInert(citizen);
	await citizen.getByLabel('Uw bericht').fill(`Antwoord ${svg} ${svelteHtml}`);
	await citizen.getByRole('button', { name: 'Versturen' }).click();
	await expect(
		citizen.getByRole('status').filter({ hasText: 'Uw bericht' }).filter({ hasNotText: 'wordt' })
	).toContainText('Uw bericht is verstuurd');
	await expectShown(citizen, `Antwoord ${svg} ${svelteHtml}`);
	await expectInert(citizen);

	await staff.reload();
	await expectShown(staff, `Antwoord ${svg} ${svelteHtml}`);
	await expectInert(staff);
	await staff.goto('/backoffice');
	await expectInert(staff);
});

test("a clerk's label, hint and explanation with markup are shown as text in the preview and the published form", async ({
	browser
}) => {
	const clerk = await newPhone(browser);
	await logIn(clerk, 'clerk');
	await clerk.goto('/backoffice/processes/evenement/versions/new/edit');
	await expect(clerk).toHaveURL(/\/versions\/(\d+)\/edit$/);
	const version = /\/versions\/(\d+)\/edit$/.exec(clerk.url())?.[1];
	await clerk.goto(`/backoffice/processes/evenement/versions/${version}/edit/fields/organisator`);
	// The field's own texts come first; its options have a label (and hint) of their own below.
	const text = (group: RegExp) =>
		clerk.getByRole('group', { name: group }).first().getByLabel('Nederlands').first();
	await text(/^Label$/).fill(`Wie? ${script}`);
	await text(/^Korte hint/).fill(attribute);
	await text(/^Uitleg/).fill(svelteHtml);
	await clerk.getByRole('button', { name: 'Opslaan', exact: true }).click();
	await expect(clerk.getByRole('status').filter({ hasText: 'Opgeslagen.' })).toBeVisible();
	await expectInert(clerk);

	// The preview, in the clerk's own page.
	await clerk.goto(`/backoffice/processes/evenement/versions/${version}/edit/preview`);
	const group = clerk.getByRole('group', { name: `Wie? ${script}` });
	await expect(group).toBeVisible();
	await expectShown(clerk, attribute);
	await expectShown(clerk, svelteHtml);
	await expectInert(clerk);

	await clerk.goto(`/backoffice/processes/evenement/versions/${version}/edit`);
	await clerk.getByRole('button', { name: `Versie ${version} publiceren` }).click();
	await expect(clerk.getByRole('status')).toContainText(`Versie ${version} is gepubliceerd`);
	await expectInert(clerk);

	// A citizen opens the published form.
	const visitor = await newPhone(browser);
	await visitor.goto('/p/evenement/aanvragen');
	await expect(visitor.getByRole('group', { name: `Wie? ${script}` })).toBeVisible();
	await expectShown(visitor, attribute);
	await expectShown(visitor, svelteHtml);
	await expectInert(visitor);
});

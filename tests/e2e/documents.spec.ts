// Issue 19's outcome reaching the citizen: a signed-in citizen files an attest gezinssamenstelling
// on a phone; staff at their desk send the document; the municipality's sealed attest is listed on
// the citizen's dossier page, which the mail links to (the mail carries no attachment); the citizen
// downloads it, a real PDF whose seal poppler's pdfsig finds valid over the whole file (and a copy
// with one byte changed not), and whose text pdftotext reads back. The same in English for a
// citizen who chose English, and a refusal: its letter carries the reason staff wrote. The e2e
// server seals with a throw-away certificate (playwright.config.ts). Staff also send their own
// files with a message: a refused file is said at the field with the text kept, a PDF reaches the
// citizen's phone byte for byte, and the mail only says it is there. axe runs on every page.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { pdfBytes } from '../../src/lib/server/files/test-files';
import { runPdfsig } from '../fixtures/seal';
import { expectAccessible } from './axe';
import { answerTo, escapeRegExp, expectStep } from './filing-helpers';
import { waitForMail } from './mail';
import { logIn } from './users';

test.describe.configure({ timeout: 300_000 });

const stamp = Date.now();
const apply = '/p/attest-gezinssamenstelling/aanvragen';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desk = { viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false };
const downloads = mkdtempSync(join(tmpdir(), 'loket-documents-e2e-'));
const applicant = { firstName: 'Hilde', lastName: 'Gezin' };

/** What the citizen reads, in the language they chose. */
const words = {
	nl: {
		whichDocument: 'Welk document hebt u nodig?',
		household: 'Attest van gezinssamenstelling',
		purpose: 'Waarvoor hebt u het nodig?',
		employer: 'Werkgever of uitzendkantoor',
		forWhom: 'Voor wie is het?',
		myself: 'Voor mezelf',
		delivery: 'Levering en contactgegevens',
		byEmail: 'Per e-mail, als pdf',
		firstName: 'Voornaam',
		lastName: 'Achternaam',
		email: 'E-mailadres',
		confirm: 'Bevestigen',
		honour: /Ik verklaar op eer/,
		privacy: /Ik ga akkoord/,
		continue: 'Verder',
		check: 'Controleer uw antwoorden',
		submit: 'Aanvraag indienen',
		received: 'Uw aanvraag is ingediend',
		yourReference: 'Uw referentie',
		state: 'Stand',
		documents: 'Documenten van de gemeente',
		download: (title: string) => new RegExp(`^${escapeRegExp(title)} downloaden \\(PDF, \\d`),
		sealed: 'Elektronisch verzegeld',
		ready: (title: string) => `Er staat een document voor u klaar in uw dossier: ${title}.`
	},
	en: {
		whichDocument: 'Which document do you need?',
		household: 'Certificate of household composition',
		purpose: 'What do you need it for?',
		employer: 'Employer or temping agency',
		forWhom: 'Who is it for?',
		myself: 'For myself',
		delivery: 'Delivery and contact details',
		byEmail: 'By email, as a PDF',
		firstName: 'First name',
		lastName: 'Last name',
		email: 'Email address',
		confirm: 'Confirm',
		honour: /I declare on my honour/,
		privacy: /I agree/,
		continue: 'Continue',
		check: 'Check your answers',
		submit: 'Submit application',
		received: 'Your application has been submitted',
		yourReference: 'Your reference',
		state: 'Status',
		documents: 'Documents from the municipality',
		download: (title: string) => new RegExp(`^Download ${escapeRegExp(title)} \\(PDF, \\d`),
		sealed: 'Electronically sealed',
		ready: (title: string) => `A document is ready for you in your dossier: ${title}.`
	}
};
type Language = keyof typeof words;

/** The signed-in citizen on a phone, in the language they chose. */
async function citizenOnPhone(browser: Browser, language: Language): Promise<Page> {
	const page = await (await browser.newContext(phone)).newPage();
	await logIn(page, 'citizen');
	if (language === 'en') {
		await page.getByRole('banner').getByRole('button', { name: 'Switch to English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expectAccessible(page);
	}
	return page;
}

/** Files an attest of household composition for the citizen themself; returns the reference. */
async function fileAttest(page: Page, language: Language, email: string): Promise<string> {
	const w = words[language];
	const next = () => page.getByRole('button', { name: w.continue }).click();
	await page.goto(apply);
	await expectStep(page, `${apply}/attest`, w.whichDocument);
	await expectAccessible(page);
	await page.getByRole('radio', { name: w.household }).check();
	await page.getByLabel(w.purpose).selectOption({ label: w.employer });
	await next();
	await expectStep(page, `${apply}/voor-wie`, w.forWhom);
	await expectAccessible(page);
	await page.getByRole('radio', { name: w.myself }).check();
	await next();
	await expectStep(page, `${apply}/levering-contact`, w.delivery);
	await expectAccessible(page);
	await page.getByRole('radio', { name: w.byEmail }).check();
	await page.getByLabel(w.firstName).fill(applicant.firstName);
	await page.getByLabel(w.lastName).fill(applicant.lastName);
	await page.getByLabel(w.email).fill(email);
	await next();
	await expectStep(page, `${apply}/bevestiging`, w.confirm);
	await expectAccessible(page);
	await page.getByRole('checkbox', { name: w.honour }).check();
	await page.getByRole('checkbox', { name: w.privacy }).check();
	await next();
	await expectStep(page, `${apply}/controle`, w.check);
	await expectAccessible(page);
	await page.getByRole('button', { name: w.submit }).click();
	await expectStep(page, /\/aanvragen\/ontvangen$/, w.received);
	const reference = await page
		.getByRole('paragraph')
		.filter({ hasText: w.yourReference })
		.getByRole('strong')
		.innerText();
	expect(reference).toMatch(/^\d{4}-\d{6}$/);
	await expectAccessible(page);
	return reference;
}

/** Staff at a desk, on the dossier's page in the back-office. */
async function staffOnDossier(browser: Browser, reference: string): Promise<Page> {
	const page = await (await browser.newContext(desk)).newPage();
	await logIn(page, 'staff');
	await page.goto('/backoffice');
	await page.getByLabel('Zoeken').fill(reference);
	await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
	await page.getByRole('link', { name: reference }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	await expectAccessible(page);
	return page;
}

/** Takes the workflow step named `label` (with a message to the citizen, if given). */
async function takeStep(staff: Page, label: string, note?: string): Promise<void> {
	const step = staff.getByRole('group', { name: label, exact: true });
	if (note !== undefined) await step.getByLabel(/Bericht aan de aanvrager/).fill(note);
	await step.getByRole('button', { name: label }).click();
	await expect(staff.getByRole('status')).toHaveText(`Uitgevoerd: ${label}.`);
}

/** The mail of the step: it names the document and links to the dossier page, attaching nothing. */
async function expectMailWithLink(
	email: string,
	reference: string,
	status: string,
	language: Language,
	title: string,
	dossierUrl: string
): Promise<void> {
	const mail = await waitForMail(email, {
		subject: new RegExp(`^${escapeRegExp(`${reference}: ${status}`)} ·`)
	});
	expect(mail.text.replace(/\s+/g, ' ')).toContain(words[language].ready(title));
	expect(mail.links).toContain(dossierUrl);
	expect(mail.attachments).toEqual([]);
}

/**
 * On the citizen's dossier page: the one document listed, sealed, downloaded for real. Checks the
 * file is a PDF with the fingerprint the page shows, that pdfsig finds its seal valid over the whole
 * file and a copy with one byte changed altered; returns its text as pdftotext reads it (one
 * space between words).
 */
async function downloadSealed(
	page: Page,
	language: Language,
	reference: string,
	title: string
): Promise<string> {
	const w = words[language];
	const documents = page.getByRole('region', { name: w.documents });
	const item = documents.getByRole('listitem');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText(w.sealed);
	const fingerprint = await item.getByText(/^[0-9a-f]{64}$/).innerText();
	await expectAccessible(page);

	const downloading = page.waitForEvent('download');
	await item.getByRole('link', { name: w.download(title) }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(new RegExp(`^[a-z]+-${reference}\\.pdf$`));
	const file = join(downloads, download.suggestedFilename());
	await download.saveAs(file);
	const bytes = readFileSync(file);
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(createHash('sha256').update(bytes).digest('hex')).toBe(fingerprint);

	const report = runPdfsig(file);
	expect(report).toContain('Signer Certificate Common Name: Gemeente Testdorp');
	expect(report).toContain('Signature Validation: Signature is Valid.');
	expect(report).toContain('Total document signed');

	// One byte of the file changed (outside the signature itself): no longer valid.
	const altered = Buffer.from(bytes);
	const at = altered.lastIndexOf('/Producer');
	expect(at).toBeGreaterThan(0);
	altered[at + 2] = altered[at + 2] === 0x72 ? 0x52 : 0x72;
	const alteredFile = join(downloads, `altered-${download.suggestedFilename()}`);
	writeFileSync(alteredFile, altered);
	const alteredReport = runPdfsig(alteredFile);
	expect(alteredReport).not.toContain('Signature is Valid.');
	expect(alteredReport).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);

	return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
		/\s+/g,
		' '
	);
}

test('staff send an attest gezinssamenstelling: the citizen finds it sealed on the dossier page and downloads it; the mail links there @smoke', async ({
	browser,
	baseURL
}) => {
	const email = `attest-${stamp}@example.be`;
	const citizen = await citizenOnPhone(browser, 'nl');
	const reference = await fileAttest(citizen, 'nl', email);

	const staff = await staffOnDossier(browser, reference);
	// Before the step, nothing is issued.
	await expect(staff.getByRole('region', { name: 'Documenten van de gemeente' })).toHaveCount(0);
	await takeStep(staff, 'Document versturen');
	const issued = staff.getByRole('region', { name: 'Documenten van de gemeente' });
	await expect(
		issued.getByRole('link', { name: words.nl.download('Attest gezinssamenstelling') })
	).toBeVisible();
	await expect(issued).toContainText('Elektronisch verzegeld');
	await expect(staff.getByText(/Er is geen zegel ingesteld/)).toHaveCount(0);
	await expectAccessible(staff);

	const dossierUrl = new URL(`/dossiers/${reference}`, baseURL).href;
	await expectMailWithLink(
		email,
		reference,
		'Afgeleverd',
		'nl',
		'Attest gezinssamenstelling',
		dossierUrl
	);

	// The mail's link: the dossier page, with the attest.
	await citizen.goto(dossierUrl);
	await expect(citizen.getByRole('heading', { level: 1 })).toContainText(reference);
	await expect(answerTo(citizen, 'Stand')).toHaveText('Afgeleverd');
	const text = await downloadSealed(citizen, 'nl', reference, 'Attest gezinssamenstelling');
	expect(text).toContain('Attest gezinssamenstelling');
	expect(text).toContain(`Referentie: ${reference}`);
	expect(text).toContain('Verklaring');
	expect(text).toContain(`dat dit attest werd aangevraagd door Hilde Gezin op`);
	expect(text).toContain('Soort attest: Attest van gezinssamenstelling');
	expect(text).toContain('Doel: Werkgever of uitzendkantoor');
	expect(text).toContain('Aangevraagd voor: Voor mezelf');
	// Signed for the registrar by the member of staff who took the step.
	expect(text).toContain('Stijn Balie');
	expect(text).not.toContain('niet elektronisch verzegeld');
	expect(text).not.toContain('{{');
});

test('on the English site the attest is made in English, and the mail and the dossier page are in English', async ({
	browser,
	baseURL
}) => {
	const email = `attest-en-${stamp}@example.be`;
	const citizen = await citizenOnPhone(browser, 'en');
	const reference = await fileAttest(citizen, 'en', email);

	const staff = await staffOnDossier(browser, reference);
	await takeStep(staff, 'Document versturen');
	// The document is the citizen's: its title in their language, also in the back-office.
	await expect(
		staff
			.getByRole('region', { name: 'Documenten van de gemeente' })
			.getByRole('link', { name: words.nl.download('Certificate of household composition') })
	).toBeVisible();
	await expectAccessible(staff);

	const dossierUrl = new URL(`/dossiers/${reference}`, baseURL).href;
	await expectMailWithLink(
		email,
		reference,
		'Delivered',
		'en',
		'Certificate of household composition',
		dossierUrl
	);

	await citizen.goto(dossierUrl);
	await expect(citizen.locator('html')).toHaveAttribute('lang', 'en');
	await expect(answerTo(citizen, 'Status')).toHaveText('Delivered');
	const text = await downloadSealed(
		citizen,
		'en',
		reference,
		'Certificate of household composition'
	);
	expect(text).toContain('Certificate of household composition');
	expect(text).toContain(`Reference: ${reference}`);
	expect(text).toContain('Statement');
	expect(text).toContain('that this certificate was requested by Hilde Gezin on');
	expect(text).toContain('Type of certificate: Certificate of household composition');
	expect(text).toContain('Purpose: Employer or temping agency');
	expect(text).toContain('Requested for: For myself');
	expect(text).not.toContain('Verklaring');
	expect(text).not.toContain('Attest van gezinssamenstelling');
});

test('a refusal issues the sealed refusal letter with the reason staff gave', async ({
	browser,
	baseURL
}) => {
	const email = `weigering-${stamp}@example.be`;
	const citizen = await citizenOnPhone(browser, 'nl');
	const reference = await fileAttest(citizen, 'nl', email);

	const staff = await staffOnDossier(browser, reference);
	const refuse = staff.getByRole('group', { name: 'Aanvraag weigeren', exact: true });
	// Without a reason the step is refused, and no letter is made.
	await refuse.getByRole('button', { name: 'Aanvraag weigeren' }).click();
	await expect(
		staff.getByRole('complementary', { name: 'Behandeling' }).getByRole('alert')
	).toContainText('Schrijf een toelichting.');
	await expect(staff.getByRole('region', { name: 'Documenten van de gemeente' })).toHaveCount(0);
	await expectAccessible(staff);

	const reason = `De persoon is sinds 3 maart niet meer in onze gemeente ingeschreven (controle ${stamp}).`;
	await takeStep(staff, 'Aanvraag weigeren', reason);
	const issued = staff.getByRole('region', { name: 'Documenten van de gemeente' });
	await expect(issued.getByRole('listitem')).toHaveCount(1);
	await expect(
		issued.getByRole('link', { name: words.nl.download('Weigering attest gezinssamenstelling') })
	).toBeVisible();
	await expectAccessible(staff);

	const dossierUrl = new URL(`/dossiers/${reference}`, baseURL).href;
	await expectMailWithLink(
		email,
		reference,
		'Niet afgeleverd',
		'nl',
		'Weigering attest gezinssamenstelling',
		dossierUrl
	);

	await citizen.goto(dossierUrl);
	await expect(answerTo(citizen, 'Stand')).toHaveText('Niet afgeleverd');
	const text = await downloadSealed(
		citizen,
		'nl',
		reference,
		'Weigering attest gezinssamenstelling'
	);
	expect(text).toContain('Weigering attest gezinssamenstelling');
	expect(text).toContain('Beste Hilde Gezin');
	expect(text).toContain(`(dossier ${reference})`);
	expect(text).toContain(`Reden ${reason}`);
	expect(text).not.toContain('Verklaring');
});

test('staff send a message with a PDF: a refused file keeps the text; the citizen downloads the PDF on a phone', async ({
	browser,
	baseURL
}) => {
	const email = `bijlage-${stamp}@example.be`;
	const context = await browser.newContext({
		viewport: { width: 393, height: 852 },
		isMobile: true,
		hasTouch: true
	});
	const citizen = await context.newPage();
	await logIn(citizen, 'citizen');
	const reference = await fileAttest(citizen, 'nl', email);

	const staff = await staffOnDossier(browser, reference);
	const form = staff.getByRole('form', { name: 'Bericht of notitie' });
	const text = `Hierbij de beslissing over uw aanvraag, ondertekend (bericht ${stamp}).`;
	await form.getByLabel('Tekst').fill(text);
	await form.getByRole('radio', { name: 'Bericht aan de aanvrager (wordt gemaild)' }).check();
	const files = form.getByLabel(/^Bijlagen voor de aanvrager/);
	// A web page named .pdf: refused at the field and in the summary, nothing sent, the text kept.
	await files.setInputFiles({
		name: 'beslissing.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('<!doctype html><html><script>alert(1)</script></html>')
	});
	await form.getByRole('button', { name: 'Toevoegen' }).click();
	const refusal = 'beslissing.pdf is geen PDF, JPG, PNG, HEIC, WEBP, DOCX, ODT-bestand.';
	await expect(
		staff.getByRole('complementary', { name: 'Behandeling' }).getByRole('alert')
	).toContainText(refusal);
	await expect(files).toHaveAttribute('aria-invalid', 'true');
	await expect(form.getByText(refusal)).toBeVisible();
	await expect(form.getByLabel('Tekst')).toHaveValue(text);
	await expect(staff.getByRole('listitem').filter({ hasText: text })).toHaveCount(0);
	await expectAccessible(staff);

	await files.setInputFiles({
		name: 'Beslissing.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from(pdfBytes)
	});
	await form.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(staff.getByRole('status')).toHaveText('Toegevoegd aan het dossier.');
	await expect(form.getByLabel('Tekst')).toHaveValue('');
	// Staff see it in the history, under the message.
	const sent = staff.getByRole('listitem').filter({ hasText: text });
	await expect(sent.getByRole('link', { name: /^Beslissing\.pdf \(/ })).toBeVisible();
	await expectAccessible(staff);

	const dossierUrl = new URL(`/dossiers/${reference}`, baseURL).href;
	const mail = await waitForMail(email, {
		subject: new RegExp(`^${escapeRegExp(`Nieuw bericht over uw dossier ${reference}`)} ·`)
	});
	expect(mail.text.replace(/\s+/g, ' ')).toContain('Bij het bericht hoort een bijlage.');
	expect(mail.text).not.toContain(text);
	expect(mail.links).toContain(dossierUrl);
	expect(mail.attachments).toEqual([]);

	await citizen.goto(dossierUrl);
	await expect(citizen.getByRole('heading', { level: 1 })).toContainText(reference);
	const message = citizen.getByRole('listitem').filter({ hasText: text });
	const link = message.getByRole('link', { name: /^Beslissing\.pdf \(/ });
	await expect(link).toBeVisible();
	await expectAccessible(citizen);
	const downloading = citizen.waitForEvent('download');
	await link.click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('Beslissing.pdf');
	const file = join(downloads, `bijlage-${stamp}.pdf`);
	await download.saveAs(file);
	expect(readFileSync(file).equals(Buffer.from(pdfBytes))).toBe(true);

	// Staff's emptied form is a new message (a new id): sent, it is stored too, not taken for a double.
	const another = `Nog een bericht, zonder bijlage (${stamp}).`;
	await form.getByLabel('Tekst').fill(another);
	await form.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(staff.getByRole('listitem').filter({ hasText: another })).toHaveCount(1);
	await expect(staff.getByRole('listitem').filter({ hasText: text })).toHaveCount(1);
});

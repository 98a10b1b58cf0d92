// What the filing and tampering specs share: real minimal files (a 1×1 PNG and JPEG, a one-page
// PDF), the citizen's moves through a form page (by role and label), what the check and receipt
// pages should say, and crafted POSTs that send what a browser would (Origin, Accept: text/html).
import { expect, type Page } from '@playwright/test';
import {
	addCalendarDays,
	computeDueDate,
	toIsoDate,
	type HandlingTime
} from '../../src/lib/process/calendar';
import { formatDate } from '../../src/lib/process/format';

/** A 1×1 PNG, as any image editor writes it. */
export const png = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);

/** A 1×1 JPEG, as Chromium's encoder writes it (with its sRGB profile). */
export const jpeg = Buffer.from(
	'/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCUAHVPf//Z',
	'base64'
);

/** A one-page PDF. */
export const pdf = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
		'2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
		'3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n' +
		'trailer<</Root 1 0 R>>\n%%EOF\n'
);

const mimeTypes: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	pdf: 'application/pdf'
};

/** A file for `setInputFiles`, typed by its extension. */
export function upload(name: string) {
	const ext = name.split('.').pop() ?? '';
	const buffer = { png, jpg: jpeg, pdf }[ext];
	if (!buffer) throw new Error(`No test bytes for ${name}`);
	return { name, mimeType: mimeTypes[ext], buffer };
}

// Dates as the server sees them: today in Brussels.
export const today = () => toIsoDate(new Date());
export const daysFromToday = (days: number) => addCalendarDays(today(), days);

/** A date the way the pages write it: "15 maart 2027". */
export function longDate(iso: string): string {
	return formatDate(iso, 'nl');
}

/** The receipt's promise for a dossier filed today. */
export function decisionText(handlingTime: HandlingTime): string {
	return `U krijgt uiterlijk op ${longDate(computeDueDate(today(), handlingTime))} een beslissing.`;
}

export async function expectStep(page: Page, path: string | RegExp, title: string): Promise<void> {
	await expect(page).toHaveURL(path);
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

export async function pressContinue(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Verder' }).click();
}

export function errorSummary(page: Page) {
	return page.getByRole('alert').filter({
		has: page.getByRole('heading', { level: 2, name: 'Er is een probleem' })
	});
}

export type Address = { street: string; number: string; postcode: string; municipality: string };

/** Fills the five-part address inside the fieldset named `legend`. */
export async function fillAddress(page: Page, legend: string, address: Address): Promise<void> {
	const group = page.getByRole('group', { name: legend });
	await group.getByLabel('Straat').fill(address.street);
	await group.getByLabel('Huisnummer').fill(address.number);
	await group.getByLabel('Postcode').fill(address.postcode);
	await group.getByLabel('Gemeente').fill(address.municipality);
}

/** Text to match literally inside a RegExp. */
export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The answer shown next to a question on the check page. */
export function answerTo(page: Page, label: string) {
	return page
		.getByRole('term')
		.filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) })
		.locator('xpath=following-sibling::dd[1]');
}

export async function expectAnswers(page: Page, answers: Record<string, string>): Promise<void> {
	for (const [label, text] of Object.entries(answers))
		await expect(answerTo(page, label), label).toHaveText(text);
}

/** The receipt's promise for a report (melding) filed today: it is dealt with, not decided. */
export function reportDueText(handlingTime: HandlingTime): string {
	return `We handelen uw melding af tegen ${longDate(computeDueDate(today(), handlingTime))}.`;
}

/**
 * Checks the receipt page and returns the dossier's reference. A report (melding) has its own
 * words: sent, and dealt with by a date.
 */
export async function readReceipt(
	page: Page,
	handlingTime: HandlingTime,
	kind: 'application' | 'report' = 'application'
): Promise<string> {
	const title = kind === 'report' ? 'Uw melding is verstuurd' : 'Uw aanvraag is ingediend';
	await expectStep(page, /\/aanvragen\/ontvangen$/, title);
	const reference = await readReference(page);
	expect(reference).toMatch(/^\d{4}-\d{6}$/);
	await expect(page.getByRole('main')).toContainText(
		kind === 'report' ? reportDueText(handlingTime) : decisionText(handlingTime)
	);
	return reference;
}

/** The dossier's reference as the receipt page shows it ("Uw referentie: 2026-000123"). */
export function readReference(page: Page): Promise<string> {
	return page
		.getByRole('paragraph')
		.filter({ hasText: 'Uw referentie' })
		.getByRole('strong')
		.innerText();
}

/** The report of a problem in a public place (melding openbaar domein). */
export const melding = '/p/melding-openbaar-domein/aanvragen';

/** Opens the report and answers its first page (what the problem is), on to the location page. */
export async function describeProblem(
	page: Page,
	description = 'Diepe put in het fietspad.',
	category = 'Put of schade in de weg'
): Promise<void> {
	await page.goto(melding);
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	await page.getByLabel('Soort probleem').selectOption({ label: category });
	await page.getByLabel('Beschrijf het probleem').fill(description);
	await pressContinue(page);
	await expectStep(page, `${melding}/locatie`, 'Waar is het?');
}

/**
 * From the report's contact page: no message wanted when it is dealt with, on to the check page,
 * and sent with the button named `send`.
 */
export async function sendReportWithoutContact(
	page: Page,
	send: string | RegExp = 'Aanvraag indienen'
): Promise<void> {
	await expectStep(page, `${melding}/contact`, 'Uw gegevens (niet verplicht)');
	await page
		.getByRole('group', { name: 'Wilt u een bericht als uw melding behandeld is?' })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await pressContinue(page);
	await expectStep(page, `${melding}/controle`, 'Controleer uw antwoorden');
	await page.getByRole('button', { name: send }).click();
}

/** The rainwater well grant (premie hemelwaterput). */
export const premie = '/p/premie-hemelwaterput/aanvragen';

/** Opens the grant's form on its first page, the applicant. */
export async function openPremie(page: Page): Promise<void> {
	await page.goto(premie);
	await expectStep(page, `${premie}/aanvrager`, 'Aanvrager');
}

/** Fills the grant's applicant page as Sofie Claes, the owner. */
export async function fillPremieApplicant(
	page: Page,
	typed: { phone?: string; nationalNumber?: string } = {}
): Promise<void> {
	await page.getByLabel('Voornaam').fill('Sofie');
	await page.getByLabel('Familienaam').fill('Claes');
	await page.getByLabel('E-mailadres').fill('sofie.claes@example.be');
	await page.getByLabel('Telefoonnummer').fill(typed.phone ?? '0470123456');
	await page.getByLabel('Rijksregisternummer').fill(typed.nationalNumber ?? '85073003328');
	await page.getByRole('radio', { name: 'Eigenaar' }).check();
}

type Posted = string | File | (string | File)[];

/** A form POST as a browser without JavaScript sends it; redirects are not followed. */
export async function post(page: Page, path: string, fields: Record<string, Posted>) {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields))
		for (const item of [value].flat()) form.append(name, item);
	return page.request.post(path, {
		multipart: form,
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
}

export function file(name: string, bytes: Buffer, type: string): File {
	return new File([new Uint8Array(bytes)], name, { type });
}

/** The text a reader sees in an HTML page: without the head, scripts and markup. */
export function visibleText(html: string): string {
	return html
		.replace(/<head>[\s\S]*?<\/head>/i, ' ')
		.replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ');
}

export type Complaint = {
	firstName: string;
	lastName: string;
	email: string;
	what: string;
	wish: string;
};

/** Files a complaint (klacht) through the form, with its optional evidence, and returns its reference. */
export async function fileComplaint(
	page: Page,
	c: Complaint,
	evidence: ReturnType<typeof upload>[] = []
): Promise<string> {
	await page.goto('/p/klacht/aanvragen');
	await expectStep(page, /\/aanvragen\/uw-gegevens$/, 'Uw gegevens');
	await page.getByLabel('Voornaam').fill(c.firstName);
	await page.getByLabel('Familienaam').fill(c.lastName);
	await page.getByLabel('E-mailadres').fill(c.email);
	await page
		.getByRole('group', { name: /namens iemand anders/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await pressContinue(page);
	await expectStep(page, /\/aanvragen\/uw-klacht$/, 'Uw klacht');
	await page
		.getByLabel('Over welke dienst gaat uw klacht?')
		.selectOption({ label: 'Mobiliteit en parkeren' });
	await page.getByLabel('Wanneer is het gebeurd?').fill('2026-11-20');
	await page.getByLabel('Wat is er gebeurd?').fill(c.what);
	await page
		.getByRole('group', { name: /al gemeld/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await page.getByLabel('Wat verwacht u van ons?').fill(c.wish);
	await page
		.getByRole('group', { name: /gerechtelijke procedure/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	if (evidence.length > 0) await page.getByLabel('Bewijsstukken').setInputFiles(evidence);
	await pressContinue(page);
	await page.getByLabel(/Ik verklaar op eer/).check();
	await pressContinue(page);
	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
	return readReceipt(page, { days: 45, unit: 'calendar' });
}

// The receipt PDF, read back: rendered uncompressed, its text is decoded from the hex strings
// pdfkit writes for the standard fonts, so the tests check what a reader would see, page by page.
import { describe, expect, it } from 'vitest';
import type { AnswerMap } from '$lib/process/answers/values';
import { testDefinition } from '$lib/process/answers/test-definition';
import { formatDate } from '$lib/process/answers/display';
import type { ProcessDefinition } from '$lib/process/definition';
import { receiptWords } from '$lib/i18n/answers';
import { renderReceiptPdf, toWinAnsi, type ReceiptWords } from './receipt-pdf';

const words: ReceiptWords = {
	title: 'Ontvangstbewijs',
	reference: 'Referentie',
	process: 'Aanvraag',
	submittedAt: 'Ingediend op',
	expectedDecision: 'Verwachte beslissing uiterlijk op',
	nextSteps: 'Wat gebeurt er nu?',
	answers: 'Uw antwoorden',
	yes: 'Ja',
	no: 'Nee',
	none: 'Niet ingevuld',
	footer: 'Bewaar dit ontvangstbewijs. U volgt uw dossier op:'
};

const answers: AnswerMap = {
	naam: 'Ada Peeters',
	rrn: '85073003328',
	eigendom: 'lease',
	contract: [{ id: 'x', name: 'contract.pdf', size: 20480, type: 'application/pdf' }],
	adres: { street: 'Kerkstraat', number: '12', box: '', postcode: '9000', municipality: 'Gent' },
	email: 'ada@example.be',
	datum: '2027-02-01',
	bezoekers: 120
};

const base = {
	municipalityName: 'Stad Gent',
	reference: '2027-000042',
	submittedAt: new Date('2027-01-04T09:30:00Z'),
	dueDate: '2027-01-18',
	definition: testDefinition,
	answers,
	status: 'ingediend',
	locale: 'nl' as const,
	words,
	compress: false
};

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

// WinAnsi differs from Latin-1 in 0x80-0x9f; Node's TextDecoder treats those as C1 controls.
const cp1252: Record<string, string> = Object.fromEntries(
	[...'€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ'].map((c, i) => [
		String.fromCharCode(0x80 + i),
		c
	])
);

// One line of text per text operator: `[<hex> kern <hex> ...] TJ` or `<hex> Tj`, in WinAnsi.
function decodeOperator(match: RegExpMatchArray): string {
	const digits = [...(match[1] ?? match[2]).matchAll(/<([0-9a-f]*)>/gi)].map((m) => m[1]).join('');
	const bytes = Uint8Array.from(digits.match(/../g) ?? [], (h) => parseInt(h, 16));
	return String.fromCharCode(...bytes).replace(/[\x80-\x9f]/g, (c) => cp1252[c] ?? c);
}

/** The text lines of each page, in the order they were drawn (page numbers come last). */
function readPages(bytes: Uint8Array): string[][] {
	return [...latin1(bytes).matchAll(/stream\n([\s\S]*?)\nendstream/g)]
		.map((stream) =>
			[...stream[1].matchAll(/\[([^\]]*)\]\s*TJ|(<[0-9a-f]*>)\s*Tj/gi)].map(decodeOperator)
		)
		.filter((lines) => lines.length > 0);
}

describe('renderReceiptPdf', () => {
	it('shows the reference, process, dates, next step and answers as the citizen gave them', async () => {
		const bytes = await renderReceiptPdf({
			...base,
			trackingUrl: 'https://loket.gent.be/volgen/abc123'
		});
		expect(latin1(bytes.subarray(0, 5))).toBe('%PDF-');
		const pages = readPages(bytes);
		expect(pages.length).toBeGreaterThanOrEqual(1);
		const text = pages.flat().join('\n');
		for (const expected of [
			'Stad Gent',
			'Ontvangstbewijs',
			'2027-000042',
			'Proef',
			'4 januari 2027 om 10:30',
			formatDate('2027-01-18', 'nl'),
			'18 januari 2027',
			'Ada Peeters',
			'85.07.30-033.28',
			'Lease',
			'contract.pdf (20 kB)',
			'Kerkstraat 12',
			'9000 Gent',
			'1 februari 2027',
			'120',
			'https://loket.gent.be/volgen/abc123',
			`1 / ${pages.length}`
		])
			expect(text).toContain(expected);
		// Hidden fields and pages stay out; empty optional fields say so.
		expect(text).not.toContain('Veiligheid');
		expect(text).toContain('Niet ingevuld');
	});

	it('is a tagged, titled document in the citizen’s language', async () => {
		const raw = latin1(await renderReceiptPdf({ ...base, locale: 'en' }));
		expect(raw).toContain('(Ontvangstbewijs 2027-000042)');
		expect(raw).toContain('(Stad Gent)');
		expect(raw).toContain('/Lang (en)');
		expect(raw).toContain('/DisplayDocTitle true');
		expect(raw).toContain('/Marked true');
		expect(raw).toContain('/StructTreeRoot');
		expect(readPages(await renderReceiptPdf({ ...base, locale: 'en' })).flat()).toContain(
			'4 January 2027 at 10:30'
		);
	});

	it('is written in French for a citizen who filed in French', async () => {
		const bytes = await renderReceiptPdf({ ...base, locale: 'fr', words: receiptWords('fr') });
		expect(latin1(bytes)).toContain('/Lang (fr)');
		const text = readPages(bytes).flat().join('\n');
		for (const expected of [
			'Accusé de réception',
			'Votre référence',
			'Introduite le',
			'4 janvier 2027 à 10:30',
			'Décision au plus tard le',
			'18 janvier 2027',
			'Vos réponses',
			'1 février 2027',
			'Pas de réponse'
		])
			expect(text).toContain(expected);
		expect(text).not.toContain('Ontvangstbewijs');
	});

	it('leaves out the expected decision when there is no due date', async () => {
		const text = readPages(await renderReceiptPdf({ ...base, dueDate: null })).flat();
		expect(text.join('\n')).not.toContain('Verwachte beslissing');
	});

	it('compresses by default', async () => {
		const bytes = await renderReceiptPdf({ ...base, compress: undefined });
		expect(latin1(bytes.subarray(0, 5))).toBe('%PDF-');
		expect(latin1(bytes)).toContain('/FlateDecode');
		expect(readPages(bytes)).toEqual([]);
	});

	it('flows long answers over numbered pages without leaving a label at the bottom', async () => {
		const keys = Array.from({ length: 40 }, (_, i) => `toelichting${i + 1}`);
		const definition: ProcessDefinition = {
			...testDefinition,
			pages: [
				...testDefinition.pages,
				{
					id: 'toelichting',
					title: { nl: 'Toelichting' },
					fields: keys.map((key, i) => ({
						type: 'textarea' as const,
						key,
						label: { nl: `Toelichting ${i + 1}` },
						required: false,
						maxLength: 3000,
						rows: 5
					}))
				}
			]
		};
		const sentence = 'De tent staat op het plein van 10 tot 22 uur, met € 250 waarborg. ';
		// One answer of 3000 characters; the others have 1 to 7 lines, so that answers start at
		// every height of a page and some label would otherwise be the last line of one.
		const long: AnswerMap = Object.fromEntries(
			keys.map((key, i) => [
				key,
				i === 0
					? `${sentence.repeat(50).slice(0, 2990)}\nEinde 1.`
					: [
							...Array.from({ length: (i * 5) % 7 }, (_, j) => `Regel ${j + 1}: ${sentence}`),
							`Einde ${i + 1}.`
						].join('\n')
			])
		);
		const pages = readPages(
			await renderReceiptPdf({ ...base, definition, answers: { ...answers, ...long } })
		);
		expect(pages.length).toBeGreaterThan(1);
		const text = pages.flat();
		pages.forEach((lines, i) => {
			expect(lines.slice(-2)).toEqual(['2027-000042', `${i + 1} / ${pages.length}`]);
			const lastBodyLine = lines.at(-3) ?? '';
			expect(lastBodyLine).not.toMatch(/^(Toelichting( \d+)?|Uw antwoorden|Aanvrager)$/);
		});
		for (const key of keys.map((_, i) => `Einde ${i + 1}.`)) expect(text).toContain(key);
		expect(text.join('\n')).toContain('€ 250 waarborg');
	});
});

describe('toWinAnsi', () => {
	it('keeps Dutch, French and German accents, quotes and the euro sign', () => {
		expect(toWinAnsi('Zoë “Café” Müller – € 12,50 …')).toBe('Zoë “Café” Müller – € 12,50 …');
	});

	it('drops emoji and invisible characters, strips other accents, marks other scripts', () => {
		expect(toWinAnsi('Ada 👍🏽 Peeters\u200b')).toBe('Ada  Peeters');
		expect(toWinAnsi('Erdő Łukasz 🇧🇪')).toBe('Erdo Lukasz ');
		expect(toWinAnsi('Иван')).toBe('????');
		expect(toWinAnsi('14\u202f:\u00a0\t05\r\nx')).toBe('14 :\u00a0 05\nx');
		expect(toWinAnsi('Cafe\u0301')).toBe('Café');
	});
});

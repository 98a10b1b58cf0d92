// The PDF receipt (ontvangstbewijs) of a filed dossier: who received what and when, what happens
// next, and every answer as it was filed, shown as on the "check your answers" page. Only the
// standard Helvetica fonts are used, so all text is first reduced to WinAnsi; the document is
// tagged (headings, paragraphs, link, decoration and page numbers as artifacts) for screen readers.
import PDFDocument from 'pdfkit';
import {
	collect,
	writeFooters,
	writeTagged,
	type Doc,
	type Frame,
	type Parent,
	type TextStyle
} from '../pdf/layout';
import { formatDate, summarizeAnswers } from '$lib/process/answers/display';
import type { AnswerMap } from '$lib/process/answers/values';
import type { ProcessDefinition } from '$lib/process/definition';
import { formatLongDateTime } from '$lib/process/format';
import { localize, type Locale } from '$lib/process/text';

export type ReceiptWords = {
	title: string;
	reference: string;
	process: string;
	submittedAt: string;
	expectedDecision: string;
	nextSteps: string;
	answers: string;
	yes: string;
	no: string;
	none: string;
	footer: string;
};

export type ReceiptInput = {
	municipalityName: string;
	reference: string;
	submittedAt: Date;
	/** 'YYYY-MM-DD' */
	dueDate: string | null;
	/** The version the dossier was filed under, so the receipt matches what the citizen saw. */
	definition: ProcessDefinition;
	answers: AnswerMap;
	/** Current workflow state id. */
	status: string;
	locale: Locale;
	words: ReceiptWords;
	/** For guests, who have no account to find the dossier again. */
	trackingUrl?: string;
	/** Off only to read the text back in tests. */
	compress?: boolean;
};

// Characters pdfkit maps into WinAnsi besides Latin-1 (its WIN_ANSI_MAP).
const winAnsiExtras = new Set('ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜');

const replacements: Record<string, string> = {
	'\u2010': '-',
	'\u2011': '-',
	'\u2012': '–',
	'\u2015': '—',
	'\u2212': '-',
	'\u2032': "'",
	'\u2033': '"',
	'\u201b': '‘',
	'\u201f': '“',
	'\u2028': '\n',
	'\u2029': '\n',
	'\t': ' ',
	Ł: 'L',
	ł: 'l',
	Đ: 'D',
	đ: 'd',
	ı: 'i'
};

function isWinAnsi(char: string): boolean {
	const code = char.codePointAt(0) ?? 0;
	return (
		char === '\n' ||
		(code >= 0x20 && code <= 0x7e) ||
		(code >= 0xa0 && code <= 0xff) ||
		winAnsiExtras.has(char)
	);
}

const dropped =
	/[\p{Cc}\p{Cf}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]/u;

/**
 * Text the standard fonts can show. Anything else would come out as garbage: pdfkit writes each
 * UTF-16 unit as hex, so a character above 0xFF corrupts the rest of the line. Accented letters
 * outside Latin-1 lose their accent (ő → o), emoji and invisible characters disappear, other
 * scripts become '?' so the reader sees that something was there.
 */
export function toWinAnsi(text: string): string {
	let out = '';
	for (const char of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
		if (isWinAnsi(char)) out += char;
		else if (char in replacements) out += replacements[char];
		else if (/\p{Z}/u.test(char)) out += ' ';
		else if (dropped.test(char)) continue;
		else {
			const base = [...char.normalize('NFKD')].filter((c) => isWinAnsi(c) && c !== '\n').join('');
			out += base || '?';
		}
	}
	return out;
}

const margin = 50;
const colors = { text: '#1a1a1a', muted: '#555555', boxFill: '#f1f4f7', boxLine: '#c5ced8' };
const fonts = { regular: 'Helvetica', bold: 'Helvetica-Bold' };

const frame: Frame = { margin, font: fonts.regular, color: colors.muted, textColor: colors.text };
/** A tagged paragraph or heading on the receipt. */
const write = (doc: Doc, parent: Parent, tag: string, text: string, style: TextStyle) =>
	writeTagged(doc, frame, parent, tag, text, style);

// The room left above the bottom margin; a block that does not fit starts on a new page, unless
// it already stands at the top (a block taller than a page must flow, not loop).
function keepTogether(doc: Doc, height: number): void {
	if (doc.y > doc.page.margins.top && doc.y + height > doc.page.maxY()) doc.addPage();
}

function measure(doc: Doc, font: string, size: number, text: string, width: number): number {
	return doc.font(font).fontSize(size).heightOfString(text, { width });
}

function lineHeight(doc: Doc, font: string, size: number): number {
	return doc.font(font).fontSize(size).currentLineHeight(true);
}

function writeSummaryBox(doc: Doc, parent: Parent, rows: [string, string][], input: ReceiptInput) {
	const { words } = input;
	const width = doc.page.width - 2 * margin;
	const pad = 14;
	const inner = width - 2 * pad;
	const labelWidth = 175;
	const valueWidth = inner - labelWidth - 10;
	const rowGap = 5;
	const reference = toWinAnsi(input.reference);
	const rowHeights = rows.map(([label, value]) =>
		Math.max(
			measure(doc, fonts.regular, 10, label, labelWidth),
			measure(doc, fonts.bold, 10, value, valueWidth)
		)
	);
	const referenceTop = measure(doc, fonts.regular, 9, words.reference, inner) + 2;
	const referenceHeight = referenceTop + measure(doc, fonts.bold, 20, reference, inner) + 10;
	const height =
		2 * pad + referenceHeight + rowHeights.reduce((sum, h) => sum + h + rowGap, 0) - rowGap;
	const top = doc.y;

	doc.markContent('Artifact', { type: 'Layout' });
	doc
		.lineWidth(0.75)
		.roundedRect(margin, top, width, height, 4)
		.fillAndStroke(colors.boxFill, colors.boxLine);
	doc.endMarkedContent();

	const x = margin + pad;
	let y = top + pad;
	const style = { x, y, width: inner };
	write(doc, parent, 'P', toWinAnsi(words.reference), {
		...style,
		font: fonts.regular,
		size: 9,
		color: colors.muted
	});
	write(doc, parent, 'P', reference, { ...style, y: y + referenceTop, font: fonts.bold, size: 20 });
	y += referenceHeight;
	rows.forEach(([label, value], i) => {
		write(doc, parent, 'P', label, {
			x,
			y,
			width: labelWidth,
			font: fonts.regular,
			size: 10,
			color: colors.muted
		});
		write(doc, parent, 'P', value, {
			x: x + labelWidth + 10,
			y,
			width: valueWidth,
			font: fonts.bold,
			size: 10
		});
		y += rowHeights[i] + rowGap;
	});
	doc.x = margin;
	doc.y = top + height + 22;
}

export async function renderReceiptPdf(input: ReceiptInput): Promise<Uint8Array> {
	const { definition, locale, words } = input;
	const t = toWinAnsi;
	const title = t(words.title);
	const reference = t(input.reference);
	const processTitle = t(localize(definition.title, locale));
	const municipality = t(input.municipalityName);

	const doc = new PDFDocument({
		size: 'A4',
		margin,
		bufferPages: true,
		compress: input.compress ?? true,
		pdfVersion: '1.7',
		tagged: true,
		displayTitle: true,
		lang: locale,
		info: {
			Title: `${words.title} ${input.reference}`,
			Author: input.municipalityName,
			Subject: localize(definition.title, locale),
			Creator: 'Loket'
		}
	});
	const done = collect(doc);

	const root = doc.struct('Document');
	doc.addStructure(root);
	const width = doc.page.width - 2 * margin;

	write(doc, root, 'P', municipality, { font: fonts.bold, size: 12, color: colors.muted });
	doc.moveDown(0.3);
	write(doc, root, 'H1', title, { font: fonts.bold, size: 22 });
	doc.moveDown(0.6);

	const rows: [string, string][] = [
		[t(words.process), processTitle],
		[t(words.submittedAt), t(formatLongDateTime(input.submittedAt, locale))]
	];
	if (input.dueDate) rows.push([t(words.expectedDecision), t(formatDate(input.dueDate, locale))]);
	writeSummaryBox(doc, root, rows, input);

	const state = definition.workflow.states.find((s) => s.id === input.status);
	if (state) {
		const text = t(localize(state.citizenText, locale));
		keepTogether(
			doc,
			lineHeight(doc, fonts.bold, 14) + 6 + measure(doc, fonts.regular, 10.5, text, width)
		);
		write(doc, root, 'H2', t(words.nextSteps), { font: fonts.bold, size: 14 });
		doc.moveDown(0.3);
		write(doc, root, 'P', text, { font: fonts.regular, size: 10.5 });
		doc.moveDown(1.2);
	}

	const sections = summarizeAnswers(definition, input.answers, locale, words).filter(
		(s) => s.rows.length > 0
	);
	if (sections.length > 0) {
		// A heading is kept with its first label, and a label with the first line of its answer.
		const rowStart = (label: string) =>
			measure(doc, fonts.bold, 10.5, label, width) + lineHeight(doc, fonts.regular, 10.5);
		const first = sections[0];
		keepTogether(
			doc,
			lineHeight(doc, fonts.bold, 14) +
				lineHeight(doc, fonts.bold, 12) +
				12 +
				rowStart(t(first.rows[0].label))
		);
		write(doc, root, 'H2', t(words.answers), { font: fonts.bold, size: 14 });
		doc.moveDown(0.4);
		for (const section of sections) {
			const sect = doc.struct('Sect');
			root.add(sect);
			const heading = t(section.title);
			keepTogether(
				doc,
				measure(doc, fonts.bold, 12, heading, width) + 6 + rowStart(t(section.rows[0].label))
			);
			write(doc, sect, 'H3', heading, { font: fonts.bold, size: 12 });
			doc.moveDown(0.35);
			for (const row of section.rows) {
				const label = t(row.label);
				keepTogether(doc, rowStart(label));
				write(doc, sect, 'P', label, { font: fonts.bold, size: 10.5 });
				write(doc, sect, 'P', t(row.text), { font: fonts.regular, size: 10.5 });
				doc.moveDown(0.55);
			}
			sect.end();
			doc.moveDown(0.5);
		}
	}

	const closing = t(words.footer);
	const url = input.trackingUrl ? t(input.trackingUrl) : null;
	keepTogether(
		doc,
		measure(doc, fonts.regular, 10, closing, width) +
			(url ? 4 + measure(doc, fonts.regular, 10, url, width) : 0)
	);
	doc.moveDown(0.5);
	write(doc, root, 'P', closing, { font: fonts.regular, size: 10, color: colors.muted });
	if (url) {
		doc.moveDown(0.2);
		const paragraph = doc.struct('P');
		root.add(paragraph);
		// A Link element around the text makes pdfkit attach the link annotation to it.
		paragraph.add(
			doc.struct('Link', {}, () => {
				doc.font(fonts.regular).fontSize(10).fillColor('#0b4f8a');
				doc.x = margin;
				doc.text(url, { width, link: url, underline: true });
			})
		);
		paragraph.end();
	}

	root.end();
	writeFooters(doc, frame, reference, 18);
	doc.end();
	return done;
}

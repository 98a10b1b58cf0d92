// An issued document (decision, certificate, permit, refusal) as a PDF/A-2b file: fonts embedded
// (DejaVu Sans, so names in any European script come out right), tagged for screen readers
// (headings and paragraphs in a structure tree; logo, page numbers and rules as artifacts), with
// the municipality's name and logo, the reference, page numbers and a verification line. Sealed
// with the municipality's certificate when one is configured; otherwise it says it is not sealed.
import { createRequire } from 'node:module';
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
import type { DocumentBlock } from '$lib/process/documents';
import type { Locale } from '$lib/process/text';
import { addSealPlaceholder, sealPdf, type SealConfig } from './seal';

const require = createRequire(import.meta.url);

// The language the PDF declares (its /Lang), for screen readers.
const PDF_LANGUAGE: Record<Locale, string> = { nl: 'nl-BE', en: 'en-GB', fr: 'fr-BE' };
const fontFiles = {
	regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
	bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')
};

export type DocumentWords = {
	/** "Attest", "Beslissing", … above the title. */
	kind: string;
	reference: string;
	issuedOn: string;
	/** The verification line at the end of the text. */
	verification: string;
	/** Said on the document when it is not sealed; null when it is. */
	unsealed: string | null;
	/** Said at the top and the end of a preview, so it never passes for an issued document. */
	preview?: string | null;
	/** The seal's reason, shown by PDF readers. */
	sealReason: string;
};

export type RenderInput = {
	municipalityName: string;
	/** PNG or JPEG bytes of the municipality's logo. */
	logo: Uint8Array | null;
	locale: Locale;
	title: string;
	blocks: DocumentBlock[];
	reference: string;
	/** The date of issue as people read it. */
	issuedOn: string;
	words: DocumentWords;
	/** The seal to put on; null: unsealed. */
	seal: { config: SealConfig; signingTime: Date } | null;
	/** Off only to read the text back in tests. */
	compress?: boolean;
};

const margin = 56;
const colors = { text: '#1a1a1a', muted: '#555555', rule: '#c5ced8', warning: '#8a1c1c' };
const fonts = { regular: 'DejaVu', bold: 'DejaVu-Bold' };

const frame: Frame = { margin, font: fonts.regular, color: colors.muted, textColor: colors.text };
/** A tagged paragraph or heading of the document. */
const write = (doc: Doc, parent: Parent, tag: string, text: string, style: TextStyle) =>
	writeTagged(doc, frame, parent, tag, text, style);

function writeHeader(doc: Doc, root: Parent, input: RenderInput): void {
	const top = doc.y;
	let logoHeight = 0;
	if (input.logo) {
		doc.markContent('Artifact', { type: 'Layout' });
		doc.image(Buffer.from(input.logo), margin, top, { fit: [140, 56] });
		doc.endMarkedContent();
		logoHeight = 56;
		doc.y = top;
	}
	write(doc, root, 'P', input.municipalityName, {
		font: fonts.bold,
		size: 12,
		color: colors.muted,
		align: input.logo ? 'right' : 'left'
	});
	doc.y = Math.max(doc.y, top + logoHeight) + 10;
	doc.markContent('Artifact', { type: 'Layout' });
	doc
		.lineWidth(0.75)
		.strokeColor(colors.rule)
		.moveTo(margin, doc.y)
		.lineTo(doc.page.width - margin, doc.y)
		.stroke();
	doc.endMarkedContent();
	doc.moveDown(1);
}

/** Renders (and seals, when a seal is given) one document. */
export async function renderDocument(input: RenderInput): Promise<Uint8Array> {
	const { words } = input;
	const doc = new PDFDocument({
		size: 'A4',
		margin,
		bufferPages: true,
		compress: input.compress ?? true,
		pdfVersion: '1.7',
		subset: 'PDF/A-2b',
		tagged: true,
		displayTitle: true,
		lang: PDF_LANGUAGE[input.locale],
		info: {
			Title: `${input.title} ${input.reference}`,
			Author: input.municipalityName,
			Subject: words.kind,
			Creator: 'Loket'
		}
	});
	doc.registerFont(fonts.regular, fontFiles.regular);
	doc.registerFont(fonts.bold, fontFiles.bold);
	const done = collect(doc);

	const root = doc.struct('Document');
	doc.addStructure(root);
	writeHeader(doc, root, input);
	if (words.preview) {
		write(doc, root, 'P', words.preview, { font: fonts.bold, size: 12, color: colors.warning });
		doc.moveDown(0.6);
	}

	write(doc, root, 'P', words.kind, { font: fonts.regular, size: 10, color: colors.muted });
	doc.moveDown(0.2);
	write(doc, root, 'H1', input.title, { font: fonts.bold, size: 20 });
	doc.moveDown(0.4);
	write(doc, root, 'P', `${words.reference}: ${input.reference}`, {
		font: fonts.regular,
		size: 10
	});
	write(doc, root, 'P', `${words.issuedOn}: ${input.issuedOn}`, {
		font: fonts.regular,
		size: 10
	});
	doc.moveDown(1.2);

	for (const block of input.blocks) {
		if (block.kind === 'heading') {
			doc.moveDown(0.4);
			write(doc, root, 'H2', block.text, { font: fonts.bold, size: 13 });
			doc.moveDown(0.3);
		} else {
			write(doc, root, 'P', block.text, { font: fonts.regular, size: 11 });
			doc.moveDown(0.7);
		}
	}

	doc.moveDown(1);
	if (words.preview)
		write(doc, root, 'P', words.preview, { font: fonts.bold, size: 10, color: colors.warning });
	if (words.unsealed)
		write(doc, root, 'P', words.unsealed, { font: fonts.bold, size: 10, color: colors.warning });
	write(doc, root, 'P', words.verification, {
		font: fonts.regular,
		size: 8.5,
		color: colors.muted
	});

	root.end();
	writeFooters(doc, frame, input.reference);
	if (input.seal)
		addSealPlaceholder(doc, {
			name: input.municipalityName,
			reason: words.sealReason,
			location: input.municipalityName,
			signingTime: input.seal.signingTime
		});
	doc.end();
	const pdf = await done;
	return input.seal ? sealPdf(pdf, input.seal.config, input.seal.signingTime) : pdf;
}

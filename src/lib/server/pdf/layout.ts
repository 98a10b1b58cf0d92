// What every PDF Loket makes (the receipt, issued documents) writes the same way with pdfkit:
// tagged text (each paragraph or heading a structure element, for screen readers and PDF/A), the
// footer of every page (the reference and "page / pages", marked as an artifact), and the bytes
// collected once the document ends.
import type PDFDocument from 'pdfkit';

export type Doc = PDFKit.PDFDocument;
export type Parent = PDFKit.PDFStructureElement;

/** A page's frame: its margin, and the font and colour the footers use. */
export type Frame = { margin: number; font: string; color: string; textColor: string };

export type TextStyle = {
	font: string;
	size: number;
	color?: string;
	align?: 'left' | 'right';
	/** Where to write (x, y) and how wide; by default at the margin, below what came before. */
	x?: number;
	y?: number;
	width?: number;
};

/** One tagged paragraph or heading (`tag`: P, H1, H2) under `parent`. */
export function writeTagged(
	doc: Doc,
	frame: Frame,
	parent: Parent,
	tag: string,
	text: string,
	style: TextStyle
): void {
	doc
		.font(style.font)
		.fontSize(style.size)
		.fillColor(style.color ?? frame.textColor);
	const options = {
		width: style.width ?? doc.page.width - 2 * frame.margin,
		align: style.align ?? 'left',
		structParent: parent,
		structType: tag
	};
	if (style.y !== undefined) doc.text(text, style.x ?? frame.margin, style.y, options);
	else {
		doc.x = style.x ?? frame.margin;
		doc.text(text, options);
	}
}

/** The reference and "page / pages" at the foot of every page (the document buffers its pages). */
export function writeFooters(doc: Doc, frame: Frame, reference: string, below = 20): void {
	const { start, count } = doc.bufferedPageRange();
	for (let i = start; i < start + count; i++) {
		doc.switchToPage(i);
		// Writing inside the bottom margin would otherwise make pdfkit start a new page.
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		const y = doc.page.height - frame.margin + below;
		const width = doc.page.width - 2 * frame.margin;
		doc.markContent('Artifact', { type: 'Pagination' });
		doc.font(frame.font).fontSize(8).fillColor(frame.color);
		doc.text(reference, frame.margin, y, { width, lineBreak: false });
		doc.text(`${i + 1 - start} / ${count}`, frame.margin, y, {
			width,
			align: 'right',
			lineBreak: false
		});
		doc.endMarkedContent();
		doc.page.margins.bottom = bottom;
	}
}

/** The document's bytes, once it has ended (call before writing, resolve after `doc.end()`). */
export function collect(doc: InstanceType<typeof PDFDocument>): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	return new Promise<Uint8Array>((resolve, reject) => {
		doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
}

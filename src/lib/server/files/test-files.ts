// Hand-made file bytes for upload tests: headers of each accepted image format with any pixel
// size (a decompression bomb is only a header that promises too many pixels), a small PDF, and
// the polyglots and fakes the upload check must refuse.
const text = (s: string) => new TextEncoder().encode(s);

export function concat(...parts: (Uint8Array | string)[]): Uint8Array {
	return new Uint8Array(
		Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(text(p)) : p)))
	);
}

/** A PNG whose IHDR declares width × height, then `extra` (chunks), IEND, and `after` its end. */
export function pngOf(
	width: number,
	height: number,
	extra: Uint8Array | string = '',
	after: Uint8Array | string = ''
): Uint8Array {
	const ihdr = Buffer.alloc(25);
	ihdr.writeUInt32BE(13, 0);
	ihdr.write('IHDR', 4, 'latin1');
	ihdr.writeUInt32BE(width, 8);
	ihdr.writeUInt32BE(height, 12);
	ihdr.set([8, 6, 0, 0, 0], 16);
	const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const iend = new Uint8Array([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
	return concat(signature, ihdr, extra, iend, after);
}

/** A JPEG with a JFIF header, then a baseline frame header (SOF0) of width × height. */
export function jpegOf(width: number, height: number, after: Uint8Array | string = ''): Uint8Array {
	const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
	const sof = [0xff, 0xc0, 0, 11, 8, height >> 8, height & 255, width >> 8, width & 255, 1, 1];
	return concat(new Uint8Array([0xff, 0xd8, ...app0, ...sof, 0x11, 0, 0xff, 0xd9]), after);
}

/** A WebP of width × height in one of its three encodings. */
export function webpOf(kind: 'VP8 ' | 'VP8L' | 'VP8X', width: number, height: number): Uint8Array {
	const b = Buffer.alloc(40);
	b.write('RIFF', 0, 'latin1');
	b.writeUInt32LE(32, 4);
	b.write('WEBP', 8, 'latin1');
	b.write(kind, 12, 'latin1');
	b.writeUInt32LE(20, 16);
	if (kind === 'VP8 ') {
		b.set([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a], 20);
		b.writeUInt16LE(width, 26);
		b.writeUInt16LE(height, 28);
	} else if (kind === 'VP8L') {
		b[20] = 0x2f;
		b.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 21);
	} else {
		b.writeUIntLE(width - 1, 24, 3);
		b.writeUIntLE(height - 1, 27, 3);
	}
	return new Uint8Array(b);
}

/** A HEIC whose image spatial extent property ("ispe") says width × height. */
export function heicOf(width: number, height: number): Uint8Array {
	const b = Buffer.alloc(64);
	b.writeUInt32BE(24, 0);
	b.write('ftypheic', 4, 'latin1');
	b.write('mif1heic', 16, 'latin1');
	b.writeUInt32BE(20, 24);
	b.write('ispe', 28, 'latin1');
	b.writeUInt32BE(width, 36);
	b.writeUInt32BE(height, 40);
	return new Uint8Array(b);
}

export const pdfBytes = text(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
		'2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
		'3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n' +
		'trailer<</Root 1 0 R>>\n%%EOF\n'
);

/** The end of a ZIP archive (its central directory record): what makes a JPEG a GIFAR. */
export const zipEnd = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

export const polyglots = {
	/** A PDF whose first lines are also a web page. */
	pdfWithHtmlHead: text('%PDF-1.4\n<html><body><script>alert(document.cookie)</script>\n'),
	/** A valid PDF with a web page appended after its end. */
	pdfWithHtmlTail: concat(pdfBytes, '<html><script>fetch("/api")</script></html>'),
	/** A JPEG that Java also reads as a JAR (a ZIP directory at its end). */
	gifar: jpegOf(1, 1, zipEnd),
	/** A PNG with a script in a text chunk in the middle. */
	pngWithScript: pngOf(1, 1, '\0\0\0\x21tEXtComment\0<script>alert(1)</script>\0\0\0\0')
};

export const svgWithScript = text(
	'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
);
export const exeBytes = concat(new Uint8Array([0x4d, 0x5a, 0x90, 0x00]), ' een programma');

export function fileOf(bytes: Uint8Array, name: string, type = ''): File {
	return new File([Buffer.from(bytes)], name, { type });
}

// The real media type of an upload, read from its bytes (magic numbers), never from its name or
// from what the browser claims: a renamed .exe stays an .exe. For images, the pixel size is read
// from the header alone (no decoding), so a decompression bomb is found before anything inflates.
import { fileTypeFromBuffer } from 'file-type';

export async function sniffMediaType(bytes: Uint8Array): Promise<string | null> {
	const detected = await fileTypeFromBuffer(bytes);
	return detected?.mime ?? null;
}

export type Dimensions = { width: number; height: number };

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number) =>
	b[i] * 0x1000000 + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function pngSize(b: Uint8Array): Dimensions | null {
	// Signature, then the IHDR chunk always comes first: length, "IHDR", width, height.
	if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
	return { width: u32be(b, 16), height: u32be(b, 20) };
}

// Start-of-frame markers (baseline, progressive, lossless, arithmetic); not DHT (C4), JPG (C8), DAC (CC).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegSize(b: Uint8Array): Dimensions | null {
	let i = 2;
	while (i + 9 < b.length) {
		if (b[i] !== 0xff) return null;
		const marker = b[i + 1];
		if (marker === 0xff) {
			i += 1; // fill byte
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			i += 2; // markers without a length
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) return null; // image data before any frame header
		if (SOF.has(marker)) return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
		i += 2 + u16be(b, i + 2);
	}
	return null;
}

function webpSize(b: Uint8Array): Dimensions | null {
	if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
	const chunk = ascii(b, 12, 4);
	if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
	if (chunk === 'VP8L') {
		if (b[20] !== 0x2f) return null;
		const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8 ') {
		// Key frame: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
		if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
		return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
	}
	return null;
}

function heicSize(b: Uint8Array): Dimensions | null {
	// The largest "ispe" (image spatial extent) property in the metadata; a grid image lists its
	// tiles and the whole. Not finding one is no refusal: HEIC is read no further than this.
	let found: Dimensions | null = null;
	const end = Math.min(b.length - 16, 1 << 20);
	for (let i = 4; i < end; i++) {
		if (b[i] !== 0x69 || ascii(b, i, 4) !== 'ispe') continue;
		const size = { width: u32be(b, i + 8), height: u32be(b, i + 12) };
		if (!found || size.width * size.height > found.width * found.height) found = size;
	}
	return found;
}

/**
 * The pixel size an image's header declares, for the image types we accept; null when the header
 * cannot be read (or, for HEIC, names no size). Nothing is decoded.
 */
export function readImageDimensions(bytes: Uint8Array, type: string): Dimensions | null {
	switch (type) {
		case 'image/png':
			return pngSize(bytes);
		case 'image/jpeg':
			return jpegSize(bytes);
		case 'image/webp':
			return webpSize(bytes);
		case 'image/heic':
			return heicSize(bytes);
		default:
			return null;
	}
}

/** JPEG's end-of-image marker. */
const EOI = Buffer.from([0xff, 0xd9]);

/**
 * Where the image's own bytes end, read from its structure (PNG chunks to IEND, JPEG segments to
 * the scan and its end-of-image marker, WebP's RIFF size); null when it cannot be told (HEIC, or a
 * file that breaks off). What follows is no part of the image: the upload check looks there for
 * an appended web page.
 */
export function imageEnd(b: Uint8Array, type: string): number | null {
	if (type === 'image/png') {
		for (let i = 8; i + 12 <= b.length;) {
			const next = i + 12 + u32be(b, i);
			if (ascii(b, i + 4, 4) === 'IEND') return Math.min(next, b.length);
			i = next;
		}
		return null;
	}
	if (type === 'image/jpeg') {
		let i = 2;
		// Segments up to the first scan; an EXIF thumbnail inside APP1 is skipped with its segment.
		while (i + 4 <= b.length && b[i] === 0xff && b[i + 1] !== 0xda) {
			const marker = b[i + 1];
			if (marker === 0xff) i += 1;
			else if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) i += 2;
			else if (marker === 0xd9) return i + 2;
			else i += 2 + u16be(b, i + 2);
		}
		// In the scans a 0xff byte is followed by 0x00 (stuffing), a restart or another segment of a
		// progressive image: the first end-of-image marker is the image's end.
		const eoi = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(EOI, i);
		return eoi >= 0 ? eoi + 2 : null;
	}
	if (type === 'image/webp') {
		if (b.length < 12 || ascii(b, 0, 4) !== 'RIFF') return null;
		const size = (b[4] | (b[5] << 8) | (b[6] << 16)) + b[7] * 2 ** 24;
		return Math.min(8 + size + (size % 2), b.length);
	}
	return null;
}

// The one gate every uploaded file passes before it is stored, whatever the path (a form page,
// a device catching up, a reply on a dossier): its size, its real type read from the bytes (and
// a name or declared type that says otherwise is a lie), the pixel size an image header declares
// (no decompression bombs), and no web page or archive hidden inside a PDF or image. It also
// gives the name we keep: no folders, control or direction characters, bounded in length, and
// ending in the extension of its real type. Stored bytes are named by their hash, never by this.
import { imageEnd, readImageDimensions, sniffMediaType, type Dimensions } from './sniff';

export const MAX_IMAGE_SIDE = 30_000;
export const MAX_IMAGE_PIXELS = 250_000_000;
/** New files in one post of a form (a page, or a device sending the whole form at once). */
export const MAX_FILES_PER_REQUEST = 30;
export const MAX_NAME_LENGTH = 100;

export type UploadRefusal = 'empty' | 'too-large' | 'type' | 'dimensions' | 'active-content';
export type CheckedUpload =
	| { ok: true; bytes: Uint8Array; type: string; name: string }
	| { ok: false; reason: UploadRefusal; name: string };

/** The extensions each accepted type may carry; the first is the one we add when it has none. */
const extensions: Record<string, readonly string[]> = {
	'application/pdf': ['pdf'],
	'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
	'image/png': ['png'],
	'image/heic': ['heic', 'heif'],
	'image/webp': ['webp'],
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
	'application/vnd.oasis.opendocument.text': ['odt']
};
/** Extensions that name some other kind of file: on one of ours, the name lies. */
const foreignExtensions = new Set(
	(
		'htm html xhtml shtml svg svgz xml xsl js mjs cjs json css php asp aspx jsp exe dll com bat ' +
		'cmd scr msi ps1 sh vbs wsf hta jar swf zip rar 7z gz tar apk lnk url txt rtf doc xls xlsx ' +
		'ppt pptx ods odp gif bmp tif tiff ico avif mp3 mp4 mov avi eml'
	).split(' ')
);
const declaredAliases: Record<string, string> = {
	'image/jpg': 'image/jpeg',
	'image/pjpeg': 'image/jpeg',
	'image/x-png': 'image/png',
	'image/heif': 'image/heic'
};
const ZIP_BASED = new Set([
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.oasis.opendocument.text'
]);

/**
 * Checks one file against the field's accepted types and size. Returns its bytes, sniffed type
 * and clean name, or why it is refused (with the clean name, for the message).
 */
export async function checkUpload(
	file: File,
	rules: { accept: readonly string[]; maxBytes: number }
): Promise<CheckedUpload> {
	const shown = cleanFileName(file.name, '');
	// A file of 0 bytes: a failed download or a cloud file not yet on the phone. Said, not dropped.
	if (file.size === 0) return { ok: false, reason: 'empty', name: shown };
	// The size the browser announced first, so a huge file is not read into memory at all.
	if (file.size > rules.maxBytes) return { ok: false, reason: 'too-large', name: shown };
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (bytes.byteLength === 0) return { ok: false, reason: 'empty', name: shown };
	if (bytes.byteLength > rules.maxBytes) return { ok: false, reason: 'too-large', name: shown };
	const type = await sniffMediaType(bytes);
	if (!type || !rules.accept.includes(type) || claimsOtherType(file, type))
		return { ok: false, reason: 'type', name: shown };
	if (type.startsWith('image/')) {
		const size = readImageDimensions(bytes, type);
		// PNG, JPEG and WebP always declare their size up front; one we cannot read is no image.
		if (!size && type !== 'image/heic') return { ok: false, reason: 'type', name: shown };
		if (size && isTooManyPixels(size)) return { ok: false, reason: 'dimensions', name: shown };
	}
	if (hasActiveContent(bytes, type)) return { ok: false, reason: 'active-content', name: shown };
	return { ok: true, bytes, type, name: cleanFileName(file.name, type) };
}

export function isTooManyPixels({ width, height }: Dimensions): boolean {
	return width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS;
}

function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
	return /^[a-z0-9]{1,10}$/.test(ext) ? ext : '';
}

/** Whether the browser's declared type or the name's extension says it is something else. */
function claimsOtherType(file: File, type: string): boolean {
	const declared = file.type.toLowerCase().split(';')[0].trim();
	const normalized = declaredAliases[declared] ?? declared;
	if (normalized && normalized !== 'application/octet-stream' && normalized !== type) return true;
	const ext = extensionOf(cleanFileName(file.name, ''));
	const own = extensions[type] ?? [];
	if (own.includes(ext)) return false;
	return foreignExtensions.has(ext) || Object.values(extensions).some((e) => e.includes(ext));
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * The name we keep and send back: the last path segment only; no control, format (bidi override,
 * zero-width) or line-separator characters; no characters Windows forbids; no leading dots; at
 * most MAX_NAME_LENGTH characters; and, for a known type, ending in that type's extension.
 */
export function cleanFileName(name: string, type: string): string {
	const own = extensions[type];
	let clean = (name.split(/[/\\]/).pop() ?? '')
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
		.replace(/[<>:"|?*]/g, '_')
		.replace(/\s+/gu, ' ')
		.replace(/^[\s.]+|[\s.]+$/g, '');
	let ext = extensionOf(clean);
	if (own && !own.includes(ext)) ext = '';
	// The extension as the citizen wrote it (IMG_0001.JPG stays so), or the one of its type.
	const suffix = ext ? clean.slice(-(ext.length + 1)) : own ? `.${own[0]}` : '';
	let stem = ext ? clean.slice(0, -(ext.length + 1)).replace(/[\s.]+$/, '') : clean;
	if (!stem || RESERVED.test(stem)) stem = stem ? `_${stem}` : 'bestand';
	const room = MAX_NAME_LENGTH - suffix.length;
	const chars = Array.from(stem);
	if (chars.length > room) stem = chars.slice(0, room).join('').trimEnd();
	clean = stem + suffix;
	return clean;
}

const MARKERS = [
	'<script',
	'<html',
	'<head',
	'<body',
	'<iframe',
	'<object',
	'<embed',
	'<svg',
	'<!doctype',
	'<?php',
	'<%@',
	'javascript:'
];
// Long enough that compressed image data does not contain them by chance (about 2^-56 a byte).
const LONG_MARKERS = ['<script', '<iframe', '<object', '<!doctype', 'javascript:'];
const ANYWHERE = new RegExp(LONG_MARKERS.join('|'), 'i');
const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
// In the first and last kilobyte of a file's own (compressed) data only markers of five characters
// or more are looked for: '<%@' turns up by chance in about one random photo in 5,000 (measured
// with bench:load's photos), which refused a citizen's real photo as "active content".
const WINDOW_MARKERS = MARKERS.filter((m) => m.length >= 5);
const WINDOW = 1024;

function latin1(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
		.toString('latin1')
		.toLowerCase();
}

/**
 * A polyglot: a PDF or image that is also a web page (HTML or script where browsers and servers
 * sniff, at the start or after the format's end, or a script tag anywhere in an image), or also
 * an archive (a ZIP directory at the end, as in GIFAR: an image that Java reads as a JAR).
 * Word-processor files are ZIP archives themselves and are only served as downloads.
 */
export function hasActiveContent(bytes: Uint8Array, type: string): boolean {
	if (ZIP_BASED.has(type)) return false;
	if (endsWithZipDirectory(bytes)) return true;
	const found = (text: string, markers: readonly string[]) => markers.some((m) => text.includes(m));
	if (found(latin1(bytes.subarray(0, WINDOW)), WINDOW_MARKERS)) return true;
	// What follows the format's own end is no part of it: any marker there is a page appended.
	let end: number | null = null;
	if (type === 'application/pdf') {
		const all = latin1(bytes.subarray(Math.max(0, bytes.byteLength - 64 * 1024)));
		const eof = all.lastIndexOf('%%eof');
		if (eof >= 0) end = bytes.byteLength - all.length + eof + 5;
	} else if (type.startsWith('image/')) end = imageEnd(bytes, type);
	if (end !== null) {
		if (found(latin1(bytes.subarray(end)), MARKERS)) return true;
	} else if (found(latin1(bytes.subarray(Math.max(0, bytes.byteLength - WINDOW))), WINDOW_MARKERS))
		return true;
	if (!type.startsWith('image/')) return false;
	// The whole image: one case-insensitive scan, without a lowercased copy (5× faster on a photo).
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	return ANYWHERE.test(text);
}

/** A ZIP end-of-central-directory record whose comment runs exactly to the end of the file. */
function endsWithZipDirectory(bytes: Uint8Array): boolean {
	const n = bytes.byteLength;
	if (n < 22) return false;
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, n);
	const earliest = Math.max(0, n - 22 - 0xffff);
	for (
		let i = buffer.lastIndexOf(EOCD, n - 22);
		i >= earliest;
		i = buffer.lastIndexOf(EOCD, i - 1)
	) {
		if (i + 22 + (bytes[i + 20] | (bytes[i + 21] << 8)) === n) return true;
		if (i === 0) break;
	}
	return false;
}

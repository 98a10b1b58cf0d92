// Reads back the .eml files the file transport writes (RFC 5322 messages made by nodemailer), for
// the admin's mail view: the headers it lists (with RFC 2047 encoded words decoded) and the plain
// text part (quoted-printable, base64 or 7/8 bit, inside multipart bodies). The HTML part is never
// returned: the view shows the text only.

export type ParsedMail = {
	from: string;
	to: string;
	subject: string;
	date: Date | null;
	text: string;
};

type Part = { headers: Map<string, string>; body: Uint8Array };

const decoderFor = (charset: string | undefined): TextDecoder => {
	try {
		return new TextDecoder(charset?.toLowerCase() === 'us-ascii' ? 'utf-8' : (charset ?? 'utf-8'));
	} catch {
		return new TextDecoder('utf-8');
	}
};

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
	outer: for (let i = from; i <= haystack.length - needle.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return i;
	}
	return -1;
}

const latin1 = new TextDecoder('latin1');
const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** Splits header block and body at the first empty line, and unfolds the headers. */
function splitPart(raw: Uint8Array): Part {
	const text = latin1.decode(raw);
	const match = /\r?\n\r?\n/.exec(text);
	const head = match ? text.slice(0, match.index) : text;
	const body = match ? raw.subarray(match.index + match[0].length) : new Uint8Array();
	const headers = new Map<string, string>();
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
	}
	return { headers, body };
}

/** A header parameter such as boundary= or charset=, quoted or not. */
function parameter(value: string | undefined, name: string): string | undefined {
	const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value ?? '');
	return match ? (match[1] ?? match[2]) : undefined;
}

function decodeQuotedPrintable(text: string): Uint8Array {
	const joined = text.replace(/=\r?\n/g, '');
	const out: number[] = [];
	for (let i = 0; i < joined.length; i++) {
		const c = joined[i];
		const hex = joined.slice(i + 1, i + 3);
		if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			out.push(parseInt(hex, 16));
			i += 2;
		} else out.push(c.charCodeAt(0) & 0xff);
	}
	return Uint8Array.from(out);
}

function decodeBody(part: Part): string {
	const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
	const charset = parameter(part.headers.get('content-type'), 'charset');
	const raw = latin1.decode(part.body);
	const bytes =
		encoding === 'base64'
			? new Uint8Array(Buffer.from(raw.replace(/\s+/g, ''), 'base64'))
			: encoding === 'quoted-printable'
				? decodeQuotedPrintable(raw)
				: part.body;
	return decoderFor(charset).decode(bytes).replace(/\r\n/g, '\n');
}

/** Decodes RFC 2047 encoded words (=?utf-8?Q?…?= and =?utf-8?B?…?=) in a header value. */
export function decodeHeader(value: string): string {
	return value
		.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
		.replace(
			/=\?([^?*]+)(?:\*[^?]*)?\?([BbQq])\?([^?]*)\?=/g,
			(_, charset: string, kind: string, data: string) => {
				const bytes =
					kind.toUpperCase() === 'B'
						? new Uint8Array(Buffer.from(data, 'base64'))
						: decodeQuotedPrintable(data.replace(/_/g, ' '));
				return decoderFor(charset).decode(bytes);
			}
		);
}

/** The first text/plain part of a (possibly multipart) body, decoded. */
function findText(part: Part, depth = 0): string | null {
	const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
	if (type.startsWith('multipart/') && depth < 5) {
		const boundary = parameter(part.headers.get('content-type'), 'boundary');
		if (!boundary) return null;
		const delimiter = bytesOf(`--${boundary}`);
		let at = indexOfBytes(part.body, delimiter);
		while (at >= 0) {
			let start = at + delimiter.length;
			if (part.body[start] === 0x2d && part.body[start + 1] === 0x2d) break; // the closing --
			if (part.body[start] === 0x0d) start++;
			if (part.body[start] === 0x0a) start++;
			const next = indexOfBytes(part.body, delimiter, start);
			if (next < 0) break;
			let end = next;
			if (part.body[end - 1] === 0x0a) end--;
			if (part.body[end - 1] === 0x0d) end--;
			const found = findText(splitPart(part.body.subarray(start, end)), depth + 1);
			if (found !== null) return found;
			at = next;
		}
		return null;
	}
	return type.startsWith('text/plain') ? decodeBody(part) : null;
}

export function parseEml(raw: Uint8Array): ParsedMail {
	const message = splitPart(raw);
	const header = (name: string) => decodeHeader(message.headers.get(name) ?? '');
	const date = message.headers.has('date') ? new Date(header('date')) : null;
	return {
		from: header('from'),
		to: header('to'),
		subject: header('subject'),
		date: date && !Number.isNaN(date.getTime()) ? date : null,
		text: findText(message) ?? ''
	};
}

// Belgian structured payment reference (gestructureerde mededeling, OGM/VCS): 12 digits shown as
// +++123/4567/89012+++, where the last two digits are the first ten modulo 97 (0 written as 97).
// A parsed reference is normalised to the 12 digits; createStructuredReference always yields one.

export type StructuredReference = { normalized: string; formatted: string };

export type StructuredReferenceError = 'format' | 'checksum';

export type StructuredReferenceResult =
	{ ok: true; value: StructuredReference } | { ok: false; error: StructuredReferenceError };

// Banks print *** as well as +++; the slashes are optional because people drop them when typing.
const PATTERN = /^(?:\+{3}|\*{3})?(\d{3})\/?(\d{4})\/?(\d{5})(?:\+{3}|\*{3})?$/;

function computeCheckDigits(base: string): string {
	const remainder = Number(base) % 97;
	return String(remainder === 0 ? 97 : remainder).padStart(2, '0');
}

export function parseStructuredReference(input: string): StructuredReferenceResult {
	const match = PATTERN.exec(input.replace(/\s/g, ''));
	if (match === null) return { ok: false, error: 'format' };
	const normalized = match.slice(1).join('');
	if (computeCheckDigits(normalized.slice(0, 10)) !== normalized.slice(10)) {
		return { ok: false, error: 'checksum' };
	}
	return { ok: true, value: { normalized, formatted: formatStructuredReference(normalized) } };
}

export function isValidStructuredReference(input: string): boolean {
	return parseStructuredReference(input).ok;
}

// Anything that is not 12 digits is returned unchanged.
export function formatStructuredReference(normalized: string): string {
	if (!/^\d{12}$/.test(normalized)) return normalized;
	return `+++${normalized.slice(0, 3)}/${normalized.slice(3, 7)}/${normalized.slice(7)}+++`;
}

// Throws on anything but 1 to 10 digits (or a non-negative safe integer below 10^10), because a
// silently truncated base would link a payment to the wrong file.
export function createStructuredReference(base: number | string): StructuredReference {
	const digits = typeof base === 'number' ? String(base) : base.trim();
	if (typeof base === 'number' && (!Number.isSafeInteger(base) || base < 0)) {
		throw new RangeError(`Structured reference base must be a non-negative integer: ${base}`);
	}
	if (!/^\d{1,10}$/.test(digits)) {
		throw new RangeError(`Structured reference base must be 1 to 10 digits: ${base}`);
	}
	const padded = digits.padStart(10, '0');
	const normalized = padded + computeCheckDigits(padded);
	return { normalized, formatted: formatStructuredReference(normalized) };
}

// KBO/BCE enterprise number (ondernemingsnummer): 10 digits starting with 0 or 1, whose last two
// digits are 97 minus the first eight modulo 97. A parsed number is normalised to those 10 digits;
// the 'BE' VAT prefix and old 9-digit numbers (issued before the leading 0 was added) are accepted.

export type EnterpriseNumber = { normalized: string; formatted: string };

export type EnterpriseNumberError = 'format' | 'checksum';

export type EnterpriseNumberResult =
	{ ok: true; value: EnterpriseNumber } | { ok: false; error: EnterpriseNumberError };

function normalizeEnterpriseNumber(input: string): string {
	const digits = input.replace(/[\s.-]/g, '').replace(/^BE/i, '');
	return /^\d{9}$/.test(digits) ? `0${digits}` : digits;
}

export function parseEnterpriseNumber(input: string): EnterpriseNumberResult {
	const normalized = normalizeEnterpriseNumber(input);
	if (!/^[01]\d{9}$/.test(normalized)) return { ok: false, error: 'format' };
	const check = 97 - (Number(normalized.slice(0, 8)) % 97);
	if (check !== Number(normalized.slice(8))) return { ok: false, error: 'checksum' };
	return { ok: true, value: { normalized, formatted: formatEnterpriseNumber(normalized) } };
}

export function isValidEnterpriseNumber(input: string): boolean {
	return parseEnterpriseNumber(input).ok;
}

// Anything that is not 10 digits after normalisation is returned unchanged.
export function formatEnterpriseNumber(normalized: string): string {
	const d = normalizeEnterpriseNumber(normalized);
	if (!/^\d{10}$/.test(d)) return normalized;
	return `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`;
}

// IBAN (ISO 13616) for the SEPA countries. A parsed IBAN has a known country, the length that
// country prescribes and passes the ISO 7064 mod-97 check; Belgian IBANs must also pass the
// national mod-97 check on the BBAN. Countries outside the SEPA table are rejected.

export type Iban = { normalized: string; formatted: string; country: string };

export type IbanError = 'format' | 'country' | 'length' | 'checksum' | 'national';

export type IbanResult = { ok: true; value: Iban } | { ok: false; error: IbanError };

const IBAN_LENGTHS: Readonly<Record<string, number>> = {
	AD: 24,
	AT: 20,
	BE: 16,
	BG: 22,
	CH: 21,
	CY: 28,
	CZ: 24,
	DE: 22,
	DK: 18,
	EE: 20,
	ES: 24,
	FI: 18,
	FR: 27,
	GB: 22,
	GI: 23,
	GR: 27,
	HR: 21,
	HU: 28,
	IE: 22,
	IS: 26,
	IT: 27,
	LI: 21,
	LT: 20,
	LU: 20,
	LV: 21,
	MC: 27,
	MT: 31,
	NL: 18,
	NO: 15,
	PL: 28,
	PT: 25,
	RO: 24,
	SE: 24,
	SI: 19,
	SK: 24,
	SM: 27,
	VA: 22
};

function normalizeIban(input: string): string {
	return input.replace(/[\s-]/g, '').toUpperCase();
}

// Digit by digit, so the 30+ digit number never has to exist as a whole (no BigInt needed).
function computeMod97(digits: string): number {
	let remainder = 0;
	for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	return remainder;
}

function passesIsoChecksum(iban: string): boolean {
	const rearranged = iban.slice(4) + iban.slice(0, 4);
	const digits = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
	return computeMod97(digits) === 1;
}

// Belgian BBAN: bank code + account number (10 digits) followed by 2 check digits, where a
// remainder of 0 is written as 97.
function passesBelgianCheck(bban: string): boolean {
	if (!/^\d{12}$/.test(bban)) return false;
	const remainder = computeMod97(bban.slice(0, 10));
	return (remainder === 0 ? 97 : remainder) === Number(bban.slice(10));
}

export function parseIban(input: string): IbanResult {
	const normalized = normalizeIban(input);
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(normalized)) return { ok: false, error: 'format' };
	const country = normalized.slice(0, 2);
	const length = IBAN_LENGTHS[country];
	if (length === undefined) return { ok: false, error: 'country' };
	if (normalized.length !== length) return { ok: false, error: 'length' };
	// Check digits are always 02..98; 00, 01 and 99 can alias a valid remainder but are never issued.
	const checkDigits = Number(normalized.slice(2, 4));
	if (checkDigits < 2 || checkDigits > 98 || !passesIsoChecksum(normalized)) {
		return { ok: false, error: 'checksum' };
	}
	if (country === 'BE' && !passesBelgianCheck(normalized.slice(4))) {
		return { ok: false, error: 'national' };
	}
	return { ok: true, value: { normalized, formatted: formatIban(normalized), country } };
}

export function isValidIban(input: string): boolean {
	return parseIban(input).ok;
}

export function formatIban(normalized: string): string {
	return normalizeIban(normalized).replace(/(.{4})(?=.)/g, '$1 ');
}

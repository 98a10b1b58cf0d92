// Belgian national number: the rijksregisternummer (RRN/INSZ) and the BIS number of people who are
// not in the National Register. A parsed number has passed the mod-97 check (with the post-2000
// rule), carries a possible birth date (month/day may be unknown) and, where encoded, the sex.
// Only the 11 digits are kept; separators typed by people are stripped.

export type NationalNumber = {
	normalized: string;
	kind: 'rrn' | 'bis';
	birthYear: number;
	birthMonth: number | null;
	birthDay: number | null;
	sex: 'M' | 'F' | null;
};

export type NationalNumberError = 'format' | 'checksum' | 'date';

export type NationalNumberResult =
	{ ok: true; value: NationalNumber } | { ok: false; error: NationalNumberError };

const SEPARATORS = /[\s./-]/g;

function normalizeNationalNumber(input: string): string {
	return input.replace(SEPARATORS, '');
}

function computeCheckDigits(base: number): number {
	return 97 - (base % 97);
}

function countDaysInMonth(year: number, month: number): number {
	// Day 0 of the next month is the last day of this one; UTC keeps the host time zone out of it.
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Returns the century-resolved birth year, or null when neither checksum rule matches.
function resolveBirthYear(digits: string, today: Date): number | null {
	const base = Number(digits.slice(0, 9));
	const check = Number(digits.slice(9));
	const yy = Number(digits.slice(0, 2));
	if (computeCheckDigits(base) === check) return 1900 + yy;
	// 2e9 mod 97 is not 0, so at most one of the two rules can ever match.
	if (2000 + yy <= today.getUTCFullYear() && computeCheckDigits(2_000_000_000 + base) === check) {
		return 2000 + yy;
	}
	return null;
}

// BIS numbers shift the month by 20 (sex unknown when issued) or 40 (sex known).
function decodeMonthField(
	field: number
): { kind: NationalNumber['kind']; month: number; sexKnown: boolean } | null {
	if (field <= 12) return { kind: 'rrn', month: field, sexKnown: true };
	if (field >= 20 && field <= 32) return { kind: 'bis', month: field - 20, sexKnown: false };
	if (field >= 40 && field <= 52) return { kind: 'bis', month: field - 40, sexKnown: true };
	return null;
}

export function parseNationalNumber(input: string, today: Date = new Date()): NationalNumberResult {
	const normalized = normalizeNationalNumber(input);
	if (!/^\d{11}$/.test(normalized)) return { ok: false, error: 'format' };

	const birthYear = resolveBirthYear(normalized, today);
	if (birthYear === null) return { ok: false, error: 'checksum' };

	const day = Number(normalized.slice(4, 6));
	const counter = Number(normalized.slice(6, 9));

	const field = decodeMonthField(Number(normalized.slice(2, 4)));
	if (field === null) return { ok: false, error: 'date' };
	const { kind, month, sexKnown } = field;

	// Month 0 or day 0 means "unknown" (e.g. people whose birth date was never registered).
	const maxDay = month === 0 ? 31 : countDaysInMonth(birthYear, month);
	if (day > maxDay) return { ok: false, error: 'date' };

	return {
		ok: true,
		value: {
			normalized,
			kind,
			birthYear,
			birthMonth: month === 0 ? null : month,
			birthDay: day === 0 ? null : day,
			sex: sexKnown ? (counter % 2 === 1 ? 'M' : 'F') : null
		}
	};
}

export function isValidNationalNumber(input: string, today?: Date): boolean {
	return parseNationalNumber(input, today).ok;
}

// Anything that is not 11 digits after normalisation is returned unchanged, so a UI can show
// half-typed input without throwing.
export function formatNationalNumber(normalized: string): string {
	const d = normalizeNationalNumber(normalized);
	if (!/^\d{11}$/.test(d)) return normalized;
	return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
}

// The counter and check digits are what make the number identifying; the birth date alone is not.
export function maskNationalNumber(normalized: string): string {
	const d = normalizeNationalNumber(normalized);
	if (!/^\d{11}$/.test(d)) return '**.**.**-***.**';
	return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-***.**`;
}

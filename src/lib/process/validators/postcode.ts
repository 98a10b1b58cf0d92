// Belgian postcode: four digits from 1000 to 9999. A parsed postcode is stored as those four
// digits; a leading 'B-' or 'B ' (the old international prefix people still type) is stripped.
// provinceOfPostcode maps a postcode to its province (or Brussels) using the bpost ranges.

export type Province =
	| 'Brussel'
	| 'Vlaams-Brabant'
	| 'Waals-Brabant'
	| 'Antwerpen'
	| 'Limburg'
	| 'Luik'
	| 'Namen'
	| 'Henegouwen'
	| 'Luxemburg'
	| 'West-Vlaanderen'
	| 'Oost-Vlaanderen';

export type Postcode = { normalized: string; province: Province };

export type PostcodeError = 'format' | 'range';

export type PostcodeResult = { ok: true; value: Postcode } | { ok: false; error: PostcodeError };

// Upper bounds (inclusive), ascending; Vlaams-Brabant and Henegouwen each own two ranges.
const PROVINCE_RANGES: readonly (readonly [number, Province])[] = [
	[1299, 'Brussel'],
	[1499, 'Waals-Brabant'],
	[1999, 'Vlaams-Brabant'],
	[2999, 'Antwerpen'],
	[3499, 'Vlaams-Brabant'],
	[3999, 'Limburg'],
	[4999, 'Luik'],
	[5999, 'Namen'],
	[6599, 'Henegouwen'],
	[6999, 'Luxemburg'],
	[7999, 'Henegouwen'],
	[8999, 'West-Vlaanderen'],
	[9999, 'Oost-Vlaanderen']
];

function normalizePostcode(input: string): string {
	return input.trim().replace(/^B[-\s]\s*/i, '');
}

function findProvince(code: number): Province | null {
	if (!Number.isInteger(code) || code < 1000 || code > 9999) return null;
	for (const [upper, province] of PROVINCE_RANGES) if (code <= upper) return province;
	return null;
}

export function parsePostcode(input: string): PostcodeResult {
	const normalized = normalizePostcode(input);
	if (!/^\d{4}$/.test(normalized)) return { ok: false, error: 'format' };
	const province = findProvince(Number(normalized));
	if (province === null) return { ok: false, error: 'range' };
	return { ok: true, value: { normalized, province } };
}

export function isValidPostcode(input: string): boolean {
	return parsePostcode(input).ok;
}

// Returns null rather than throwing for an invalid postcode, so it can be used on raw input.
export function provinceOfPostcode(code: string | number): Province | null {
	if (typeof code === 'number') return findProvince(code);
	const result = parsePostcode(code);
	return result.ok ? result.value.province : null;
}

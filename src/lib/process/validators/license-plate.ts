// Belgian licence plate in one of the two standard series: the current format since 2010
// (1-ABC-234) and the 1973-2008 formats (ABC-123 and 123-ABC). A parsed plate is stored without
// separators, upper-case. Temporary, trade, diplomatic, military, moped and personalised plates
// are out of scope and rejected.

export type LicensePlateSeries = 'current' | 'letters-digits' | 'digits-letters';

export type LicensePlate = { normalized: string; formatted: string; series: LicensePlateSeries };

export type LicensePlateError = 'format';

export type LicensePlateResult =
	{ ok: true; value: LicensePlate } | { ok: false; error: LicensePlateError };

const SERIES: readonly { series: LicensePlateSeries; pattern: RegExp }[] = [
	// The leading digit of the current series is never 0.
	{ series: 'current', pattern: /^([1-9])([A-Z]{3})(\d{3})$/ },
	{ series: 'letters-digits', pattern: /^([A-Z]{3})(\d{3})$/ },
	{ series: 'digits-letters', pattern: /^(\d{3})([A-Z]{3})$/ }
];

function normalizeLicensePlate(input: string): string {
	return input.replace(/[\s.-]/g, '').toUpperCase();
}

function matchSeries(normalized: string): { series: LicensePlateSeries; parts: string[] } | null {
	for (const { series, pattern } of SERIES) {
		const match = pattern.exec(normalized);
		if (match !== null) return { series, parts: match.slice(1) };
	}
	return null;
}

export function parseLicensePlate(input: string): LicensePlateResult {
	const normalized = normalizeLicensePlate(input);
	const matched = matchSeries(normalized);
	if (matched === null) return { ok: false, error: 'format' };
	return {
		ok: true,
		value: { normalized, formatted: matched.parts.join('-'), series: matched.series }
	};
}

export function isValidLicensePlate(input: string): boolean {
	return parseLicensePlate(input).ok;
}

// Anything that is not a recognised plate is returned unchanged.
export function formatLicensePlate(normalized: string): string {
	const matched = matchSeries(normalizeLicensePlate(normalized));
	return matched === null ? normalized : matched.parts.join('-');
}

import { describe, it, expect } from 'vitest';
import {
	formatNationalNumber,
	isValidNationalNumber,
	maskNationalNumber,
	parseNationalNumber
} from './national-number';

const TODAY = new Date(Date.UTC(2026, 5, 15));

// Independent re-statement of the check-digit rule so the tests can build numbers on purpose.
function withCheckDigits(firstNine: string, bornFrom2000: boolean): string {
	const base = Number((bornFrom2000 ? '2' : '') + firstNine);
	return firstNine + String(97 - (base % 97)).padStart(2, '0');
}

describe('withCheckDigits (test helper)', () => {
	it('agrees with the published vectors', () => {
		expect(withCheckDigits('850730033', false)).toBe('85073003328');
		expect(withCheckDigits('170730033', true)).toBe('17073003384');
	});
});

describe('parseNationalNumber', () => {
	it('accepts a pre-2000 RRN with separators', () => {
		expect(parseNationalNumber('85.07.30-033.28', TODAY)).toEqual({
			ok: true,
			value: {
				normalized: '85073003328',
				kind: 'rrn',
				birthYear: 1985,
				birthMonth: 7,
				birthDay: 30,
				sex: 'M'
			}
		});
	});

	it('accepts a number that is only valid under the 2000 rule', () => {
		const result = parseNationalNumber('17.07.30-033.84', TODAY);
		expect(result.ok && result.value.birthYear).toBe(2017);
	});

	it('accepts an unformatted number', () => {
		const result = parseNationalNumber('93051822361', TODAY);
		expect(result.ok && result.value).toMatchObject({
			birthYear: 1993,
			birthMonth: 5,
			birthDay: 18,
			sex: 'M'
		});
	});

	it('accepts spaces and slashes as separators', () => {
		expect(isValidNationalNumber(' 85 07 30 / 033 28 ', TODAY)).toBe(true);
	});

	it('derives female from an even counter', () => {
		const result = parseNationalNumber(withCheckDigits('850730034', false), TODAY);
		expect(result.ok && result.value.sex).toBe('F');
	});

	it('accepts a BIS number with known sex (month + 40)', () => {
		expect(parseNationalNumber('98.47.28-997.65', TODAY)).toEqual({
			ok: true,
			value: {
				normalized: '98472899765',
				kind: 'bis',
				birthYear: 1998,
				birthMonth: 7,
				birthDay: 28,
				sex: 'M'
			}
		});
	});

	it('accepts a BIS number under the 2000 rule', () => {
		const result = parseNationalNumber('01.49.07-001.85', TODAY);
		expect(result.ok && result.value).toMatchObject({
			kind: 'bis',
			birthYear: 2001,
			birthMonth: 9,
			birthDay: 7,
			sex: 'M'
		});
	});

	it('leaves sex unknown for a BIS number with month + 20', () => {
		const result = parseNationalNumber(withCheckDigits('852730033', false), TODAY);
		expect(result.ok && result.value).toMatchObject({ kind: 'bis', birthMonth: 7, sex: null });
	});

	it('allows an unknown month and day', () => {
		const result = parseNationalNumber(withCheckDigits('850000033', false), TODAY);
		expect(result.ok && result.value).toMatchObject({ birthMonth: null, birthDay: null });
	});

	it('allows an unknown BIS month (field 20)', () => {
		const result = parseNationalNumber(withCheckDigits('852015033', false), TODAY);
		expect(result.ok && result.value).toMatchObject({
			kind: 'bis',
			birthMonth: null,
			birthDay: 15
		});
	});

	it('knows 29 February in leap years only', () => {
		expect(isValidNationalNumber(withCheckDigits('240229001', true), TODAY)).toBe(true);
		expect(parseNationalNumber(withCheckDigits('230229001', true), TODAY)).toEqual({
			ok: false,
			error: 'date'
		});
		// 1900 was not a leap year, 2000 was: the checksum decides the century.
		expect(parseNationalNumber(withCheckDigits('000229001', false), TODAY)).toEqual({
			ok: false,
			error: 'date'
		});
		expect(isValidNationalNumber(withCheckDigits('000229001', true), TODAY)).toBe(true);
	});

	it('rejects a wrong checksum', () => {
		expect(parseNationalNumber('12345678901', TODAY)).toEqual({ ok: false, error: 'checksum' });
		expect(parseNationalNumber('85073003329', TODAY)).toEqual({ ok: false, error: 'checksum' });
	});

	it('rejects the wrong length', () => {
		expect(parseNationalNumber('8507300332', TODAY)).toEqual({ ok: false, error: 'format' });
		expect(parseNationalNumber('850730033280', TODAY)).toEqual({ ok: false, error: 'format' });
		expect(parseNationalNumber('', TODAY)).toEqual({ ok: false, error: 'format' });
	});

	it('rejects letters', () => {
		expect(parseNationalNumber('85.07.30-O33.28', TODAY)).toEqual({ ok: false, error: 'format' });
	});

	it('rejects a correct checksum on an impossible date', () => {
		// Hand-checked: 851330033 mod 97 = 27, 97 - 27 = 70.
		expect(withCheckDigits('851330033', false)).toBe('85133003370');
		expect(parseNationalNumber('85.13.30-033.70', TODAY)).toEqual({ ok: false, error: 'date' });
		// Hand-checked: 850230033 mod 97 = 7, 97 - 7 = 90.
		expect(withCheckDigits('850230033', false)).toBe('85023003390');
		expect(parseNationalNumber('85.02.30-033.90', TODAY)).toEqual({ ok: false, error: 'date' });
		expect(parseNationalNumber(withCheckDigits('853330033', false), TODAY)).toEqual({
			ok: false,
			error: 'date'
		});
		expect(parseNationalNumber(withCheckDigits('850732033', false), TODAY)).toEqual({
			ok: false,
			error: 'date'
		});
	});

	it('does not apply the 2000 rule to a year in the future', () => {
		const before2017 = new Date(Date.UTC(2016, 11, 31));
		expect(parseNationalNumber('17.07.30-033.84', before2017)).toEqual({
			ok: false,
			error: 'checksum'
		});
		expect(isValidNationalNumber('17.07.30-033.84', new Date(Date.UTC(2017, 0, 1)))).toBe(true);
		expect(isValidNationalNumber(withCheckDigits('300101001', true), TODAY)).toBe(false);
	});
});

describe('formatNationalNumber', () => {
	it('formats 11 digits in the official layout', () => {
		expect(formatNationalNumber('85073003328')).toBe('85.07.30-033.28');
	});

	it('returns anything else unchanged', () => {
		expect(formatNationalNumber('8507')).toBe('8507');
	});
});

describe('maskNationalNumber', () => {
	it('hides the counter and check digits', () => {
		expect(maskNationalNumber('85073003328')).toBe('85.07.30-***.**');
	});

	it('hides everything when the input is not a national number', () => {
		expect(maskNationalNumber('85073003')).toBe('**.**.**-***.**');
	});
});

import { describe, it, expect } from 'vitest';
import { isValidPostcode, parsePostcode, provinceOfPostcode } from './postcode';

describe('parsePostcode', () => {
	it('accepts four digits', () => {
		expect(parsePostcode('9000')).toEqual({
			ok: true,
			value: { normalized: '9000', province: 'Oost-Vlaanderen' }
		});
	});

	it.each(['B-2000', 'b-2000', 'B 2000', ' 2000 '])(
		'strips the prefix and spaces in %j',
		(input) => {
			expect(parsePostcode(input)).toMatchObject({ ok: true, value: { normalized: '2000' } });
		}
	);

	it('rejects anything but four digits', () => {
		for (const input of ['', '200', '20000', '2OOO', 'BE-2000', 'B2000', '2 000']) {
			expect(parsePostcode(input)).toEqual({ ok: false, error: 'format' });
		}
	});

	it('rejects four digits below 1000', () => {
		expect(parsePostcode('0999')).toEqual({ ok: false, error: 'range' });
		expect(isValidPostcode('1000')).toBe(true);
		expect(isValidPostcode('9999')).toBe(true);
	});
});

describe('provinceOfPostcode', () => {
	it.each([
		['1000', 'Brussel'],
		['1299', 'Brussel'],
		['1300', 'Waals-Brabant'],
		['1499', 'Waals-Brabant'],
		['1500', 'Vlaams-Brabant'],
		['1999', 'Vlaams-Brabant'],
		['2000', 'Antwerpen'],
		['2999', 'Antwerpen'],
		['3000', 'Vlaams-Brabant'],
		['3499', 'Vlaams-Brabant'],
		['3500', 'Limburg'],
		['3999', 'Limburg'],
		['4000', 'Luik'],
		['4999', 'Luik'],
		['5000', 'Namen'],
		['5999', 'Namen'],
		['6000', 'Henegouwen'],
		['6599', 'Henegouwen'],
		['6600', 'Luxemburg'],
		['6999', 'Luxemburg'],
		['7000', 'Henegouwen'],
		['7999', 'Henegouwen'],
		['8000', 'West-Vlaanderen'],
		['8999', 'West-Vlaanderen'],
		['9000', 'Oost-Vlaanderen'],
		['9999', 'Oost-Vlaanderen']
	])('%s lies in %s', (code, province) => {
		expect(provinceOfPostcode(code)).toBe(province);
	});

	it('accepts a number and a prefixed string', () => {
		expect(provinceOfPostcode(3500)).toBe('Limburg');
		expect(provinceOfPostcode('B-8000')).toBe('West-Vlaanderen');
	});

	it('returns null for an invalid postcode', () => {
		expect(provinceOfPostcode('999')).toBeNull();
		expect(provinceOfPostcode(10000)).toBeNull();
		expect(provinceOfPostcode(1000.5)).toBeNull();
	});
});

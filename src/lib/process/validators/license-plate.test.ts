import { describe, it, expect } from 'vitest';
import { formatLicensePlate, isValidLicensePlate, parseLicensePlate } from './license-plate';

describe('parseLicensePlate', () => {
	it('accepts the current series in lower case', () => {
		expect(parseLicensePlate('1-abc-234')).toEqual({
			ok: true,
			value: { normalized: '1ABC234', formatted: '1-ABC-234', series: 'current' }
		});
	});

	it('accepts the current series without separators or with spaces and dots', () => {
		expect(isValidLicensePlate('1ABC234')).toBe(true);
		expect(parseLicensePlate(' 1 abc.234 ')).toMatchObject({
			ok: true,
			value: { normalized: '1ABC234' }
		});
	});

	it('accepts the 1973-2008 series', () => {
		expect(parseLicensePlate('ABC-123')).toEqual({
			ok: true,
			value: { normalized: 'ABC123', formatted: 'ABC-123', series: 'letters-digits' }
		});
		expect(parseLicensePlate('123-ABC')).toEqual({
			ok: true,
			value: { normalized: '123ABC', formatted: '123-ABC', series: 'digits-letters' }
		});
	});

	it.each(['0-ABC-234', '1-AB-234', '12345', '', '1-ABC-2345', 'AB-1234', '1-ÄBC-234'])(
		'rejects %j',
		(input) => {
			expect(parseLicensePlate(input)).toEqual({ ok: false, error: 'format' });
		}
	);
});

describe('formatLicensePlate', () => {
	it('inserts the dashes for each series', () => {
		expect(formatLicensePlate('1ABC234')).toBe('1-ABC-234');
		expect(formatLicensePlate('abc123')).toBe('ABC-123');
		expect(formatLicensePlate('123ABC')).toBe('123-ABC');
	});

	it('returns an unrecognised plate unchanged', () => {
		expect(formatLicensePlate('12345')).toBe('12345');
	});
});

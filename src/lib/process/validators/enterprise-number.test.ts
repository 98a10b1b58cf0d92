import { describe, it, expect } from 'vitest';
import {
	formatEnterpriseNumber,
	isValidEnterpriseNumber,
	parseEnterpriseNumber
} from './enterprise-number';

describe('parseEnterpriseNumber', () => {
	it.each(['0403019261', '0428759497', '0566988259'])('accepts %s', (input) => {
		expect(isValidEnterpriseNumber(input)).toBe(true);
	});

	it('returns the normalised and formatted number', () => {
		expect(parseEnterpriseNumber('0403.019.261')).toEqual({
			ok: true,
			value: { normalized: '0403019261', formatted: '0403.019.261' }
		});
	});

	it('accepts the BE VAT prefix in any case', () => {
		expect(parseEnterpriseNumber('BE 0403.019.261')).toMatchObject({
			ok: true,
			value: { normalized: '0403019261' }
		});
		expect(isValidEnterpriseNumber('be0403019261')).toBe(true);
	});

	it('accepts an old 9-digit number', () => {
		expect(parseEnterpriseNumber('403019261')).toMatchObject({
			ok: true,
			value: { normalized: '0403019261' }
		});
	});

	it('rejects a wrong checksum', () => {
		expect(parseEnterpriseNumber('0431150351')).toEqual({ ok: false, error: 'checksum' });
	});

	it('rejects a first digit other than 0 or 1', () => {
		expect(parseEnterpriseNumber('2403019261')).toEqual({ ok: false, error: 'format' });
	});

	it('rejects the wrong length and letters', () => {
		expect(parseEnterpriseNumber('04030192')).toEqual({ ok: false, error: 'format' });
		expect(parseEnterpriseNumber('04030192611')).toEqual({ ok: false, error: 'format' });
		expect(parseEnterpriseNumber('0403O19261')).toEqual({ ok: false, error: 'format' });
	});
});

describe('formatEnterpriseNumber', () => {
	it('groups as 4.3.3', () => {
		expect(formatEnterpriseNumber('0403019261')).toBe('0403.019.261');
	});
});

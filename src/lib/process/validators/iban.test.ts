import { describe, it, expect } from 'vitest';
import { formatIban, isValidIban, parseIban } from './iban';

describe('parseIban', () => {
	it('accepts a Belgian IBAN and returns it normalised and formatted', () => {
		expect(parseIban('BE68 5390 0754 7034')).toEqual({
			ok: true,
			value: { normalized: 'BE68539007547034', formatted: 'BE68 5390 0754 7034', country: 'BE' }
		});
	});

	it.each(['BE32 1234 5678 9002', 'NL91ABNA0417164300', 'DE89 3704 0044 0532 0130 00'])(
		'accepts %s',
		(input) => {
			expect(isValidIban(input)).toBe(true);
		}
	);

	it('accepts lower case and dashes', () => {
		expect(parseIban('nl91-abna-0417-1643-00')).toMatchObject({
			ok: true,
			value: { normalized: 'NL91ABNA0417164300', country: 'NL' }
		});
	});

	it('rejects a Belgian IBAN that passes ISO but fails the national check', () => {
		expect(parseIban('BE41 0918 1173 5141')).toEqual({ ok: false, error: 'national' });
	});

	it('rejects a wrong ISO checksum', () => {
		expect(parseIban('BE68539007547035')).toEqual({ ok: false, error: 'checksum' });
	});

	it('rejects an unknown country', () => {
		expect(parseIban('XX68539007547034')).toEqual({ ok: false, error: 'country' });
		expect(parseIban('US68539007547034')).toEqual({ ok: false, error: 'country' });
	});

	it('rejects the wrong length for the country', () => {
		expect(parseIban('BE6853900754703')).toEqual({ ok: false, error: 'length' });
		expect(parseIban('NL91ABNA04171643001')).toEqual({ ok: false, error: 'length' });
	});

	it('rejects malformed input', () => {
		expect(parseIban('')).toEqual({ ok: false, error: 'format' });
		expect(parseIban('1E68539007547034')).toEqual({ ok: false, error: 'format' });
		expect(parseIban('BEXX539007547034')).toEqual({ ok: false, error: 'format' });
		expect(parseIban('BE68.5390.0754.7034')).toEqual({ ok: false, error: 'format' });
	});
});

describe('formatIban', () => {
	it('groups in fours', () => {
		expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
		expect(formatIban('be68539007547034')).toBe('BE68 5390 0754 7034');
	});
});

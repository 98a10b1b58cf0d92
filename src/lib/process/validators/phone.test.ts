import { describe, expect, it } from 'vitest';
import { formatPhoneNumber } from './phone';

describe('formatPhoneNumber', () => {
	it('groups mobile numbers as 04xx xx xx xx', () => {
		expect(formatPhoneNumber('0470123456')).toBe('0470 12 34 56');
		expect(formatPhoneNumber('0499887766')).toBe('0499 88 77 66');
	});

	it('groups the one-digit zones (Brussels, Antwerp, Liège, Ghent) as 0x xxx xx xx', () => {
		expect(formatPhoneNumber('021234567')).toBe('02 123 45 67');
		expect(formatPhoneNumber('032345678')).toBe('03 234 56 78');
		expect(formatPhoneNumber('042234567')).toBe('04 223 45 67');
		expect(formatPhoneNumber('091234567')).toBe('09 123 45 67');
	});

	it('groups the two-digit zones as 0xx xx xx xx', () => {
		expect(formatPhoneNumber('011123456')).toBe('011 12 34 56');
		expect(formatPhoneNumber('050441122')).toBe('050 44 11 22');
		expect(formatPhoneNumber('078151515')).toBe('078 15 15 15');
	});

	it('groups free and premium numbers as 0800 xx xxx', () => {
		expect(formatPhoneNumber('080012345')).toBe('0800 12 345');
		expect(formatPhoneNumber('090312345')).toBe('0903 12 345');
	});

	it('writes Belgian numbers dialled internationally as +32 with the same groups', () => {
		expect(formatPhoneNumber('+32470123456')).toBe('+32 470 12 34 56');
		expect(formatPhoneNumber('+3221234567')).toBe('+32 2 123 45 67');
		expect(formatPhoneNumber('+3211123456')).toBe('+32 11 12 34 56');
		expect(formatPhoneNumber('0032470123456')).toBe('+32 470 12 34 56');
	});

	it('gives other numbers back as they are', () => {
		expect(formatPhoneNumber('+31612345678')).toBe('+31612345678');
		expect(formatPhoneNumber('0031612345678')).toBe('0031612345678');
		expect(formatPhoneNumber('04701234567')).toBe('04701234567');
		expect(formatPhoneNumber('12345678')).toBe('12345678');
		expect(formatPhoneNumber('+32123')).toBe('+32123');
	});
});

import { describe, it, expect } from 'vitest';
import {
	createStructuredReference,
	formatStructuredReference,
	isValidStructuredReference,
	parseStructuredReference
} from './structured-reference';

describe('parseStructuredReference', () => {
	it('accepts the canonical form', () => {
		expect(parseStructuredReference('+++010/8068/17183+++')).toEqual({
			ok: true,
			value: { normalized: '010806817183', formatted: '+++010/8068/17183+++' }
		});
	});

	it.each(['***010/8068/17183***', '010/8068/17183', '010806817183', ' +++010 / 8068 / 17183+++ '])(
		'accepts %s',
		(input) => {
			expect(isValidStructuredReference(input)).toBe(true);
		}
	);

	it('reads a remainder of 0 as 97', () => {
		// 0000000097 mod 97 = 0.
		expect(isValidStructuredReference('000000009797')).toBe(true);
		expect(isValidStructuredReference('000000009700')).toBe(false);
	});

	it('rejects a wrong checksum', () => {
		expect(parseStructuredReference('+++010/8068/17184+++')).toEqual({
			ok: false,
			error: 'checksum'
		});
	});

	it('rejects malformed input', () => {
		expect(parseStructuredReference('+++010/8068/1718+++')).toEqual({ ok: false, error: 'format' });
		expect(parseStructuredReference('+++01A/8068/17183+++')).toEqual({
			ok: false,
			error: 'format'
		});
		expect(parseStructuredReference('')).toEqual({ ok: false, error: 'format' });
	});
});

describe('formatStructuredReference', () => {
	it('formats 12 digits', () => {
		expect(formatStructuredReference('010806817183')).toBe('+++010/8068/17183+++');
	});
});

describe('createStructuredReference', () => {
	it('builds the reference from a number, left-padded', () => {
		expect(createStructuredReference(108068171)).toEqual({
			normalized: '010806817183',
			formatted: '+++010/8068/17183+++'
		});
	});

	it('builds the reference from a string', () => {
		expect(createStructuredReference('0108068171').normalized).toBe('010806817183');
		expect(createStructuredReference('1').normalized).toBe('000000000101');
	});

	it('always builds a valid reference', () => {
		for (const base of [0, 1, 96, 97, 98, 9_999_999_999, 1_234_567_890]) {
			expect(isValidStructuredReference(createStructuredReference(base).normalized)).toBe(true);
		}
	});

	it('rejects bases that do not fit', () => {
		expect(() => createStructuredReference(10_000_000_000)).toThrow(RangeError);
		expect(() => createStructuredReference(-1)).toThrow(RangeError);
		expect(() => createStructuredReference(1.5)).toThrow(RangeError);
		expect(() => createStructuredReference('12a')).toThrow(RangeError);
		expect(() => createStructuredReference('')).toThrow(RangeError);
	});
});

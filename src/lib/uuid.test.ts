import { describe, expect, it } from 'vitest';
import { isUuid } from './uuid';
import { match } from '../params/uuid';

describe('isUuid and the uuid route matcher', () => {
	it.each([
		['0b8a4c5e-6d2f-4c1a-9d8e-2f1b3c4d5e6f', true],
		['0B8A4C5E-6D2F-4C1A-9D8E-2F1B3C4D5E6F', true],
		['00000000-0000-0000-0000-000000000000', true],
		['2026-000123', false],
		['klacht', false],
		['0b8a4c5e6d2f4c1a9d8e2f1b3c4d5e6f', false],
		[' 0b8a4c5e-6d2f-4c1a-9d8e-2f1b3c4d5e6f', false],
		['0b8a4c5e-6d2f-4c1a-9d8e-2f1b3c4d5e6g', false]
	])('%s → %s', (value, expected) => {
		expect(isUuid(value)).toBe(expected);
		expect(match(value)).toBe(expected);
	});
});

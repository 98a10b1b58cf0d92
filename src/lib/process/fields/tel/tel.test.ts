import { describe, expect, it } from 'vitest';
import { formatAnswer, readPage, summarizeAnswers } from '../../answers';
import { testMessages } from '../../answers/test-messages';

const words = { yes: 'Ja', no: 'Nee', none: 'Niet ingevuld' };
const telField = {
	type: 'tel',
	key: 'telefoon',
	label: { nl: 'Telefoonnummer' },
	required: false
} as const;

describe('a telephone answer', () => {
	it('is shown grouped the way Belgians write it', () => {
		expect(formatAnswer(telField, '0470123456', 'nl', words)).toBe('0470 12 34 56');
		expect(formatAnswer(telField, '021234567', 'nl', words)).toBe('02 123 45 67');
		expect(formatAnswer(telField, '+32470123456', 'en', words)).toBe('+32 470 12 34 56');
		expect(formatAnswer(telField, '+31612345678', 'nl', words)).toBe('+31612345678');
	});

	it('is stored as digits, however it was typed', () => {
		const def = { pages: [{ id: 'p', title: { nl: 'P' }, fields: [telField] }], leadTimes: [] };
		const opts = { messages: testMessages, locale: 'nl' as const, today: '2026-11-28' };
		const read = (typed: string) => readPage(def, 0, { telefoon: typed }, {}, opts).answers;
		expect(read('0470 12.34/56')).toEqual({ telefoon: '0470123456' });
		expect(read('(02) 123 45 67')).toEqual({ telefoon: '021234567' });
		expect(summarizeAnswers(def, read('0470 12.34/56'), 'nl', words)[0].rows[0].text).toBe(
			'0470 12 34 56'
		);
	});
});

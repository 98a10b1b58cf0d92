// Text answers are read without bidirectional control characters (issue 24, item 12): an override
// typed or pasted into a name would show it reversed on every screen staff use.
import { describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions } from '.';
import { testDefinition as def } from './test-definition';
import { testMessages } from './test-messages';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: '2026-11-28' };

describe('reading text answers', () => {
	it('drops direction overrides, isolates and marks from text and address parts', () => {
		const reading = readPage(
			def,
			0,
			{
				naam: '\u202EAda Peeters\u202C',
				rrn: '85.07.30-033.28',
				eigendom: 'eigen',
				'adres.street': 'Kerk\u2066straat\u2069',
				'adres.number': '12\u200F',
				'adres.box': '',
				'adres.postcode': '9000',
				'adres.municipality': '\u061CGent'
			},
			{},
			opts
		);
		expect(reading.issues).toEqual([]);
		expect(reading.answers.naam).toBe('Ada Peeters');
		expect(reading.answers.adres).toEqual({
			street: 'Kerkstraat',
			number: '12',
			box: '',
			postcode: '9000',
			municipality: 'Gent'
		});
	});
});

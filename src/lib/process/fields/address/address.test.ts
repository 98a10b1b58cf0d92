import { describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions } from '../../answers';
import { testDefinition as def } from '../../answers/test-definition';
import { testMessages } from '../../answers/test-messages';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: '2026-11-28' };
const address = {
	'adres.street': 'Kerkstraat',
	'adres.number': '12',
	'adres.box': '',
	'adres.postcode': '9000',
	'adres.municipality': 'Gent'
};
const addressIssues = (parts: Record<string, string>) =>
	readPage(def, 0, { ...address, ...parts }, {}, opts).issues.filter((i) =>
		i.name.startsWith('adres.')
	);

describe('address parts that are too long', () => {
	it('says so at the part, with that part’s own limit', () => {
		expect(addressIssues({ 'adres.number': '12345678901' })).toEqual([
			{ name: 'adres.number', message: 'addressPartTooLong(label=Adres, part=number, count=10)' }
		]);
		expect(addressIssues({ 'adres.box': 'b'.repeat(11) })).toEqual([
			{ name: 'adres.box', message: 'addressPartTooLong(label=Adres, part=box, count=10)' }
		]);
		expect(addressIssues({ 'adres.municipality': 'G'.repeat(101) })).toEqual([
			{
				name: 'adres.municipality',
				message: 'addressPartTooLong(label=Adres, part=municipality, count=100)'
			}
		]);
		expect(addressIssues({ 'adres.street': 's'.repeat(201) })).toEqual([
			{ name: 'adres.street', message: 'addressPartTooLong(label=Adres, part=street, count=200)' }
		]);
	});

	it('names each part over its limit, and nothing else about a postcode that is too long', () => {
		expect(addressIssues({ 'adres.number': '1'.repeat(11), 'adres.postcode': 'B-90000' })).toEqual([
			{ name: 'adres.number', message: 'addressPartTooLong(label=Adres, part=number, count=10)' },
			{ name: 'adres.postcode', message: 'addressPartTooLong(label=Adres, part=postcode, count=6)' }
		]);
	});

	it('accepts each part at its limit', () => {
		expect(
			addressIssues({
				'adres.street': 's'.repeat(200),
				'adres.number': '1'.repeat(10),
				'adres.box': 'b'.repeat(10),
				'adres.postcode': 'B-9000',
				'adres.municipality': 'G'.repeat(100)
			})
		).toEqual([]);
	});
});

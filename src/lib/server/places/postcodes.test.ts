import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPage } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import {
	getPostcodeDirectory,
	installPostcodeList,
	parsePostcodeList,
	toDirectory
} from './postcodes';

const list =
	'Postcode;Plaatsnaam\n9000;Gent\n1000;Brussel\n1000;Bruxelles\n8000;Brugge\n8310;Sint-Kruis\n8310;Assebroek\n';

describe('the postcode list', () => {
	it('reads postcodes with every place name, skipping headers', () => {
		const places = parsePostcodeList(list);
		expect(places.get('1000')).toEqual(['Brussel', 'Bruxelles']);
		expect(places.get('8310')).toEqual(['Sint-Kruis', 'Assebroek']);
		expect(places.has('Post')).toBe(false);
		expect(places.size).toBe(4);
	});

	it('is optional: without a file nothing is checked', () => {
		expect(installPostcodeList(join(tmpdir(), 'bestaat-niet.csv'))).toBe(0);
		expect(getPostcodeDirectory()).toBeUndefined();
		const file = join(mkdtempSync(join(tmpdir(), 'loket-pc-')), 'postcodes.csv');
		writeFileSync(file, list);
		expect(installPostcodeList(file)).toBe(4);
		expect(getPostcodeDirectory()?.namesOf('9000')).toEqual(['Gent']);
	});

	it('makes postcode and municipality agree in an address, in any language and spelling', () => {
		const opts = {
			messages: testMessages,
			locale: 'nl' as const,
			today: '2026-11-28',
			places: toDirectory(parsePostcodeList(list))
		};
		const address = (postcode: string, municipality: string) =>
			readPage(
				testDefinition,
				0,
				{
					naam: 'Ada',
					rrn: '85073003328',
					eigendom: 'eigen',
					'adres.street': 'Markt',
					'adres.number': '1',
					'adres.postcode': postcode,
					'adres.municipality': municipality
				},
				{},
				opts
			).issues;
		expect(address('1000', 'bruxelles')).toEqual([]);
		expect(address('8310', 'sint kruis')).toEqual([]);
		expect(address('9000', 'Brugge')).toEqual([
			{
				name: 'adres.municipality',
				message: 'addressMismatch(label=Adres, postcode=9000, names=Gent)'
			}
		]);
		expect(address('9999', 'Gent')).toEqual([
			{ name: 'adres.postcode', message: 'postcodeUnknown(label=Adres, postcode=9999)' }
		]);
	});
});

import { describe, expect, it } from 'vitest';
import {
	findLeadTimes,
	listPageFields,
	listPageValues,
	listVisiblePages,
	parseLocalNumber,
	pruneAnswers,
	readPage,
	validateSubmission,
	type AnswerOptions
} from '.';
import { testDefinition as def } from './test-definition';
import { testMessages } from './test-messages';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: '2026-11-28' };

const firstPage = {
	naam: ' Ada Peeters ',
	rrn: '85.07.30-033.28',
	rekening: 'be68 5390 0754 7034',
	eigendom: 'eigen',
	'adres.street': 'Kerkstraat',
	'adres.number': '12',
	'adres.box': '',
	'adres.postcode': '9000',
	'adres.municipality': 'Gent'
};

describe('reading a page', () => {
	it('normalises identifiers and trims text', () => {
		const reading = readPage(def, 0, firstPage, {}, opts);
		expect(reading.issues).toEqual([]);
		expect(reading.answers).toEqual({
			naam: 'Ada Peeters',
			rrn: '85073003328',
			rekening: 'BE68539007547034',
			eigendom: 'eigen',
			adres: { street: 'Kerkstraat', number: '12', box: '', postcode: '9000', municipality: 'Gent' }
		});
		expect(reading.hidden).toEqual(['contract']);
	});

	it('names the rule each bad answer breaks', () => {
		const reading = readPage(
			def,
			0,
			{
				...firstPage,
				naam: '  ',
				rrn: '12345678901',
				rekening: 'BE41 0918 1173 5141',
				'adres.postcode': '99',
				'adres.street': ''
			},
			{},
			opts
		);
		expect(reading.issues).toEqual([
			{ name: 'naam', message: 'required(label=Naam)' },
			{ name: 'rrn', message: 'nationalNumber(label=Rijksregisternummer, reason=checksum)' },
			{ name: 'rekening', message: 'iban(label=Rekeningnummer)' },
			{ name: 'adres.street', message: 'addressPart(label=Adres, part=street)' },
			{ name: 'adres.postcode', message: 'postcode(label=Adres)' }
		]);
	});

	it('asks for a conditional field only when its condition holds', () => {
		const lease = readPage(def, 0, { ...firstPage, eigendom: 'lease' }, {}, opts);
		expect(lease.issues).toEqual([{ name: 'contract', message: 'required(label=Contract)' }]);
		const file = new File(['%PDF-1.7'], 'contract.pdf', { type: 'application/pdf' });
		const withFile = readPage(
			def,
			0,
			{ ...firstPage, eigendom: 'lease', contract: [file] },
			{},
			opts
		);
		expect(withFile.issues).toEqual([]);
		expect(withFile.uploads).toEqual({ contract: [file] });
	});

	it('limits the number, size and type of files', () => {
		const pdf = (name: string) => new File(['%PDF'], name, { type: 'application/pdf' });
		const stored = [{ id: 'f1', name: 'oud.pdf', size: 10, type: 'application/pdf' }];
		const tooMany = readPage(
			def,
			0,
			{
				...firstPage,
				eigendom: 'lease',
				contract: [pdf('a.pdf'), pdf('b.pdf')],
				'contract.keep': ['f1']
			},
			{ contract: stored },
			opts
		);
		expect(tooMany.issues).toEqual([
			{ name: 'contract', message: 'fileCount(label=Contract, max=2)' }
		]);
		const exe = new File(['MZ'], 'virus.exe', { type: 'application/x-msdownload' });
		expect(
			readPage(def, 0, { ...firstPage, eigendom: 'lease', contract: [exe] }, {}, opts).issues
		).toEqual([
			{
				name: 'contract',
				message: 'fileType(label=Contract, name=virus.exe, accepted=PDF, JPG, PNG)'
			}
		]);
		// A kept file is an answer by itself.
		const kept = readPage(
			def,
			0,
			{ ...firstPage, eigendom: 'lease', 'contract.keep': ['f1'] },
			{ contract: stored },
			opts
		);
		expect(kept.issues).toEqual([]);
		expect(kept.answers.contract).toEqual(stored);
	});

	it('does not render fields hidden by an earlier page, and checks dates, numbers and lead times', () => {
		expect(listPageFields(def, 1, { eigendom: 'eigen' }).map((f) => f.key)).toEqual([
			'datum',
			'bezoekers',
			'materiaal',
			'tafels'
		]);
		const page = (values: Record<string, unknown>) =>
			readPage(def, 1, values, { eigendom: 'eigen' }, opts);
		expect(page({ datum: '2026-12-01', bezoekers: '1.250', materiaal: ['tafels'] }).issues).toEqual(
			[
				{ name: 'tafels', message: 'required(label=Aantal tafels)' },
				{ name: 'datum', message: 'Minstens 6 weken vooraf' }
			]
		);
		expect(page({ datum: '2026-11-27', bezoekers: '2,5', materiaal: ['zetels'] }).issues).toEqual([
			{ name: 'datum', message: 'dateNotBefore(label=Datum, date=2026-11-28)' },
			{ name: 'bezoekers', message: 'integer(label=Bezoekers)' },
			{ name: 'materiaal', message: 'chooseOne(label=Materiaal)' }
		]);
		const ok = page({ datum: '2027-02-01', bezoekers: '3.500', materiaal: ['stoelen'] });
		expect(ok.issues).toEqual([]);
		expect(ok.answers).toEqual({ datum: '2027-02-01', bezoekers: 3500, materiaal: ['stoelen'] });
		expect(findLeadTimes(def, { ...ok.answers }, opts)).toEqual([
			{ field: 'datum', severity: 'warning', message: 'Grote evenementen: 14 weken' }
		]);
	});
});

describe('a whole submission', () => {
	const answers = {
		naam: 'Ada',
		rrn: '85073003328',
		eigendom: 'eigen',
		adres: { street: 'Kerkstraat', number: '12', box: '', postcode: '9000', municipality: 'Gent' },
		datum: '2027-02-01',
		bezoekers: 20
	};

	it('passes when every visible page is complete', () => {
		expect(validateSubmission(def, answers, opts)).toEqual([]);
		expect(listVisiblePages(def, answers)).toEqual([0, 1]);
	});

	it('rejects an answer to a hidden field and a missing answer on a page that now applies', () => {
		expect(
			validateSubmission(def, { ...answers, leasemaatschappij: 'X', bezoekers: 5000 }, opts)
		).toEqual([
			{ page: -1, name: 'leasemaatschappij', message: 'unexpected answer "leasemaatschappij"' },
			{ page: 2, name: 'veiligheid', message: 'mustConsent(label=Ik maak een veiligheidsplan)' }
		]);
	});

	it('drops answers of fields and pages that no longer apply', () => {
		expect(
			pruneAnswers(def, { ...answers, leasemaatschappij: 'X', veiligheid: true, onbekend: 1 })
		).toEqual(answers);
	});
});

describe('showing saved answers again', () => {
	it('writes identifiers the way people write them, and they read back the same', () => {
		const values = listPageValues(def, 0, { rrn: '85073003328', rekening: 'BE68539007547034' });
		expect(values).toMatchObject({ rrn: '85.07.30-033.28', rekening: 'BE68 5390 0754 7034' });
		const reading = readPage(def, 0, { ...firstPage, ...values, eigendom: 'eigen' }, {}, opts);
		expect(reading.answers).toMatchObject({ rrn: '85073003328', rekening: 'BE68539007547034' });
	});
});

describe('numbers as Belgians type them', () => {
	it.each([
		['2,5', 2.5],
		['1.250', 1250],
		['1 250,75', 1250.75],
		['2.5', 2.5],
		['-3', -3],
		['twee', null],
		['1,2,3', null]
	])('%s → %s', (input, expected) => {
		expect(parseLocalNumber(input)).toBe(expected);
	});
});

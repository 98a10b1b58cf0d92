import { describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions } from './answers';
import { testDefinition } from './answers/test-definition';
import { testMessages } from './answers/test-messages';
import { processDefinition } from './definition';
import { changedLocked, lockedAnswers, shownLocked, withLocked } from './identity';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: '2026-12-07' };
const partner = processDefinition.parse({
	...testDefinition,
	pages: [
		{
			id: 'partner-1',
			title: { nl: 'U' },
			fields: [
				{ type: 'text', key: 'voornaam', label: { nl: 'Voornaam' }, autocomplete: 'given-name' },
				{ type: 'text', key: 'naam', label: { nl: 'Familienaam' }, autocomplete: 'family-name' },
				{ type: 'date', key: 'geboren', label: { nl: 'Geboortedatum' }, autocomplete: 'bday' },
				{ type: 'nationalNumber', key: 'rrnKind', label: { nl: 'Rijksregisternummer kind' } },
				{ type: 'nationalNumber', key: 'rrn', label: { nl: 'Uw nummer' }, applicant: true },
				{ type: 'yesNo', key: 'ander', label: { nl: 'Voor iemand anders?' } },
				{
					type: 'text',
					key: 'anderNaam',
					label: { nl: 'Naam' },
					autocomplete: 'name',
					showIf: { field: 'ander', equals: true }
				}
			]
		},
		{
			id: 'partner-2',
			title: { nl: 'Partner' },
			fields: [{ type: 'text', key: 'p2', label: { nl: 'Voornaam' }, autocomplete: 'given-name' }]
		}
	],
	leadTimes: []
});
const eid = {
	givenName: ' An ',
	familyName: 'Van  den Broeck',
	birthDate: '1990-05-17',
	nationalNumber: '85073003328'
};

const shop = processDefinition.parse({
	...testDefinition,
	pages: [
		{
			id: 'onderneming',
			title: { nl: 'Onderneming' },
			fields: [
				{ type: 'text', key: 'firma', label: { nl: 'Naam' }, autocomplete: 'organization' },
				{ type: 'enterpriseNumber', key: 'kbo', label: { nl: 'KBO' }, enterprise: true },
				{ type: 'enterpriseNumber', key: 'leverancier', label: { nl: 'KBO leverancier' } },
				{ type: 'text', key: 'voornaam', label: { nl: 'Voornaam' }, autocomplete: 'given-name' }
			]
		}
	],
	leadTimes: []
});

describe('acting for an enterprise', () => {
	const carla = {
		givenName: 'Carla',
		familyName: 'Peeters',
		enterprise: { number: '0123456749', name: 'Bakkerij Peeters BV', role: 'zaakvoerder' }
	};

	it("locks the enterprise's name and the number field marked enterprise, shown as typed", () => {
		const locked = lockedAnswers(shop, carla);
		expect(locked).toEqual({
			firma: 'Bakkerij Peeters BV',
			kbo: '0123456749',
			voornaam: 'Carla'
		});
		expect(shownLocked(shop, locked)).toMatchObject({ kbo: '0123.456.749' });
	});

	it('locks no enterprise field for a person signed in for themselves', () => {
		expect(lockedAnswers(shop, { givenName: 'Carla', familyName: 'Peeters' })).toEqual({
			voornaam: 'Carla'
		});
	});

	it('refuses a post that changes the enterprise number, and files the provider’s', () => {
		const locked = lockedAnswers(shop, carla);
		const reading = readPage(
			shop,
			0,
			{ firma: 'Bakkerij Peeters BV', kbo: '0202.239.951', leverancier: '', voornaam: 'Carla' },
			{},
			opts
		);
		expect(changedLocked(shop, 0, reading, locked, opts).map((i) => i.name)).toEqual(['kbo']);
		expect(withLocked({ kbo: '0202239951' }, locked)).toMatchObject({ kbo: '0123456749' });
	});
});

describe('what an identity provider vouched for', () => {
	it("locks the first always-asked field of each purpose: the applicant's own", () => {
		// A national number field is the applicant's only when the definition says so.
		expect(lockedAnswers(partner, eid)).toEqual({
			voornaam: 'An',
			naam: 'Van den Broeck',
			geboren: '1990-05-17',
			rrn: '85073003328'
		});
		expect(shownLocked(partner, lockedAnswers(partner, eid))).toMatchObject({
			rrn: '85.07.30-033.28',
			geboren: '1990-05-17'
		});
		// A full-name field is the applicant's when it is asked always.
		expect(lockedAnswers(testDefinition, eid)).toEqual({ naam: 'An Van den Broeck' });
		expect(lockedAnswers(partner, { givenName: 'An', familyName: 'Peeters' })).toEqual({
			voornaam: 'An',
			naam: 'Peeters'
		});
		expect(lockedAnswers(partner, null)).toEqual({});
	});

	it('refuses a page post that changes a locked field, and accepts it unchanged', () => {
		const locked = lockedAnswers(partner, eid);
		const post = (voornaam: string) =>
			readPage(
				partner,
				0,
				{
					voornaam,
					naam: 'Van den Broeck',
					geboren: '1990-05-17',
					rrn: '85.07.30-033.28',
					ander: 'no'
				},
				{},
				opts
			);
		expect(changedLocked(partner, 0, post('Anna'), locked, opts)).toEqual([
			{ name: 'voornaam', message: 'identityLocked(label=Voornaam)' }
		]);
		expect(changedLocked(partner, 0, post('An'), locked, opts)).toEqual([]);
		// Another page's fields are not this page's business.
		expect(
			changedLocked(partner, 1, readPage(partner, 1, { p2: 'Bo' }, {}, opts), locked, opts)
		).toEqual([]);
	});

	it('files the vouched-for values over what a draft held', () => {
		expect(withLocked({ voornaam: 'Anneke', ander: false }, lockedAnswers(partner, eid))).toEqual({
			voornaam: 'An',
			naam: 'Van den Broeck',
			geboren: '1990-05-17',
			rrn: '85073003328',
			ander: false
		});
	});
});

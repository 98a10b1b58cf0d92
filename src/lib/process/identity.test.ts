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

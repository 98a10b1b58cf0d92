import { describe, expect, it } from 'vitest';
import { prefillApplicant } from './applicant';
import { processDefinition } from './definition';
import { testDefinition } from './answers/test-definition';

const contact = processDefinition.parse({
	...testDefinition,
	pages: [
		{
			id: 'gegevens',
			title: { nl: 'Gegevens' },
			fields: [
				{ type: 'text', key: 'voornaam', label: { nl: 'Voornaam' }, autocomplete: 'given-name' },
				{
					type: 'text',
					key: 'achternaam',
					label: { nl: 'Achternaam' },
					autocomplete: 'family-name'
				},
				{ type: 'email', key: 'email', label: { nl: 'E-mail' }, autocomplete: 'email' },
				{ type: 'tel', key: 'telefoon', label: { nl: 'Telefoon' }, autocomplete: 'tel' },
				{ type: 'text', key: 'partnerNaam', label: { nl: 'Naam partner' }, autocomplete: 'off' },
				{
					type: 'email',
					key: 'partnerEmail',
					label: { nl: 'E-mail partner' },
					autocomplete: 'off'
				},
				{ type: 'email', key: 'tweedeEmail', label: { nl: 'Tweede e-mail' }, autocomplete: 'email' }
			]
		}
	],
	leadTimes: []
});

describe('prefillApplicant', () => {
	it("fills the applicant's own fields from the account, split at the first space", () => {
		expect(
			prefillApplicant(contact, { name: ' An  Van den Broeck ', email: 'an@example.be' })
		).toEqual({ voornaam: 'An', achternaam: 'Van den Broeck', email: 'an@example.be' });
	});

	it('fills a full-name field whole, and leaves out what the account does not have', () => {
		expect(prefillApplicant(testDefinition, { name: 'Ada Peeters', email: '' })).toEqual({
			naam: 'Ada Peeters'
		});
		expect(prefillApplicant(contact, { name: 'Ada', email: 'ada@example.be' })).toEqual({
			voornaam: 'Ada',
			email: 'ada@example.be'
		});
	});
});

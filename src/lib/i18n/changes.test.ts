import { describe, expect, it } from 'vitest';
import { describeChange, describeEventType, describeTexts, groupChanges } from './changes';

describe('describeChange', () => {
	it('says what was added, removed and moved, in Dutch and English', () => {
		const added = {
			action: 'added',
			subject: 'field',
			id: 'kenteken',
			page: 'voertuig'
		} as const;
		expect(describeChange(added, 'nl')).toBe('Veld ‘kenteken’ toegevoegd op pagina ‘voertuig’.');
		expect(describeChange(added, 'en')).toBe('Field ‘kenteken’ added on page ‘voertuig’.');
		expect(describeChange({ action: 'removed', subject: 'state', id: 'klaar' }, 'nl')).toBe(
			'Status ‘klaar’ verwijderd.'
		);
		expect(
			describeChange(
				{
					action: 'moved',
					subject: 'field',
					id: 'email',
					property: 'page',
					before: 'aanvrager',
					after: 'contact',
					page: 'contact'
				},
				'nl'
			)
		).toBe('Veld ‘email’ verplaatst van pagina ‘aanvrager’ naar pagina ‘contact’.');
		expect(
			describeChange(
				{
					action: 'moved',
					subject: 'field',
					id: 'naam',
					property: 'position',
					before: 1,
					after: 3,
					page: 'aanvrager'
				},
				'en'
			)
		).toBe('Field ‘naam’ moved on page ‘aanvrager’: from place 1 to 3.');
	});

	it('shows short values before and after, roles by their names', () => {
		expect(
			describeChange(
				{
					action: 'changed',
					subject: 'transition',
					id: 'goedkeuren',
					property: 'roles',
					before: ['staff'],
					after: ['staff', 'admin']
				},
				'nl'
			)
		).toBe('Rollen van overgang ‘goedkeuren’ gewijzigd: medewerker → medewerker, beheerder.');
		expect(
			describeChange(
				{
					action: 'changed',
					subject: 'process',
					id: 'title',
					before: { nl: 'Klacht', en: 'Complaint' },
					after: { nl: 'Klacht of melding' }
				},
				'en'
			)
		).toBe('Title of the process changed: ‘Klacht’ → ‘Klacht of melding’.');
		expect(
			describeChange(
				{
					action: 'changed',
					subject: 'field',
					id: 'naam',
					property: 'required',
					before: false,
					after: true,
					page: 'aanvrager'
				},
				'nl'
			)
		).toBe('Verplicht van veld ‘naam’ gewijzigd: nee → ja.');
	});

	it('names large values without showing them', () => {
		expect(
			describeChange(
				{
					action: 'changed',
					subject: 'state',
					id: 'in_behandeling',
					property: 'label',
					before: { nl: 'x'.repeat(200) },
					after: { nl: 'y' }
				},
				'nl'
			)
		).toBe('Label van status ‘in_behandeling’ gewijzigd.');
		expect(
			describeChange(
				{
					action: 'changed',
					subject: 'field',
					id: 'datum',
					property: 'showIf',
					after: { field: 'soort', equals: 'groot' },
					page: 'evenement'
				},
				'nl'
			)
		).toBe('Voorwaarde om te tonen van veld ‘datum’ gewijzigd.');
	});

	it('says which options came and went', () => {
		const option = (value: string) => ({ value, label: { nl: value } });
		expect(
			describeChange(
				{
					action: 'changed',
					subject: 'field',
					id: 'soort',
					property: 'options',
					before: [option('klein'), option('middel')],
					after: [option('middel'), option('groot')],
					page: 'p'
				},
				'nl'
			)
		).toBe('Keuzes van veld ‘soort’ gewijzigd: ‘groot’ toegevoegd, ‘klein’ verwijderd.');
	});

	it('describes a new initial state', () => {
		expect(
			describeChange(
				{
					action: 'changed',
					subject: 'workflow',
					id: 'initial',
					property: 'initial',
					before: 'nieuw',
					after: 'ontvangen'
				},
				'nl'
			)
		).toBe('Beginstatus gewijzigd: ‘nieuw’ → ‘ontvangen’.');
	});
});

describe('groupChanges', () => {
	it('groups sentences by subject in a fixed order and leaves out empty groups', () => {
		const groups = groupChanges(
			[
				{ action: 'added', subject: 'transition', id: 't' },
				{ action: 'added', subject: 'page', id: 'p' },
				{ action: 'removed', subject: 'state', id: 's' }
			],
			'nl'
		);
		expect(groups.map((g) => g.title)).toEqual(["Pagina's", 'Statussen', 'Overgangen']);
		expect(groups[0].sentences).toEqual(['Pagina ‘p’ toegevoegd.']);
	});
});

describe('describeEventType', () => {
	it('names the events of the change log', () => {
		expect(describeEventType('draft-saved', 'nl')).toBe('Ontwerp bewaard');
		expect(describeEventType('published', 'en')).toBe('Published');
		expect(describeEventType('iets-nieuws', 'nl')).toBe('iets-nieuws');
	});
});

describe('names and texts', () => {
	it('names fields, pages and states by their label, with the key after it', () => {
		const added = {
			action: 'added',
			subject: 'field',
			id: 'telefoon',
			page: 'gegevens',
			name: { nl: 'Telefoon', en: 'Phone' },
			pageName: { nl: 'Uw gegevens', en: 'Your details' }
		} as const;
		expect(describeChange(added, 'nl')).toBe(
			'Veld ‘Telefoon’ (telefoon) toegevoegd op pagina ‘Uw gegevens’ (gegevens).'
		);
		expect(describeChange(added, 'en')).toBe(
			'Field ‘Phone’ (telefoon) added on page ‘Your details’ (gegevens).'
		);
	});

	it('gives the old and the new text of a hint too long to quote, or changed in English only', () => {
		const long = 'Schrijf uw nummer zoals het op uw identiteitskaart staat, met of zonder punten.';
		const hint = {
			action: 'changed',
			subject: 'field',
			id: 'telefoon',
			property: 'hint',
			before: { nl: long },
			after: { nl: `${long} Een gsm-nummer mag ook.` },
			name: { nl: 'Telefoon' }
		} as const;
		expect(describeChange(hint, 'nl')).toBe('Hint van veld ‘Telefoon’ (telefoon) gewijzigd.');
		expect(describeTexts(hint, 'nl')).toEqual({
			before: long,
			after: `${long} Een gsm-nummer mag ook.`
		});
		const english = {
			...hint,
			before: { nl: 'Kort', en: 'Short' },
			after: { nl: 'Kort', en: 'Brief' }
		};
		expect(describeTexts(english, 'nl')).toEqual({ before: 'Kort / Short', after: 'Kort / Brief' });
		const french = {
			...hint,
			before: { nl: 'Kort', en: 'Short' },
			after: { nl: 'Kort', en: 'Short', fr: 'Court' }
		};
		expect(describeTexts(french, 'nl')).toEqual({
			before: 'Kort / Short',
			after: 'Kort / Short / FR: Court'
		});
		expect(
			describeTexts(
				{ ...hint, before: { nl: 'Kort', fr: 'Bref' }, after: { nl: 'Kort', fr: 'Court' } },
				'en'
			)
		).toEqual({ before: 'Kort / FR: Bref', after: 'Kort / FR: Court' });
		const short = { ...hint, before: { nl: 'Kort' }, after: { nl: 'Korter' } };
		expect(describeTexts(short, 'nl')).toBeNull();
	});
});

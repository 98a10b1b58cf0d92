import { describe, expect, it } from 'vitest';
import { summarizeAnswers } from './answers';
import { testDefinition } from './answers/test-definition';
import { keepLocale, lacksLocale, localize, localizeMarked } from './text';

const words = { yes: 'Yes', no: 'No', none: '—' };

describe('a definition text in the page language, or Dutch marked', () => {
	const full = { nl: 'Naam', en: 'Name', fr: 'Nom' };
	const dutchOnly = { nl: 'Rijksregisternummer' };

	it('shows the French or English text unmarked when the definition has it', () => {
		expect(localizeMarked(full, 'fr')).toEqual({ text: 'Nom', lang: undefined });
		expect(localizeMarked(full, 'en')).toEqual({ text: 'Name', lang: undefined });
		expect(localizeMarked(full, 'nl')).toEqual({ text: 'Naam', lang: undefined });
	});

	it('falls back to Dutch, marked lang="nl", where a clerk left the French empty', () => {
		expect(localizeMarked(dutchOnly, 'fr')).toEqual({ text: 'Rijksregisternummer', lang: 'nl' });
		expect(localizeMarked({ nl: 'Naam', en: 'Name' }, 'fr')).toEqual({ text: 'Naam', lang: 'nl' });
		// English keeps its fallback, marked the same way; a Dutch page marks nothing.
		expect(localizeMarked(dutchOnly, 'en')).toEqual({ text: 'Rijksregisternummer', lang: 'nl' });
		expect(localizeMarked(dutchOnly, 'nl').lang).toBeUndefined();
		expect(localize(dutchOnly, 'fr')).toBe('Rijksregisternummer');
	});

	it("marks a text in another language than the page's with its own (the builder's preview)", () => {
		// The French form previewed on a Dutch back-office page.
		expect(localizeMarked(full, 'fr', 'nl')).toEqual({ text: 'Nom', lang: 'fr' });
		expect(localizeMarked(dutchOnly, 'fr', 'nl')).toEqual({
			text: 'Rijksregisternummer',
			lang: undefined
		});
		// The Dutch form previewed on an English page.
		expect(localizeMarked(full, 'nl', 'en')).toEqual({ text: 'Naam', lang: 'nl' });
		expect(localizeMarked(full, 'en', 'en')).toEqual({ text: 'Name', lang: undefined });
	});

	it('finds whether anything on a page lacks the language, however deep', () => {
		const page = { title: full, fields: [{ label: full, options: [{ label: dutchOnly }] }] };
		expect(lacksLocale(page, 'fr')).toBe(true);
		expect(lacksLocale(page, 'nl')).toBe(false);
		expect(lacksLocale({ title: full, fields: [{ label: full, hint: full }] }, 'fr')).toBe(false);
		expect(lacksLocale([null, 'x', 3, { label: { nl: 'a', fr: 'b' } }], 'fr')).toBe(false);
	});

	it('marks the check page’s titles and labels that are Dutch on a page in another language', () => {
		const sections = summarizeAnswers(testDefinition, { naam: 'An' }, 'en', words);
		const first = sections[0];
		expect(first.titleLang).toBe('nl');
		expect(first.rows.find((r) => r.key === 'naam')).toMatchObject({
			label: 'Naam',
			labelLang: 'nl'
		});
		const dutch = summarizeAnswers(testDefinition, { naam: 'An' }, 'nl', words)[0];
		expect(dutch.titleLang).toBeUndefined();
		expect(dutch.rows.every((r) => r.labelLang === undefined)).toBe(true);
	});
});

describe('keepLocale', () => {
	const definition = {
		id: 'melding',
		title: { nl: 'Melding', en: 'Report', fr: 'Signalement' },
		pages: [
			{
				fields: [
					{
						key: 'nl',
						label: { nl: 'Soort', en: 'Kind' },
						options: [{ value: 'a', label: { nl: 'Lamp', fr: 'Lampe' } }],
						max: 3
					}
				]
			}
		],
		at: new Date(0),
		keywords: ['lamp', 'straat']
	};

	it('keeps the page language and Dutch, so the same text and the same fallback are shown', () => {
		const fr = keepLocale(definition, 'fr');
		expect(fr.title).toEqual({ nl: 'Melding', fr: 'Signalement' });
		const field = fr.pages[0].fields[0];
		expect(field.label).toEqual({ nl: 'Soort' });
		expect(localizeMarked(field.label, 'fr')).toEqual(
			localizeMarked({ nl: 'Soort', en: 'Kind' }, 'fr')
		);
		expect(field.options[0].label).toEqual({ nl: 'Lamp', fr: 'Lampe' });
		expect(lacksLocale(fr, 'fr')).toBe(lacksLocale(definition, 'fr'));
		expect(keepLocale(definition, 'nl').title).toEqual({ nl: 'Melding' });
		expect(keepLocale(definition, 'en').pages[0].fields[0].options[0].label).toEqual({
			nl: 'Lamp'
		});
	});

	it('leaves everything else as it was and does not change the original', () => {
		const en = keepLocale(definition, 'en');
		expect(en.id).toBe('melding');
		expect(en.keywords).toEqual(['lamp', 'straat']);
		expect(en.pages[0].fields[0].key).toBe('nl');
		expect(en.pages[0].fields[0].max).toBe(3);
		expect(en.at).toBe(definition.at);
		expect(definition.title).toEqual({ nl: 'Melding', en: 'Report', fr: 'Signalement' });
		// An object with other keys besides the languages is not a text.
		const mixed = { nl: 'x', note: 'y' };
		expect(keepLocale(mixed, 'en')).toEqual(mixed);
		// The same original gives the same copy (cached definitions are copied once per language).
		expect(keepLocale(definition, 'en')).toBe(en);
	});
});

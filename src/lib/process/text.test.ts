import { describe, expect, it } from 'vitest';
import { summarizeAnswers } from './answers';
import { testDefinition } from './answers/test-definition';
import { lacksLocale, localize, localizeMarked } from './text';

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

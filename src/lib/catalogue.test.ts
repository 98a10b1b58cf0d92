import { describe, expect, it } from 'vitest';
import {
	emptyFilter,
	filterCatalogue,
	normalizeText,
	parseCatalogueFilter,
	toQueryString,
	type CatalogueItem
} from './catalogue';

const item = (id: string, fields: Partial<CatalogueItem>): CatalogueItem & { id: string } => ({
	id,
	title: { nl: id },
	summary: { nl: '' },
	keywords: [],
	category: 'BurgerOverheid',
	audience: ['burger'],
	...fields
});

const entries = [
	item('afvalcontainer', {
		title: { nl: 'Afvalcontainer aanvragen', en: 'Request a waste container' },
		summary: { nl: 'Een container voor restafval of gft.', en: 'A bin for residual waste.' },
		keywords: ['diftar', 'wheelie bin'],
		category: 'MilieuEnergie'
	}),
	item('terras', {
		title: { nl: 'Terrasvergunning aanvragen', en: 'Apply for a terrace permit' },
		summary: { nl: 'Een terras op het voetpad.', en: 'A terrace on the pavement.' },
		keywords: ['café', 'horeca'],
		category: 'EconomieWerk',
		audience: ['onderneming']
	}),
	item('samenwoning', {
		title: { nl: 'Wettelijke samenwoning: verklaring of beëindiging' },
		summary: { nl: 'Samenwonen bij de burgerlijke stand.' },
		keywords: ['samenlevingscontract']
	}),
	item('evenement', {
		title: { nl: 'Evenement aanvragen', en: 'Apply for an event permit' },
		category: 'CultuurSportVrijeTijd',
		audience: ['burger', 'vereniging', 'onderneming']
	})
];

const ids = (found: { id: string }[]) => found.map((e) => e.id);

describe('filterCatalogue', () => {
	it('returns everything for an empty filter, in the given order', () => {
		expect(ids(filterCatalogue(entries, emptyFilter, 'nl'))).toEqual([
			'afvalcontainer',
			'terras',
			'samenwoning',
			'evenement'
		]);
	});

	it('matches title, summary and keywords, ignoring case, accents and extra spaces', () => {
		const search = (q: string) => ids(filterCatalogue(entries, { ...emptyFilter, q }, 'nl'));
		expect(search('CONTAINER')).toEqual(['afvalcontainer']);
		expect(search('gft')).toEqual(['afvalcontainer']);
		expect(search('diftar')).toEqual(['afvalcontainer']);
		expect(search('cafe')).toEqual(['terras']);
		expect(search('Beeindiging')).toEqual(['samenwoning']);
		expect(search('beëindiging')).toEqual(['samenwoning']);
		expect(search('  aanvragen  ')).toEqual(['afvalcontainer', 'terras', 'evenement']);
	});

	it('needs every word of the query to match somewhere', () => {
		const search = (q: string) => ids(filterCatalogue(entries, { ...emptyFilter, q }, 'nl'));
		expect(search('terras voetpad')).toEqual(['terras']);
		expect(search('terras container')).toEqual([]);
	});

	it('searches the English text in English and the Dutch text in both languages', () => {
		const search = (q: string, locale: 'nl' | 'en') =>
			ids(filterCatalogue(entries, { ...emptyFilter, q }, locale));
		expect(search('pavement', 'en')).toEqual(['terras']);
		expect(search('pavement', 'nl')).toEqual([]);
		expect(search('voetpad', 'en')).toEqual(['terras']);
		// Without an English title the Dutch one is what an English reader sees, so it matches.
		expect(search('samenwoning', 'en')).toEqual(['samenwoning']);
	});

	it('filters on audience and theme, together with the text', () => {
		expect(
			ids(filterCatalogue(entries, { ...emptyFilter, audience: 'onderneming' }, 'nl'))
		).toEqual(['terras', 'evenement']);
		expect(ids(filterCatalogue(entries, { ...emptyFilter, audience: 'burger' }, 'nl'))).toEqual([
			'afvalcontainer',
			'samenwoning',
			'evenement'
		]);
		expect(
			ids(filterCatalogue(entries, { ...emptyFilter, category: 'MilieuEnergie' }, 'nl'))
		).toEqual(['afvalcontainer']);
		expect(
			ids(
				filterCatalogue(
					entries,
					{ q: 'aanvragen', audience: 'onderneming', category: 'EconomieWerk' },
					'nl'
				)
			)
		).toEqual(['terras']);
	});
});

describe('parseCatalogueFilter and toQueryString', () => {
	it('reads q, voor and thema, and ignores values it does not know', () => {
		expect(
			parseCatalogueFilter(new URLSearchParams('q=Container&voor=onderneming&thema=EconomieWerk'))
		).toEqual({ q: 'Container', audience: 'onderneming', category: 'EconomieWerk' });
		expect(parseCatalogueFilter(new URLSearchParams('voor=iedereen&thema=&q='))).toEqual(
			emptyFilter
		);
		expect(parseCatalogueFilter(new URLSearchParams(''))).toEqual(emptyFilter);
	});

	it('writes only the parameters that are set, and round-trips', () => {
		expect(toQueryString(emptyFilter)).toBe('');
		expect(toQueryString({ ...emptyFilter, q: '  ' })).toBe('');
		const filter = { q: 'nieuw adres', audience: 'burger', category: 'BurgerOverheid' } as const;
		expect(toQueryString(filter)).toBe('?q=nieuw+adres&voor=burger&thema=BurgerOverheid');
		expect(parseCatalogueFilter(new URLSearchParams(toQueryString(filter)))).toEqual(filter);
	});
});

describe('normalizeText', () => {
	it('strips accents and folds case', () => {
		expect(normalizeText('Één  Café\tÀ la carte')).toBe('een cafe a la carte');
	});
});

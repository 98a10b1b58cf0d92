// The catalogue filter: which published products match a search text, an audience and a theme.
// Pure and isomorphic: the server renders the filtered page from the GET parameters (no
// JavaScript needed) and the browser runs the same function as the citizen types.
// Matching ignores case and accents and looks at the title, summary and keywords, in the
// citizen's language and in Dutch; every word of the query must match somewhere.
import { audiences, categories, type Audience, type Category } from '$lib/process/taxonomy';
import { localize, type LocalText, type Locale } from '$lib/process/text';

export type CatalogueItem = {
	title: LocalText;
	summary: LocalText;
	keywords: string[];
	category: Category;
	audience: Audience[];
};

export type CatalogueFilter = { q: string; audience: Audience | null; category: Category | null };

export const emptyFilter: CatalogueFilter = { q: '', audience: null, category: null };

/** The GET parameters of the catalogue page: `q`, `voor` (audience) and `thema` (category). */
export const filterParams = { q: 'q', audience: 'voor', category: 'thema' } as const;

/** Lower case, without diacritics ("Beëindiging" → "beeindiging"), with single spaces. */
export function normalizeText(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

export function filterCatalogue<T extends CatalogueItem>(
	entries: readonly T[],
	filter: CatalogueFilter,
	locale: Locale
): T[] {
	const words = normalizeText(filter.q).split(' ').filter(Boolean);
	return entries.filter((entry) => {
		if (filter.audience && !entry.audience.includes(filter.audience)) return false;
		if (filter.category && entry.category !== filter.category) return false;
		if (words.length === 0) return true;
		const haystack = normalizeText(
			[
				localize(entry.title, locale),
				entry.title.nl,
				localize(entry.summary, locale),
				entry.summary.nl,
				...entry.keywords
			].join(' ')
		);
		return words.every((word) => haystack.includes(word));
	});
}

function isAudience(value: unknown): value is Audience {
	return (audiences as readonly unknown[]).includes(value);
}

function isCategory(value: unknown): value is Category {
	return (categories as readonly unknown[]).includes(value);
}

/** Reads the filter from a URL's query; unknown audiences or themes count as "all". */
export function parseCatalogueFilter(params: URLSearchParams): CatalogueFilter {
	const audience = params.get(filterParams.audience);
	const category = params.get(filterParams.category);
	return {
		q: (params.get(filterParams.q) ?? '').slice(0, 200),
		audience: isAudience(audience) ? audience : null,
		category: isCategory(category) ? category : null
	};
}

/** The query string for a filter, without empty parameters: "" or "?q=container&voor=burger". */
export function toQueryString(filter: CatalogueFilter): string {
	const params = new URLSearchParams();
	if (filter.q.trim()) params.set(filterParams.q, filter.q.trim());
	if (filter.audience) params.set(filterParams.audience, filter.audience);
	if (filter.category) params.set(filterParams.category, filter.category);
	const query = params.toString();
	return query ? `?${query}` : '';
}

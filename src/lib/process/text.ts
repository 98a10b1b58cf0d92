// Citizen-facing text: Dutch is the language of record and always present; English and French are
// optional and fall back to Dutch. Every label, help text and status text in a definition is a `LocalText`
// (its schema is in local-text.ts).

export const locales = ['nl', 'en', 'fr'] as const;
export type Locale = (typeof locales)[number];
/** The languages a definition's texts may be written in: the site's languages. */
export type TextLocale = Locale;

/** Whether a value (a stored language column, a query parameter) is one of the site's languages. */
export function isLocale(value: unknown): value is Locale {
	return (locales as readonly unknown[]).includes(value);
}

export type LocalText = { nl: string; en?: string; fr?: string };

/** Picks the text for a locale, falling back to Dutch. */
export function localize(text: LocalText, locale: TextLocale): string {
	return (locale === 'nl' ? undefined : text[locale]) ?? text.nl;
}

/**
 * The text for a locale and the language it is really in, when that is not the page's: `lang` is
 * 'nl' when a page in another language shows the Dutch text because the definition has none in its
 * language (the element carries `lang="nl"`, so a screen reader switches voice), undefined when the
 * text is in the page's language. `pageLocale` is the page's language where the texts are in
 * another (the builder's preview of the French form on a Dutch back-office page: `lang="fr"`).
 */
export function localizeMarked(
	text: LocalText,
	locale: TextLocale,
	pageLocale: Locale = locale
): { text: string; lang: Locale | undefined } {
	const own = locale === 'nl' ? undefined : text[locale];
	const shown = own === undefined ? 'nl' : locale;
	return { text: own ?? text.nl, lang: shown === pageLocale ? undefined : shown };
}

/** Whether any LocalText in a value (a definition, a page, a list of states) has no text in `locale`. */
export function lacksLocale(value: unknown, locale: TextLocale): boolean {
	if (locale === 'nl' || !value || typeof value !== 'object') return false;
	if (Array.isArray(value)) return value.some((v) => lacksLocale(v, locale));
	const text = asLocalText(value);
	if (text && text[locale] === undefined) return true;
	return Object.values(value).some((v) => lacksLocale(v, locale));
}

/** A value read from a stored definition (jsonb) as a LocalText, or null when it is not one. */
export function asLocalText(value: unknown): LocalText | null {
	return typeof value === 'object' &&
		value !== null &&
		typeof (value as { nl?: unknown }).nl === 'string'
		? (value as LocalText)
		: null;
}

function isExactLocalText(value: object): value is LocalText {
	let nl = false;
	for (const [key, text] of Object.entries(value)) {
		if (!isLocale(key) || (text !== undefined && typeof text !== 'string')) return false;
		if (key === 'nl') nl = typeof text === 'string';
	}
	return nl;
}

const kept: Record<Locale, WeakMap<object, unknown>> = {
	nl: new WeakMap(),
	en: new WeakMap(),
	fr: new WeakMap()
};

/**
 * A copy of `value` (a definition, a catalogue, an inbox page) whose texts hold only what a page in
 * `locale` shows: the text in that language where there is one, and the Dutch it falls back to,
 * so localize, localizeMarked and lacksLocale answer as they did on the original. The server sends
 * this to the browser instead of every language (a third to a half of a form page's data, less to
 * serialise, hash and compress; issue 21). Plain objects and arrays are copied, anything else
 * (a Date) is kept as it is. Copies are remembered per original object: the originals (cached
 * definitions) must not be changed afterwards.
 */
export function keepLocale<T>(value: T, locale: Locale): T {
	if (value === null || typeof value !== 'object') return value;
	const isArray = Array.isArray(value);
	if (!isArray && Object.getPrototypeOf(value) !== Object.prototype) return value;
	const memo = kept[locale];
	const known = memo.get(value);
	if (known !== undefined) return known as T;
	let copy: unknown;
	if (isArray) copy = value.map((v: unknown) => keepLocale(v, locale));
	else if (isExactLocalText(value)) {
		const own = locale === 'nl' ? undefined : value[locale];
		copy = own === undefined ? { nl: value.nl } : { nl: value.nl, [locale]: own };
	} else
		copy = Object.fromEntries(
			Object.entries(value).map(([key, v]) => [key, keepLocale(v, locale)])
		);
	memo.set(value, copy);
	return copy as T;
}

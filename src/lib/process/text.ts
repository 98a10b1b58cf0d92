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

/** A value read from a stored definition (jsonb) as a LocalText, or null when it is not one. */
export function asLocalText(value: unknown): LocalText | null {
	return typeof value === 'object' &&
		value !== null &&
		typeof (value as { nl?: unknown }).nl === 'string'
		? (value as LocalText)
		: null;
}

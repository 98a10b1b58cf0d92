// The placeholders of standard replies, under their Dutch, English and French names: {naam},
// {name} or {nom}; {referentie} or {reference}; {termijn}, {due} or {echeance}; {gemeente},
// {municipality} or {commune}. Pure, so the
// server fills them in and the clerk's form names them alike.
import type { Locale } from '$lib/process/text';

export type Placeholder = 'name' | 'reference' | 'due' | 'municipality';

/** Each placeholder under its Dutch, English and French name. */
const PLACEHOLDERS = new Map<string, Placeholder>([
	['naam', 'name'],
	['name', 'name'],
	['nom', 'name'],
	['referentie', 'reference'],
	['reference', 'reference'],
	['termijn', 'due'],
	['due', 'due'],
	['echeance', 'due'],
	['gemeente', 'municipality'],
	['municipality', 'municipality'],
	['commune', 'municipality']
]);

/** The placeholders as clerks see them in hints and messages, in their language. */
export function placeholderNames(locale: Locale): string {
	return NAMES[locale].map((n) => `{${n}}`).join(', ');
}

const NAMES: Record<Locale, string[]> = {
	nl: ['naam', 'referentie', 'termijn', 'gemeente'],
	en: ['name', 'reference', 'due', 'municipality'],
	fr: ['nom', 'reference', 'echeance', 'commune']
};

const BRACED = /\{([^{}\s]{1,40})\}/g;

/** The placeholders in a text that are not known (as written, with braces), each once. */
export function unknownPlaceholders(text: string): string[] {
	const unknown = new Set<string>();
	for (const [whole, name] of text.matchAll(BRACED))
		if (!PLACEHOLDERS.has(name.toLowerCase())) unknown.add(whole);
	return [...unknown];
}

export type FillValues = Record<Placeholder, string>;

/** The text with every known placeholder replaced; anything else stays as written. */
export function fillTemplate(text: string, values: FillValues): string {
	return text.replace(BRACED, (whole, name: string) => {
		const key = PLACEHOLDERS.get(name.toLowerCase());
		return key ? values[key] : whole;
	});
}

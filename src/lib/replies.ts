// The placeholders of standard replies, under their Dutch and English names: {naam} or {name},
// {referentie} or {reference}, {termijn} or {due}, {gemeente} or {municipality}. Pure, so the
// server fills them in and the clerk's form names them alike.
export type Placeholder = 'name' | 'reference' | 'due' | 'municipality';

/** Each placeholder under its Dutch and its English name. */
const PLACEHOLDERS = new Map<string, Placeholder>([
	['naam', 'name'],
	['name', 'name'],
	['referentie', 'reference'],
	['reference', 'reference'],
	['termijn', 'due'],
	['due', 'due'],
	['gemeente', 'municipality'],
	['municipality', 'municipality']
]);

/** The placeholders as clerks see them in hints and messages, in their language. */
export function placeholderNames(locale: 'nl' | 'en'): string {
	const names =
		locale === 'en'
			? ['name', 'reference', 'due', 'municipality']
			: ['naam', 'referentie', 'termijn', 'gemeente'];
	return names.map((n) => `{${n}}`).join(', ');
}

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

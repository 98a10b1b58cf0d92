// Citizen-facing text: Dutch is the language of record and always present; English is optional and
// falls back to Dutch. Every label, help text and status text in a definition is a `LocalText`.
import { z } from 'zod';

export const locales = ['nl', 'en'] as const;
export type Locale = (typeof locales)[number];

export const localText = z
	.strictObject({
		nl: z.string().trim().min(1, 'Dutch text (nl) is required'),
		en: z.string().trim().min(1, 'English text (en) may not be empty').optional()
	})
	.meta({ description: 'Text shown to people: Dutch required, English optional' });

export type LocalText = z.infer<typeof localText>;

/** Picks the text for a locale, falling back to Dutch. */
export function localize(text: LocalText, locale: Locale): string {
	return (locale === 'en' ? text.en : undefined) ?? text.nl;
}

// The words for a level of assurance (how certain the municipality is of who signed in): shown on
// the staff dossier page ("aangemeld met eID/itsme, niveau hoog").
import { m } from '$lib/paraglide/messages';
import type { AssuranceLevel } from '$lib/process/assurance';
import type { Locale } from '$lib/process/text';

type Options = { locale: Locale } | undefined;
const names: Record<AssuranceLevel, (o: Options) => string> = {
	low: (o) => m.assuranceLevelLow({}, o),
	substantial: (o) => m.assuranceLevelSubstantial({}, o),
	high: (o) => m.assuranceLevelHigh({}, o)
};

/** "laag", "substantieel", "hoog". */
export function assuranceName(level: AssuranceLevel, locale?: Locale): string {
	return names[level](locale ? { locale } : undefined);
}

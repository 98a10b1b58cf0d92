// Language and formatting for the interface: Dutch first, English and French complete. Interface
// texts are Paraglide messages (messages/nl.json, en.json and fr.json beside this file, compiled
// to $lib/paraglide): call `m.someKey()` and the locale of the request (server) or the cookie
// (browser) is used. Texts that come from process definitions are `LocalText` and go through
// `localize()`. Dates, numbers and money are written the Belgian way (nl-BE, en-BE, fr-BE) by
// $lib/process/format, re-exported here.
import type { Audience, Category } from '$lib/process/taxonomy';
import type { Locale } from '$lib/process/text';
import { m } from '$lib/paraglide/messages';
import type { Locale as CompiledLocale } from '$lib/paraglide/runtime';

export { m };
export { localize, locales, type Locale } from '$lib/process/text';
export * from '$lib/process/format';
export { isLocale, baseLocale, cookieName, cookieMaxAge } from '$lib/paraglide/runtime';

// The project settings and the process definitions must agree on the locales.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _localesAgree: Same<Locale, CompiledLocale> = true;

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const categoryMessages: Record<Category, Message> = {
	BurgerOverheid: m.categoryBurgerOverheid,
	BouwenWonen: m.categoryBouwenWonen,
	CultuurSportVrijeTijd: m.categoryCultuurSportVrijeTijd,
	EconomieWerk: m.categoryEconomieWerk,
	MilieuEnergie: m.categoryMilieuEnergie,
	MobiliteitOpenbareWerken: m.categoryMobiliteitOpenbareWerken,
	OnderwijsWetenschap: m.categoryOnderwijsWetenschap,
	WelzijnGezondheid: m.categoryWelzijnGezondheid
};

const audienceMessages: Record<Audience, Message> = {
	burger: m.audienceBurger,
	onderneming: m.audienceOnderneming,
	vereniging: m.audienceVereniging
};

/** The name of a theme, in the given locale or the current one. */
export function categoryLabel(category: Category, locale?: Locale): string {
	return categoryMessages[category]({}, { locale });
}

/** The name of an audience (plural: "Burgers", "Businesses"), in the given or current locale. */
export function audienceLabel(audience: Audience, locale?: Locale): string {
	return audienceMessages[audience]({}, { locale });
}

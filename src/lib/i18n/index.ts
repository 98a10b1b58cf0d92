// Language and formatting for the interface: Dutch first, English complete. Interface texts are
// Paraglide messages (messages/nl.json and en.json beside this file, compiled to $lib/paraglide):
// call `m.someKey()` and the locale of the request (server) or the cookie (browser) is used.
// Texts that come from process definitions are `LocalText` and go through `localize()`.
// Dates, numbers and money are written the Belgian way (nl-BE / en-BE).
import type { Audience, Category } from '$lib/process/taxonomy';
import type { Locale } from '$lib/process/text';
import { m } from '$lib/paraglide/messages';
import type { Locale as CompiledLocale } from '$lib/paraglide/runtime';

export { m };
export { localize, locales, type Locale } from '$lib/process/text';
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

export function formatMoney(amount: number, locale: Locale): string {
	return new Intl.NumberFormat(`${locale}-BE`, { style: 'currency', currency: 'EUR' }).format(
		amount
	);
}

// Made once per locale: making a formatter costs far more than formatting (a list of dates would
// otherwise make one per row).
const longDates = new Map<Locale, Intl.DateTimeFormat>();

const moments = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as the back-office writes it everywhere: "6 dec 2026, 10:52" (nl) or "06 Dec 2026,
 * 10:52" (en), in Brussels time; with `seconds` for logs ("6 dec 2026, 10:52:13").
 */
export function formatDateTime(at: Date, locale: Locale, seconds = false): string {
	const key = `${locale}:${seconds}`;
	let format = moments.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(`${locale}-BE`, {
			dateStyle: 'medium',
			timeStyle: seconds ? 'medium' : 'short',
			timeZone: 'Europe/Brussels'
		});
		moments.set(key, format);
	}
	return format.format(at);
}

export function formatDate(isoDate: string, locale: Locale): string {
	let format = longDates.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'UTC' });
		longDates.set(locale, format);
	}
	return format.format(new Date(`${isoDate}T00:00:00Z`));
}

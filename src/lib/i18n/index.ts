// Language and formatting for the interface: Dutch first, English complete, dates, numbers and
// money in the Belgian way (nl-BE / en-BE).
import type { Locale } from '$lib/process/text';
import { messages, type Messages } from './messages';

export { categoryLabels, audienceLabels } from './messages';
export { localize, locales, type Locale } from '$lib/process/text';

export function isLocale(value: unknown): value is Locale {
	return value === 'nl' || value === 'en';
}

export function getMessages(locale: Locale): Messages {
	return messages[locale];
}

export function formatMoney(amount: number, locale: Locale): string {
	return new Intl.NumberFormat(`${locale}-BE`, { style: 'currency', currency: 'EUR' }).format(
		amount
	);
}

export function formatDate(isoDate: string, locale: Locale): string {
	return new Intl.DateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${isoDate}T00:00:00Z`)
	);
}

// How Loket writes dates, times, numbers, money, file sizes and lists for people: one function per
// kind, each taking the locale, all in the Belgian variant of the language (`nl-BE`, `en-BE`,
// `fr-BE`) and, for moments, in Brussels time, so the server, the browser, the receipt and the
// device agree.
// Pure and isomorphic (the field modules use it); `$lib/i18n` re-exports it for components.
import type { Locale } from './text';

const TIME_ZONE = 'Europe/Brussels';

// Made once per locale and kind: making a formatter costs far more than formatting (a list of
// dates would otherwise make one per row; bench:load).
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
	let format = formatters.get(key) as T | undefined;
	if (!format) {
		format = make();
		formatters.set(key, format);
	}
	return format;
}

const dateTimeFormat = (locale: Locale, kind: string, options: Intl.DateTimeFormatOptions) =>
	cached(`date:${locale}:${kind}`, () => new Intl.DateTimeFormat(`${locale}-BE`, options));

const numberFormat = (locale: Locale, kind: string, options: Intl.NumberFormatOptions = {}) =>
	cached(`number:${locale}:${kind}`, () => new Intl.NumberFormat(`${locale}-BE`, options));

/**
 * A calendar date stored as YYYY-MM-DD, in words: "17 mei 1990" (no time zone: it is a day), or
 * "20 dec 2026" (`medium`, for the back-office's lists).
 */
export function formatDate(
	isoDate: string,
	locale: Locale,
	style: 'long' | 'medium' = 'long'
): string {
	return dateTimeFormat(locale, `date-${style}`, { dateStyle: style, timeZone: 'UTC' }).format(
		new Date(`${isoDate}T00:00:00Z`)
	);
}

/**
 * The day of a moment in Brussels: "6 december 2026" (`long`, for citizens) or "6 dec 2026"
 * (`medium`, for the back-office's lists).
 */
export function formatDay(at: Date, locale: Locale, style: 'long' | 'medium' = 'long'): string {
	return dateTimeFormat(locale, `day-${style}`, { dateStyle: style, timeZone: TIME_ZONE }).format(
		at
	);
}

/**
 * A moment as the back-office writes it everywhere: "6 dec 2026, 10:52" (nl) or "06 Dec 2026,
 * 10:52" (en), in Brussels time; with `seconds` for logs ("6 dec 2026, 10:52:13").
 */
export function formatDateTime(at: Date | number, locale: Locale, seconds = false): string {
	return dateTimeFormat(locale, seconds ? 'moment-seconds' : 'moment', {
		dateStyle: 'medium',
		timeStyle: seconds ? 'medium' : 'short',
		timeZone: TIME_ZONE
	}).format(at);
}

/** A moment in words, for citizens and on the receipt: "6 december 2026 om 10:52", in Brussels. */
export function formatLongDateTime(at: Date | number, locale: Locale): string {
	return dateTimeFormat(locale, 'long-moment', {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(at);
}

/** A number with the Belgian separators: "1.250,75". */
export function formatNumber(value: number, locale: Locale): string {
	return numberFormat(locale, 'number').format(value);
}

/** An amount in euro: "€ 12,50". */
export function formatMoney(amount: number, locale: Locale): string {
	return numberFormat(locale, 'money', { style: 'currency', currency: 'EUR' }).format(amount);
}

/** A file size as people read it: 20 kB, 1,4 MB. */
export function formatFileSize(bytes: number, locale: Locale): string {
	const kb = bytes / 1024;
	return kb < 1024
		? `${formatNumber(Math.max(1, Math.round(kb)), locale)} kB`
		: `${formatNumber(Math.round(kb / 102.4) / 10, locale)} MB`;
}

/** Items joined as a sentence does: "a, b en c". */
export function formatList(items: string[], locale: Locale): string {
	return new Intl.ListFormat(`${locale}-BE`, { type: 'conjunction' }).format(items);
}

import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatDay,
	formatFileSize,
	formatList,
	formatLongDateTime,
	formatMoney,
	formatNumber
} from './format';
import type { Locale } from './text';

// 10:52:13 in Brussels (UTC+1 in December); the same instant is already 7 December in Tokyo, so
// a formatter that forgot the time zone would show another day or hour on a server elsewhere.
const at = new Date('2026-12-06T09:52:13Z');
// Written out with their non-breaking spaces (\u00a0) and narrow ones (\u202f), as Intl does.
// French is not a locale of the interface yet: it shows that a new language needs nothing here.
const cases: Record<string, Record<string, string>> = {
	nl: {
		date: '17 mei 1990',
		day: '6 december 2026',
		dayMedium: '6 dec 2026',
		dateTime: '6 dec 2026, 10:52',
		dateTimeSeconds: '6 dec 2026, 10:52:13',
		longDateTime: '6 december 2026 om 10:52',
		number: '1.250,75',
		money: '€\u00a012,50',
		smallFile: '20 kB',
		largeFile: '1,4 MB',
		list: 'staff, clerk en admin'
	},
	en: {
		date: '17 May 1990',
		day: '6 December 2026',
		dayMedium: '06 Dec 2026',
		dateTime: '06 Dec 2026, 10:52',
		dateTimeSeconds: '06 Dec 2026, 10:52:13',
		longDateTime: '6 December 2026 at 10:52',
		number: '1.250,75',
		money: '€12.50',
		smallFile: '20 kB',
		largeFile: '1,4 MB',
		list: 'staff, clerk and admin'
	},
	fr: {
		date: '17 mai 1990',
		day: '6 décembre 2026',
		dayMedium: '6 déc. 2026',
		dateTime: '6 déc. 2026, 10:52',
		dateTimeSeconds: '6 déc. 2026, 10:52:13',
		longDateTime: '6 décembre 2026 à 10:52',
		number: '1\u202f250,75',
		money: '12,50\u00a0€',
		smallFile: '20 kB',
		largeFile: '1,4 MB',
		list: 'staff, clerk et admin'
	}
};

describe('format', () => {
	for (const [name, expected] of Object.entries(cases)) {
		const locale = name as Locale;
		it(`writes dates, moments, numbers, money, sizes and lists in ${name}`, () => {
			expect({
				date: formatDate('1990-05-17', locale),
				day: formatDay(at, locale),
				dayMedium: formatDay(at, locale, 'medium'),
				dateTime: formatDateTime(at, locale),
				dateTimeSeconds: formatDateTime(at, locale, true),
				longDateTime: formatLongDateTime(at.getTime(), locale),
				number: formatNumber(1250.75, locale),
				money: formatMoney(12.5, locale),
				smallFile: formatFileSize(20 * 1024, locale),
				largeFile: formatFileSize(1.4 * 1024 * 1024, locale),
				list: formatList(['staff', 'clerk', 'admin'], locale)
			}).toEqual(expected);
		});
	}

	it('shows a moment in Brussels time, whatever the season', () => {
		expect(formatDateTime(new Date('2026-07-01T22:30:00Z'), 'nl')).toBe('2 jul 2026, 00:30');
		expect(formatDay(new Date('2026-12-31T23:30:00Z'), 'nl')).toBe('1 januari 2027');
	});

	it('reads a stored calendar date as that day, not as a moment', () => {
		expect(formatDate('2026-01-01', 'nl')).toBe('1 januari 2026');
	});

	it('writes a tiny file as at least 1 kB', () => {
		expect(formatFileSize(10, 'nl')).toBe('1 kB');
	});
});

import { describe, it, expect } from 'vitest';
import {
	addCalendarDays,
	addWorkingDays,
	computeDueDate,
	computeEasterSunday,
	countWorkingDays,
	isPublicHoliday,
	isWorkingDay,
	listPublicHolidays,
	toIsoDate,
	toLocalDateTime
} from './calendar';

describe('computeEasterSunday', () => {
	it.each([
		[2024, '2024-03-31'],
		[2025, '2025-04-20'],
		[2026, '2026-04-05'],
		[2027, '2027-03-28'],
		[2000, '2000-04-23'],
		[2038, '2038-04-25'],
		[1818, '1818-03-22'],
		[2285, '2285-03-22']
	])('%i: %s', (year, easter) => {
		expect(computeEasterSunday(year)).toBe(easter);
	});

	it('rejects years outside the Gregorian calendar', () => {
		expect(() => computeEasterSunday(1500)).toThrow(RangeError);
		expect(() => computeEasterSunday(2026.5)).toThrow(RangeError);
	});
});

describe('listPublicHolidays', () => {
	it('lists the 10 legal holidays of 2026 in date order', () => {
		expect(listPublicHolidays(2026)).toEqual([
			{ date: '2026-01-01', name: { nl: 'Nieuwjaar', en: "New Year's Day" } },
			{ date: '2026-04-06', name: { nl: 'Paasmaandag', en: 'Easter Monday' } },
			{ date: '2026-05-01', name: { nl: 'Dag van de Arbeid', en: 'Labour Day' } },
			{ date: '2026-05-14', name: { nl: 'O.L.H. Hemelvaart', en: 'Ascension Day' } },
			{ date: '2026-05-25', name: { nl: 'Pinkstermaandag', en: 'Whit Monday' } },
			{ date: '2026-07-21', name: { nl: 'Nationale feestdag', en: 'National Day' } },
			{ date: '2026-08-15', name: { nl: 'O.L.V. Hemelvaart', en: 'Assumption Day' } },
			{ date: '2026-11-01', name: { nl: 'Allerheiligen', en: "All Saints' Day" } },
			{ date: '2026-11-11', name: { nl: 'Wapenstilstand', en: 'Armistice Day' } },
			{ date: '2026-12-25', name: { nl: 'Kerstmis', en: 'Christmas Day' } }
		]);
	});

	it('keeps date order when Ascension falls on 30 April (Easter on 22 March, 2285)', () => {
		const dates = listPublicHolidays(2285).map((holiday) => holiday.date);
		expect(dates.slice(1, 4)).toEqual(['2285-03-23', '2285-04-30', '2285-05-01']);
	});
});

describe('isPublicHoliday and isWorkingDay', () => {
	it('recognises holidays', () => {
		expect(isPublicHoliday('2026-04-06')).toBe(true);
		expect(isPublicHoliday('2026-04-07')).toBe(false);
		expect(isPublicHoliday('2026-07-11')).toBe(false);
	});

	it('treats weekends and holidays as non-working', () => {
		expect(isWorkingDay('2026-01-09')).toBe(true); // Friday
		expect(isWorkingDay('2026-01-10')).toBe(false); // Saturday
		expect(isWorkingDay('2026-01-11')).toBe(false); // Sunday
		expect(isWorkingDay('2026-12-25')).toBe(false); // Christmas, a Friday
	});

	it('rejects invalid dates', () => {
		expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
		expect(() => isWorkingDay('2026-1-5')).toThrow(RangeError);
		expect(() => isWorkingDay('2026-01-05T00:00:00Z')).toThrow(RangeError);
	});
});

describe('addCalendarDays', () => {
	it('crosses months, years and leap days', () => {
		expect(addCalendarDays('2026-01-31', 1)).toBe('2026-02-01');
		expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('is unaffected by the DST switch', () => {
		expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30');
		expect(addCalendarDays('2026-10-24', 2)).toBe('2026-10-26');
	});
});

describe('addWorkingDays', () => {
	it('returns the date itself for 0 days', () => {
		expect(addWorkingDays('2026-01-10', 0)).toBe('2026-01-10');
	});

	it('skips a weekend', () => {
		expect(addWorkingDays('2026-01-09', 1)).toBe('2026-01-12'); // Fri -> Mon
		expect(addWorkingDays('2026-01-10', 1)).toBe('2026-01-12'); // Sat -> Mon
		expect(addWorkingDays('2026-01-07', 5)).toBe('2026-01-14'); // Wed -> Wed
	});

	it('skips Christmas and the weekend after it', () => {
		// Thu 24 (1), Fri 25 holiday, Sat, Sun, Mon 28 (2), Tue 29 (3).
		expect(addWorkingDays('2026-12-23', 3)).toBe('2026-12-29');
	});

	it('skips New Year', () => {
		// Thu 31 (1), Fri 1 Jan holiday, Sat, Sun, Mon 4 (2).
		expect(addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
	});

	it('skips Easter Monday', () => {
		// Fri 3 Apr (1), Sat, Sun, Mon 6 Apr holiday, Tue 7 Apr (2).
		expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-07');
	});

	it('rejects negative or fractional days', () => {
		expect(() => addWorkingDays('2026-01-09', -1)).toThrow(RangeError);
		expect(() => addWorkingDays('2026-01-09', 1.5)).toThrow(RangeError);
	});
});

describe('countWorkingDays', () => {
	it('counts from the day after to the last day inclusive', () => {
		expect(countWorkingDays('2026-01-09', '2026-01-12')).toBe(1);
		expect(countWorkingDays('2026-12-23', '2026-12-29')).toBe(3);
		expect(countWorkingDays('2026-01-09', '2026-01-09')).toBe(0);
	});

	it('is the inverse of addWorkingDays', () => {
		for (const start of ['2026-04-02', '2026-12-23', '2026-05-13', '2026-01-10']) {
			for (const days of [0, 1, 5, 20, 60]) {
				expect(countWorkingDays(start, addWorkingDays(start, days))).toBe(days);
			}
		}
	});

	it('is negative when the bounds are swapped', () => {
		expect(countWorkingDays('2026-12-29', '2026-12-23')).toBe(-3);
	});

	it('counts a full year', () => {
		// 2026: 261 weekdays; 15 Aug (Sat) and 1 Nov (Sun) fall in the weekend, so 8 holidays count.
		expect(countWorkingDays('2025-12-31', '2026-12-31')).toBe(253);
	});
});

describe('computeDueDate', () => {
	it('moves 20 calendar days landing on a Sunday to Monday', () => {
		expect(addCalendarDays('2026-01-05', 20)).toBe('2026-01-25');
		expect(computeDueDate('2026-01-05', { days: 20, unit: 'calendar' })).toBe('2026-01-26');
	});

	it('keeps 45 calendar days landing on a working day', () => {
		expect(computeDueDate('2026-03-02', { days: 45, unit: 'calendar' })).toBe('2026-04-16');
	});

	it('moves 45 calendar days landing on Easter Monday to Tuesday', () => {
		expect(computeDueDate('2026-02-20', { days: 45, unit: 'calendar' })).toBe('2026-04-07');
	});

	it('moves past a weekend followed by a holiday', () => {
		// Sat 4 Apr, Sun 5 Apr, Easter Monday 6 Apr -> Tue 7 Apr.
		expect(computeDueDate('2026-03-25', { days: 10, unit: 'calendar' })).toBe('2026-04-07');
	});

	it('counts working days from the day after start', () => {
		expect(computeDueDate('2026-12-23', { days: 3, unit: 'working' })).toBe('2026-12-29');
	});
});

describe('toIsoDate', () => {
	it('uses the Brussels date in summer time', () => {
		expect(toIsoDate(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
		expect(toIsoDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
	});

	it('uses the Brussels date in winter time', () => {
		expect(toIsoDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
		expect(toIsoDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
	});

	it('accepts another time zone', () => {
		expect(toIsoDate(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12-31');
		expect(toIsoDate(new Date('2027-01-01T03:00:00Z'), 'America/New_York')).toBe('2026-12-31');
	});

	it('rejects an invalid Date', () => {
		expect(() => toIsoDate(new Date('nope'))).toThrow(RangeError);
	});
});

describe('toLocalDateTime', () => {
	it('writes the moment in Brussels as YYYY-MM-DD HH:MM, midnight as 00', () => {
		expect(toLocalDateTime(new Date('2026-06-30T22:05:00Z'))).toBe('2026-07-01 00:05');
		expect(toLocalDateTime(new Date('2026-12-06T09:52:13Z'))).toBe('2026-12-06 10:52');
	});
});

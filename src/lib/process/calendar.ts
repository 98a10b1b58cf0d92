// Belgian working-day calendar for handling times and deadlines. Dates are time-zone-free calendar
// dates ('YYYY-MM-DD'); all arithmetic is done in UTC so the host time zone and DST never shift a
// day. A working day is Monday to Friday and not one of the 10 legal public holidays; regional,
// community and municipal holidays (e.g. 11 July) are deliberately not included.

export type IsoDate = string; // 'YYYY-MM-DD'

export type PublicHoliday = { date: IsoDate; name: { nl: string; en: string } };

export type HandlingTime = { days: number; unit: 'calendar' | 'working' };

const MS_PER_DAY = 86_400_000;

function parseIsoDate(date: IsoDate): Date {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (match !== null) {
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		const parsed = createUtcDate(year, month, day);
		// Date setters silently roll over (2026-02-30 becomes 2026-03-02), so compare back.
		if (parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day) return parsed;
	}
	throw new RangeError(`Not a valid ISO calendar date: ${date}`);
}

function createUtcDate(year: number, month: number, day: number): Date {
	const date = new Date(0);
	// setUTCFullYear, unlike Date.UTC, does not map years 0-99 onto 1900-1999.
	date.setUTCFullYear(year, month - 1, day);
	return date;
}

function formatIsoDate(date: Date): IsoDate {
	const year = String(date.getUTCFullYear()).padStart(4, '0');
	const month = String(date.getUTCMonth() + 1).padStart(2, '0');
	const day = String(date.getUTCDate()).padStart(2, '0');
	return `${year}-${month}-${day}`;
}

function assertInteger(value: number, name: string, minimum = -Infinity): void {
	if (!Number.isInteger(value) || value < minimum) {
		throw new RangeError(
			`${name} must be an integer${minimum > -Infinity ? ` >= ${minimum}` : ''}`
		);
	}
}

// Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
export function computeEasterSunday(year: number): IsoDate {
	assertInteger(year, 'year', 1583);
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return formatIsoDate(createUtcDate(year, month, day));
}

export function listPublicHolidays(year: number): PublicHoliday[] {
	const easter = computeEasterSunday(year);
	const fixed = (month: number, day: number): IsoDate =>
		formatIsoDate(createUtcDate(year, month, day));
	const holidays: PublicHoliday[] = [
		{ date: fixed(1, 1), name: { nl: 'Nieuwjaar', en: "New Year's Day" } },
		{ date: addCalendarDays(easter, 1), name: { nl: 'Paasmaandag', en: 'Easter Monday' } },
		{ date: fixed(5, 1), name: { nl: 'Dag van de Arbeid', en: 'Labour Day' } },
		{ date: addCalendarDays(easter, 39), name: { nl: 'O.L.H. Hemelvaart', en: 'Ascension Day' } },
		{ date: addCalendarDays(easter, 50), name: { nl: 'Pinkstermaandag', en: 'Whit Monday' } },
		{ date: fixed(7, 21), name: { nl: 'Nationale feestdag', en: 'National Day' } },
		{ date: fixed(8, 15), name: { nl: 'O.L.V. Hemelvaart', en: 'Assumption Day' } },
		{ date: fixed(11, 1), name: { nl: 'Allerheiligen', en: "All Saints' Day" } },
		{ date: fixed(11, 11), name: { nl: 'Wapenstilstand', en: 'Armistice Day' } },
		{ date: fixed(12, 25), name: { nl: 'Kerstmis', en: 'Christmas Day' } }
	];
	// Ascension can fall on 30 April, before Labour Day; ISO strings sort chronologically.
	return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

// Deadline loops ask about the same few years over and over; the sets are tiny and never change.
const holidayCache = new Map<number, ReadonlySet<IsoDate>>();

function getHolidaySet(year: number): ReadonlySet<IsoDate> {
	let set = holidayCache.get(year);
	if (set === undefined) {
		set = new Set(listPublicHolidays(year).map((holiday) => holiday.date));
		holidayCache.set(year, set);
	}
	return set;
}

export function isPublicHoliday(date: IsoDate): boolean {
	const parsed = parseIsoDate(date);
	return getHolidaySet(parsed.getUTCFullYear()).has(formatIsoDate(parsed));
}

export function isWorkingDay(date: IsoDate): boolean {
	const weekday = parseIsoDate(date).getUTCDay();
	return weekday !== 0 && weekday !== 6 && !isPublicHoliday(date);
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
	assertInteger(days, 'days');
	return formatIsoDate(new Date(parseIsoDate(date).getTime() + days * MS_PER_DAY));
}

// Belgian terms run from the day after the event, so `date` itself never counts; 0 returns it.
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
	assertInteger(days, 'days', 0);
	let current = formatIsoDate(parseIsoDate(date));
	for (let remaining = days; remaining > 0;) {
		current = addCalendarDays(current, 1);
		if (isWorkingDay(current)) remaining--;
	}
	return current;
}

// Working days in (fromExclusive, toInclusive]. Antisymmetric: swapping the bounds negates the
// result, so "how many working days overdue" works without special-casing.
export function countWorkingDays(fromExclusive: IsoDate, toInclusive: IsoDate): number {
	const from = parseIsoDate(fromExclusive).getTime();
	const to = parseIsoDate(toInclusive).getTime();
	if (to < from) return -countWorkingDays(toInclusive, fromExclusive);
	let count = 0;
	for (let time = from + MS_PER_DAY; time <= to; time += MS_PER_DAY) {
		if (isWorkingDay(formatIsoDate(new Date(time)))) count++;
	}
	return count;
}

// Due date of a handling time that starts on `start`, counted from the day after start.
// Working days: the n-th working day after start. Calendar days: start + n, and if that last day
// is a Saturday, Sunday or public holiday it moves to the next working day, following the rule for
// statutory terms (art. 53 Gerechtelijk Wetboek); we apply it to every calendar-day handling time
// so a citizen is never due on a day the administration is closed. With days = 0 the due date is
// start itself, for calendar days moved forward the same way when start is not a working day.
export function computeDueDate(start: IsoDate, handlingTime: HandlingTime): IsoDate {
	assertInteger(handlingTime.days, 'handlingTime.days', 0);
	if (handlingTime.unit === 'working') return addWorkingDays(start, handlingTime.days);
	let due = addCalendarDays(start, handlingTime.days);
	while (!isWorkingDay(due)) due = addCalendarDays(due, 1);
	return due;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const lastParts = new Map<string, { minute: number; parts: Intl.DateTimeFormatPart[] }>();

// The parts of an instant's calendar date and time of day in a time zone. formatToParts instead of
// format(): the en-CA pattern has changed between ICU versions.
function readParts(d: Date, timeZone: string): (type: Intl.DateTimeFormatPartTypes) => string {
	if (Number.isNaN(d.getTime())) throw new RangeError('Invalid Date');
	let formatter = dateFormatters.get(timeZone);
	if (formatter === undefined) {
		formatter = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		dateFormatters.set(timeZone, formatter);
	}
	// Every page that validates answers asks for today's date: the parts of the last minute asked
	// for are kept per zone (formatToParts was 1 % of a form page's CPU, issue 21).
	const minute = Math.floor(d.getTime() / 60_000);
	let last = lastParts.get(timeZone);
	if (last?.minute !== minute)
		lastParts.set(timeZone, (last = { minute, parts: formatter.formatToParts(d) }));
	const parts = last.parts;
	return (type) => parts.find((part) => part.type === type)?.value ?? '';
}

// The calendar date of an instant in the given time zone (Brussels by default), e.g. for turning
// a submission timestamp into the start date of a handling time.
export function toIsoDate(d: Date, timeZone = 'Europe/Brussels'): IsoDate {
	const read = readParts(d, timeZone);
	return `${read('year').padStart(4, '0')}-${read('month')}-${read('day')}`;
}

/** An instant as 'YYYY-MM-DD HH:MM' in the given time zone (Brussels by default), for exports. */
export function toLocalDateTime(d: Date, timeZone = 'Europe/Brussels'): string {
	const read = readParts(d, timeZone);
	return `${toIsoDate(d, timeZone)} ${read('hour')}:${read('minute')}`;
}

// How long a process actually takes, for citizens (on its product page) and as open data: over the
// last twelve months, the median and the 90th percentile of the working days from filing to
// decision, with the time the clock stood still for the citizen left out (dossiers/handling.ts
// keeps each dossier's figure when it is decided). Figures from fewer than MIN_DECIDED dossiers say
// nothing and are not given. They are computed at most once an hour per process and server, so a
// product page costs nothing extra per request.
import { toIsoDate } from '$lib/process/calendar';
import { getDb, type Db } from '../db';
import * as repo from './repository';

/** Below this many decided dossiers a period's figures are left out (null). */
export const MIN_DECIDED = 10;
export const CACHE_MS = 60 * 60 * 1000;
const TIME_ZONE = 'Europe/Brussels';

export type Figures = { decided: number; median: number | null; p90: number | null };

export type HandlingTimes = Figures & {
	processId: string;
	/** The period: the twelve months up to the moment of computing, as local dates. */
	from: string;
	to: string;
	unit: 'working days';
	computedAt: string;
	/** Each calendar month of the period that has decided dossiers. */
	months: (Figures & { month: string })[];
};

function figures(row: repo.HandlingRow | undefined): Figures {
	const decided = row?.decided ?? 0;
	return decided < MIN_DECIDED
		? { decided, median: null, p90: null }
		: { decided, median: row?.median ?? null, p90: row?.p90 ?? null };
}

export async function computeHandlingTimes(
	processId: string,
	db: Db,
	now: Date
): Promise<HandlingTimes> {
	const from = new Date(now);
	from.setUTCFullYear(from.getUTCFullYear() - 1);
	const rows = await repo.summarise(db, processId, from, now, TIME_ZONE);
	return {
		processId,
		from: toIsoDate(from, TIME_ZONE),
		to: toIsoDate(now, TIME_ZONE),
		unit: 'working days',
		computedAt: now.toISOString(),
		...figures(rows.find((r) => r.month === null)),
		months: rows.flatMap((r) => (r.month === null ? [] : [{ month: r.month, ...figures(r) }]))
	};
}

const cached = new WeakMap<Db, Map<string, { until: number; value: Promise<HandlingTimes> }>>();

/** The figures of a process, computed at most once per CACHE_MS (per database handle). */
export function getHandlingTimes(
	processId: string,
	db: Db = getDb(),
	now: Date = new Date()
): Promise<HandlingTimes> {
	let perDb = cached.get(db);
	if (!perDb) cached.set(db, (perDb = new Map()));
	const hit = perDb.get(processId);
	if (hit && hit.until > now.getTime()) return hit.value;
	const value = computeHandlingTimes(processId, db, now);
	perDb.set(processId, { until: now.getTime() + CACHE_MS, value });
	// A failed query is not kept: the next request tries again.
	value.catch(() => perDb.delete(processId));
	return value;
}

/** The figures as CSV rows (semicolons, as Belgian spreadsheets expect): the period, then months. */
export function toCsv(t: HandlingTimes): string {
	const cell = (v: string | number | null) => (v === null ? '' : String(v));
	const lines = [
		'process;period;decided;median_working_days;p90_working_days',
		[t.processId, `${t.from}/${t.to}`, t.decided, t.median, t.p90].map(cell).join(';'),
		...t.months.map((m) => [t.processId, m.month, m.decided, m.median, m.p90].map(cell).join(';'))
	];
	return lines.join('\r\n') + '\r\n';
}

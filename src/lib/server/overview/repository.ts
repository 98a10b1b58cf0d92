// The figures of the team leads' overview, each from a running tally or an index at a million
// dossiers: the inflow per week (dossier_filed_tally), the decided dossiers' handling times
// (dossier_handled_tally, and the dossier_handled index for the days around its whole weeks), the
// overdue open ones (dossier_open_due), and the open ones per state (dossier_tally).
import { sql } from 'kysely';
import { addCalendarDays } from '$lib/process/calendar';
import type { Executor } from '../db/executor';

export type WeekCount = { processId: string; week: string; count: number };

/** The time zone the tallies' days and weeks are in (migration 2026_12_07_0001). */
export const TALLY_TIME_ZONE = 'Europe/Brussels';

/** A local calendar day's first instant in the tallies' time zone, in SQL. */
const dayStart = (day: string) => sql`((${day}::date)::timestamp at time zone ${TALLY_TIME_ZONE})`;

/** Dossiers filed per process and week (weeks start on Monday), on the local days [from, to). */
export async function countInflowByWeek(
	db: Executor,
	processIds: readonly string[],
	from: string,
	to: string
): Promise<WeekCount[]> {
	const { rows } = await sql<{ pid: string; week: string; count: number }>`
		select process_id as pid, to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') as week,
			sum(n)::int as count
		from dossier_filed_tally
		where process_id = any(${[...processIds]}::text[]) and day >= ${from}::date and day < ${to}::date
		group by 1, 2 having sum(n) <> 0
		order by 1, 2`.execute(db);
	return rows.map((r) => ({ processId: r.pid, week: r.week, count: Number(r.count) }));
}

export type HandlingCount = { processId: string; days: number; count: number };

/** Days since the Monday of the week (Monday 0, Sunday 6). */
const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/**
 * Per process and number of working days: how many dossiers decided on the local days [from, to)
 * took that long. The whole weeks come from dossier_handled_tally, the days around them from the
 * dossier_handled index.
 */
export async function countHandlingDays(
	db: Executor,
	processIds: readonly string[],
	from: string,
	to: string
): Promise<HandlingCount[]> {
	const firstMonday = addCalendarDays(from, (7 - weekday(from)) % 7);
	const lastMonday = addCalendarDays(to, -weekday(to));
	const whole = firstMonday < lastMonday;
	const edges: [string, string][] = whole
		? ([
				[from, firstMonday],
				[lastMonday, to]
			].filter(([a, b]) => a < b) as [string, string][])
		: from < to
			? [[from, to]]
			: [];
	const ids = [...processIds];
	const parts = [];
	if (whole)
		parts.push(sql`
			select process_id as pid, handling_days as days, sum(n)::int as count
			from dossier_handled_tally
			where process_id = any(${ids}::text[]) and week >= ${firstMonday}::date and week < ${lastMonday}::date
			group by 1, 2`);
	if (edges.length > 0)
		parts.push(sql`
			select p.id as pid, e.days, e.count
			from unnest(${ids}::text[]) p(id)
			cross join lateral (
				select handling_days as days, count(*)::int as count from (${sql.join(
					edges.map(
						([a, b]) => sql`
							select handling_days from dossier
							where process_id = p.id and handling_days is not null
								and closed_at >= ${dayStart(a)} and closed_at < ${dayStart(b)}`
					),
					sql` union all `
				)}) d
				group by 1
			) e`);
	if (parts.length === 0) return [];
	const { rows } = await sql<{ pid: string; days: number; count: number }>`
		select pid, days, sum(count)::int as count from (${sql.join(parts, sql` union all `)}) h
		group by 1, 2 having sum(count) <> 0
		order by 1, 2`.execute(db);
	return rows.map((r) => ({ processId: r.pid, days: Number(r.days), count: Number(r.count) }));
}

/** Open dossiers past their due date on `today`, per process. */
export async function countOverdue(
	db: Executor,
	today: string
): Promise<{ processId: string; count: number }[]> {
	const rows = await db
		.selectFrom('dossier')
		.where('closedAt', 'is', null)
		.where('dueDate', '<', today)
		.select(['processId', sql<string>`count(*)`.as('count')])
		.groupBy('processId')
		.execute();
	return rows.map((r) => ({ processId: r.processId, count: Number(r.count) }));
}

/** Open dossiers per process version and state, from the running tally. */
export async function countOpenByState(
	db: Executor
): Promise<{ processId: string; processVersion: number; status: string; count: number }[]> {
	const rows = await db
		.selectFrom('dossierTally')
		.where('open', '=', true)
		.select(['processId', 'processVersion', 'status', sql<string>`sum(n)`.as('count')])
		.groupBy(['processId', 'processVersion', 'status'])
		.having(sql`sum(n)`, '<>', 0)
		.execute();
	return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

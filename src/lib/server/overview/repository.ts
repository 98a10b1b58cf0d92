// The figures of the team leads' overview, each from an index alone at a million dossiers: per
// process (one short index range each, joined laterally) the inflow per week (dossier_inflow),
// the decided dossiers' handling times (dossier_handled), the overdue open ones (dossier_open_due),
// and the open ones per state from the running tally.
import { sql } from 'kysely';
import type { Executor } from '../db/executor';

export type WeekCount = { processId: string; week: string; count: number };

/** A local calendar day's first instant in `timeZone`, in SQL. */
const dayStart = (day: string, timeZone: string) =>
	sql`((${day}::date)::timestamp at time zone ${timeZone})`;

/**
 * Dossiers filed per process and week (weeks start on Monday), on the local days [from, to)
 * in `timeZone`.
 */
export async function countInflowByWeek(
	db: Executor,
	processIds: readonly string[],
	from: string,
	to: string,
	timeZone: string
): Promise<WeekCount[]> {
	const { rows } = await sql<{ pid: string; week: string; count: number }>`
		select p.id as pid, w.week, w.count
		from unnest(${[...processIds]}::text[]) p(id)
		cross join lateral (
			select to_char(date_trunc('week', submitted_at at time zone ${timeZone}), 'YYYY-MM-DD') as week,
				count(*)::int as count
			from dossier
			where process_id = p.id
				and submitted_at >= ${dayStart(from, timeZone)} and submitted_at < ${dayStart(to, timeZone)}
			group by 1
		) w
		order by 1, 2`.execute(db);
	return rows.map((r) => ({
		processId: r.pid,
		week: r.week,
		count: Number(r.count)
	}));
}

export type HandlingByProcess = {
	processId: string;
	decided: number;
	median: number | null;
	p90: number | null;
};

/**
 * Per process: the dossiers decided on the local days [from, to), and the median and 90th
 * percentile of the working days they took.
 */
export async function summariseHandling(
	db: Executor,
	processIds: readonly string[],
	from: string,
	to: string,
	timeZone: string
): Promise<HandlingByProcess[]> {
	const { rows } = await sql<{
		pid: string;
		decided: number;
		median: number | null;
		p90: number | null;
	}>`
		select p.id as pid, h.decided, h.median, h.p90
		from unnest(${[...processIds]}::text[]) p(id)
		cross join lateral (
			select count(*)::int as decided,
				percentile_disc(0.5) within group (order by handling_days) as median,
				percentile_disc(0.9) within group (order by handling_days) as p90
			from dossier
			where process_id = p.id and handling_days is not null
				and closed_at >= ${dayStart(from, timeZone)} and closed_at < ${dayStart(to, timeZone)}
		) h
		order by 1`.execute(db);
	return rows.map((r) => ({
		processId: r.pid,
		decided: Number(r.decided),
		median: r.median === null ? null : Number(r.median),
		p90: r.p90 === null ? null : Number(r.p90)
	}));
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

// The decided dossiers' handling times (dossier.handling_days, migration handling_days), read from
// the dossier_handled index alone: per process, over a period, in all and per calendar month.
import { sql } from 'kysely';
import type { Executor } from '../db/executor';

export type HandlingRow = {
	month: string | null;
	decided: number;
	median: number | null;
	p90: number | null;
};

/**
 * The count, median and 90th percentile of the working days handling took, for the dossiers of a
 * process decided in [from, to): the whole period first (month null), then each month (in
 * `timeZone`) in order.
 */
export async function summarise(
	db: Executor,
	processId: string,
	from: Date,
	to: Date,
	timeZone: string
): Promise<HandlingRow[]> {
	const { rows } = await sql<HandlingRow>`
		select to_char(closed_at at time zone ${timeZone}, 'YYYY-MM') as month,
			count(*)::int as decided,
			percentile_disc(0.5) within group (order by handling_days) as median,
			percentile_disc(0.9) within group (order by handling_days) as p90
		from dossier
		where process_id = ${processId} and handling_days is not null
			and closed_at >= ${from} and closed_at < ${to}
		group by grouping sets ((), (1))
		order by month nulls first`.execute(db);
	return rows.map((r) => ({
		month: r.month,
		decided: Number(r.decided),
		median: r.median === null ? null : Number(r.median),
		p90: r.p90 === null ? null : Number(r.p90)
	}));
}

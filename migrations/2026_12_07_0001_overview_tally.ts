// The overview's figures from running tallies (issue 20, item 5: p95 ≤ 100 ms at a million
// dossiers over any period up to two years). Read from the dossier indexes, a year's inflow and
// handling times meant scanning a quarter of a million index entries (~650 ms); from these
// tables, a few thousand rows.
//  - dossier_filed_tally: dossiers filed per process and local day (Europe/Brussels, the
//    overview's time zone): a period's inflow per week is a sum over its days.
//  - dossier_handled_tally: decided dossiers per process, local week of the decision (its Monday)
//    and handling_days: a histogram from which the median and 90th percentile follow exactly.
//    A period's whole weeks come from here; the days before its first Monday and from its last
//    Monday on are read from the dossier_handled index (a few days' worth).
// Both are striped and kept like dossier_tally (migration 2026_12_06_0001): statement-level
// triggers add each statement's net change per key to the row of the transaction's stripe (1–8);
// the hourly compaction folds stripes into stripe 0. They are filled from the dossiers found.
// Frozen once landed.
import { sql, type Kysely, type RawBuilder } from 'kysely';

const ZONE = sql.lit('Europe/Brussels');
const DAY = sql`(submitted_at at time zone ${ZONE})::date`;
const WEEK = sql`date_trunc('week', closed_at at time zone ${ZONE})::date`;
const TUNING = sql`with (fillfactor = 50, autovacuum_vacuum_scale_factor = 0,
	autovacuum_vacuum_threshold = 2000, autovacuum_analyze_scale_factor = 0,
	autovacuum_analyze_threshold = 2000)`;

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create table dossier_filed_tally (
		process_id text not null,
		day date not null,
		stripe smallint not null default 0,
		n integer not null,
		constraint dossier_filed_tally_key unique (process_id, day, stripe)
	) ${TUNING}`.execute(db);
	await sql`create table dossier_handled_tally (
		process_id text not null,
		week date not null,
		handling_days integer not null,
		stripe smallint not null default 0,
		n integer not null,
		constraint dossier_handled_tally_key unique (process_id, week, handling_days, stripe)
	) ${TUNING}`.execute(db);

	// Filled under a share lock, so no filing slips between the fill and the triggers.
	await sql`lock table dossier in share mode`.execute(db);
	await sql`insert into dossier_filed_tally (process_id, day, stripe, n)
		select process_id, ${DAY}, 0, count(*) from dossier group by 1, 2`.execute(db);
	await sql`insert into dossier_handled_tally (process_id, week, handling_days, stripe, n)
		select process_id, ${WEEK}, handling_days, 0, count(*) from dossier
		where handling_days is not null and closed_at is not null group by 1, 2, 3`.execute(db);

	// One function for the three triggers (transition tables need one trigger per event); each
	// event reads the transition tables it has.
	const rows = (event: 'INSERT' | 'UPDATE' | 'DELETE', columns: RawBuilder<unknown>) => {
		const added = sql`select ${columns}, 1 as d from new_rows`;
		const removed = sql`select ${columns}, -1 as d from old_rows`;
		return event === 'INSERT'
			? added
			: event === 'DELETE'
				? removed
				: sql`${added} union all ${removed}`;
	};
	const count = (event: 'INSERT' | 'UPDATE' | 'DELETE') => sql`
		insert into dossier_filed_tally as t (process_id, day, stripe, n)
		select process_id, day, s, sum(d) from (${rows(event, sql`process_id, ${DAY} as day`)}) c
		group by 1, 2 having sum(d) <> 0 order by 1, 2
		on conflict on constraint dossier_filed_tally_key do update set n = t.n + excluded.n;
		insert into dossier_handled_tally as t (process_id, week, handling_days, stripe, n)
		select process_id, week, handling_days, s, sum(d) from (
			${rows(event, sql`process_id, ${WEEK} as week, handling_days`)}
		) c
		where handling_days is not null and week is not null
		group by 1, 2, 3 having sum(d) <> 0 order by 1, 2, 3
		on conflict on constraint dossier_handled_tally_key do update set n = t.n + excluded.n;`;
	await sql`
		create function dossier_overview_tally() returns trigger language plpgsql as $$
		declare
			s smallint := 1 + txid_current() % 8;
		begin
			if tg_op = 'INSERT' then ${count('INSERT')}
			elsif tg_op = 'DELETE' then ${count('DELETE')}
			else ${count('UPDATE')}
			end if;
			return null;
		end $$`.execute(db);
	await sql`create trigger dossier_overview_tally_insert after insert on dossier
		referencing new table as new_rows for each statement execute function dossier_overview_tally()`.execute(
		db
	);
	await sql`create trigger dossier_overview_tally_update after update on dossier
		referencing old table as old_rows new table as new_rows
		for each statement execute function dossier_overview_tally()`.execute(db);
	await sql`create trigger dossier_overview_tally_delete after delete on dossier
		referencing old table as old_rows for each statement execute function dossier_overview_tally()`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop trigger dossier_overview_tally_delete on dossier`.execute(db);
	await sql`drop trigger dossier_overview_tally_update on dossier`.execute(db);
	await sql`drop trigger dossier_overview_tally_insert on dossier`.execute(db);
	await sql`drop function dossier_overview_tally()`.execute(db);
	await sql`drop table dossier_handled_tally`.execute(db);
	await sql`drop table dossier_filed_tally`.execute(db);
}

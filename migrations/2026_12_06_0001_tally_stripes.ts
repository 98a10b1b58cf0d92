// The inbox tally, striped: counts per (process, version, state, assignee, open) kept in place,
// so reading them costs the same however long ago the clean-up ran.
//  - dossier_tally holds at most one row per key and stripe. A statement-level trigger adds each
//    statement's net change per key to the row of its stripe (INSERT … ON CONFLICT DO UPDATE).
//    The stripe is 1–8, from the transaction id: two transactions touching the same key at once
//    wait for each other only when they drew the same stripe (one in eight), and keys are written
//    in one order within a statement, so a single-statement change cannot deadlock.
//  - Stripe 0 belongs to the compaction (foldTally): it folds a key's stripes into its stripe-0
//    row and drops zero rows, skipping rows a transaction holds; triggers never wait on it.
//  - Rows are updated in place (HOT: `n` is in no index; fillfactor 50 leaves room on the page),
//    so the table stays at keys × 9 rows at most, plus what autovacuum reclaims often.
//  - Existing +1/-1 rows are folded into stripe 0. Needs PostgreSQL 15 (unique nulls not distinct).
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

const KEY = sql.raw('process_id, process_version, status, assignee_id, open');

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`lock table dossier_tally in access exclusive mode`.execute(db);
	await sql`drop trigger dossier_tally on dossier`.execute(db);
	await sql`drop function dossier_tally()`.execute(db);
	await sql`alter table dossier_tally rename to dossier_tally_log`.execute(db);
	await sql`create table dossier_tally (
		process_id text not null,
		process_version integer not null,
		status text not null,
		assignee_id uuid,
		open boolean not null,
		stripe smallint not null default 0,
		n integer not null,
		constraint dossier_tally_key unique nulls not distinct (process_id, process_version, status, assignee_id, open, stripe)
	) with (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
		autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 2000)`.execute(db);
	await sql`insert into dossier_tally (${KEY}, stripe, n)
		select ${KEY}, 0, sum(n) from dossier_tally_log
		group by ${KEY} having sum(n) <> 0 order by ${KEY}`.execute(db);
	await sql`drop table dossier_tally_log`.execute(db);

	// One function for the three triggers: transition tables need one trigger per event.
	await sql`
		create function dossier_tally() returns trigger language plpgsql as $$
		declare
			s smallint := 1 + txid_current() % 8;
		begin
			if tg_op = 'INSERT' then
				insert into dossier_tally as t (${KEY}, stripe, n)
				select process_id, process_version, status, assignee_id, closed_at is null, s, count(*)
				from new_rows group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
				on conflict on constraint dossier_tally_key do update set n = t.n + excluded.n;
			elsif tg_op = 'DELETE' then
				insert into dossier_tally as t (${KEY}, stripe, n)
				select process_id, process_version, status, assignee_id, closed_at is null, s, -count(*)
				from old_rows group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
				on conflict on constraint dossier_tally_key do update set n = t.n + excluded.n;
			else
				-- Only keys whose count changed: an update of other columns writes nothing.
				insert into dossier_tally as t (${KEY}, stripe, n)
				select process_id, process_version, status, assignee_id, open, s, sum(d) from (
					select process_id, process_version, status, assignee_id, closed_at is null as open, -1 as d from old_rows
					union all
					select process_id, process_version, status, assignee_id, closed_at is null, 1 from new_rows
				) c
				group by 1, 2, 3, 4, 5 having sum(d) <> 0 order by 1, 2, 3, 4, 5
				on conflict on constraint dossier_tally_key do update set n = t.n + excluded.n;
			end if;
			return null;
		end $$`.execute(db);
	await sql`create trigger dossier_tally_insert after insert on dossier
		referencing new table as new_rows for each statement execute function dossier_tally()`.execute(db);
	await sql`create trigger dossier_tally_update after update on dossier
		referencing old table as old_rows new table as new_rows
		for each statement execute function dossier_tally()`.execute(db);
	await sql`create trigger dossier_tally_delete after delete on dossier
		referencing old table as old_rows for each statement execute function dossier_tally()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`lock table dossier_tally in access exclusive mode`.execute(db);
	await sql`drop trigger dossier_tally_delete on dossier`.execute(db);
	await sql`drop trigger dossier_tally_update on dossier`.execute(db);
	await sql`drop trigger dossier_tally_insert on dossier`.execute(db);
	await sql`drop function dossier_tally()`.execute(db);
	await sql`create table dossier_tally_log as
		select ${KEY}, sum(n)::integer as n from dossier_tally group by ${KEY} having sum(n) <> 0`.execute(
		db
	);
	await sql`drop table dossier_tally`.execute(db);
	await sql`alter table dossier_tally_log rename to dossier_tally`.execute(db);
	await sql`alter table dossier_tally alter column n set not null, alter column open set not null,
		alter column process_id set not null, alter column process_version set not null,
		alter column status set not null`.execute(db);
	await sql`
		create function dossier_tally() returns trigger language plpgsql as $$
		begin
			if tg_op = 'INSERT' then
				insert into dossier_tally values (new.process_id, new.process_version, new.status, new.assignee_id, new.closed_at is null, 1);
			elsif tg_op = 'DELETE' then
				insert into dossier_tally values (old.process_id, old.process_version, old.status, old.assignee_id, old.closed_at is null, -1);
			elsif (old.process_id, old.process_version, old.status, old.assignee_id, old.closed_at is null)
				is distinct from (new.process_id, new.process_version, new.status, new.assignee_id, new.closed_at is null) then
				insert into dossier_tally values (old.process_id, old.process_version, old.status, old.assignee_id, old.closed_at is null, -1),
					(new.process_id, new.process_version, new.status, new.assignee_id, new.closed_at is null, 1);
			end if;
			return null;
		end $$`.execute(db);
	await sql`create trigger dossier_tally after insert or update or delete on dossier
		for each row execute function dossier_tally()`.execute(db);
}

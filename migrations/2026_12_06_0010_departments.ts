// Departments (issue 20, item 2): staff see and handle only the dossiers of their departments.
//  - department: the municipality's services (Burgerzaken, Omgeving…). Exactly one is the default:
//    a process nobody assigned yet and a new member of staff land there, so that a municipality
//    that never makes a second department works as before, with everyone in "Algemeen".
//  - department_member: who works in which department (staff and admins who handle dossiers).
//  - process_department: which departments handle a process's dossiers (one or more).
//  - dossier.department_id: set when a dossier is handed over to a department; null means "the
//    departments of its process". A dossier is visible to a member of its department, or, when it
//    was never handed over, of one of its process's departments (server/departments/scope.ts).
//  - The database keeps the zero-configuration promise itself: a trigger puts every new process in
//    the default department, and every new account with the role staff or admin in it (and one that
//    is given such a role while it belongs to no department), whichever code path made them.
//  - The inbox tally gets the dossier's department in its key, so that the counts of an inbox
//    scoped to some departments stay exact after a hand-over.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

const OLD_KEY = sql.raw('process_id, process_version, status, assignee_id, open');
const KEY = sql.raw('process_id, process_version, status, assignee_id, open, department_id');

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create table department (
		id uuid primary key default gen_random_uuid(),
		name text not null check (length(btrim(name)) between 1 and 100),
		is_default boolean not null default false,
		created_at timestamptz not null default now()
	)`.execute(db);
	await sql`create unique index department_name on department (lower(btrim(name)))`.execute(db);
	await sql`create unique index department_one_default on department (is_default) where is_default`.execute(
		db
	);
	await sql`create table department_member (
		department_id uuid not null references department (id) on delete cascade,
		user_id uuid not null references app_user (id) on delete cascade,
		primary key (department_id, user_id)
	)`.execute(db);
	await sql`create index department_member_user on department_member (user_id)`.execute(db);
	await sql`create table process_department (
		process_id text not null references process (id) on delete cascade,
		department_id uuid not null references department (id) on delete cascade,
		primary key (process_id, department_id)
	)`.execute(db);
	await sql`create index process_department_department on process_department (department_id)`.execute(
		db
	);
	await sql`alter table dossier add column department_id uuid references department (id) on delete restrict`.execute(
		db
	);
	await sql`create index dossier_department on dossier (department_id) where department_id is not null`.execute(
		db
	);

	// The default department, with every process and every member of staff there is.
	await sql`insert into department (name, is_default) values ('Algemeen', true)`.execute(db);
	await sql`insert into process_department (process_id, department_id)
		select p.id, d.id from process p, department d where d.is_default`.execute(db);
	await sql`insert into department_member (department_id, user_id)
		select d.id, u.id from app_user u, department d
		where d.is_default and u.roles && array['staff','admin']::text[] and u.deleted_at is null`.execute(
		db
	);

	await sql`
		create function process_default_department() returns trigger language plpgsql as $$
		begin
			insert into process_department (process_id, department_id)
			select new.id, d.id from department d where d.is_default
			on conflict do nothing;
			return null;
		end $$`.execute(db);
	await sql`create trigger process_default_department after insert on process
		for each row execute function process_default_department()`.execute(db);
	await sql`
		create function staff_default_department() returns trigger language plpgsql as $$
		begin
			if new.roles && array['staff','admin']::text[] and new.deleted_at is null
				and (tg_op = 'INSERT' or not (old.roles && array['staff','admin']::text[]))
				and not exists (select 1 from department_member m where m.user_id = new.id) then
				insert into department_member (department_id, user_id)
				select d.id, new.id from department d where d.is_default
				on conflict do nothing;
			end if;
			return null;
		end $$`.execute(db);
	await sql`create trigger staff_default_department after insert or update of roles on app_user
		for each row execute function staff_default_department()`.execute(db);

	// The tally's key gains the department (null for nearly every dossier: no new rows).
	await sql`lock table dossier_tally in access exclusive mode`.execute(db);
	await sql`alter table dossier_tally add column department_id uuid`.execute(db);
	await sql`alter table dossier_tally drop constraint dossier_tally_key`.execute(db);
	await sql`alter table dossier_tally add constraint dossier_tally_key
		unique nulls not distinct (process_id, process_version, status, assignee_id, open, department_id, stripe)`.execute(
		db
	);
	await tallyFunction(db, true);
}

/** The tally's trigger function (migration tally_stripes), with or without the department. */
async function tallyFunction(db: Kysely<unknown>, withDepartment: boolean) {
	const key = withDepartment ? KEY : OLD_KEY;
	const more = withDepartment ? sql.raw(', department_id') : sql.raw('');
	const groups = sql.raw(withDepartment ? '1, 2, 3, 4, 5, 6' : '1, 2, 3, 4, 5');
	await sql`
		create or replace function dossier_tally() returns trigger language plpgsql as $$
		declare
			s smallint := 1 + txid_current() % 8;
		begin
			if tg_op = 'INSERT' then
				insert into dossier_tally as t (${key}, stripe, n)
				select process_id, process_version, status, assignee_id, closed_at is null${more}, s, count(*)
				from new_rows group by ${groups} order by ${groups}
				on conflict on constraint dossier_tally_key do update set n = t.n + excluded.n;
			elsif tg_op = 'DELETE' then
				insert into dossier_tally as t (${key}, stripe, n)
				select process_id, process_version, status, assignee_id, closed_at is null${more}, s, -count(*)
				from old_rows group by ${groups} order by ${groups}
				on conflict on constraint dossier_tally_key do update set n = t.n + excluded.n;
			else
				-- Only keys whose count changed: an update of other columns writes nothing.
				insert into dossier_tally as t (${key}, stripe, n)
				select process_id, process_version, status, assignee_id, open${more}, s, sum(d) from (
					select process_id, process_version, status, assignee_id, closed_at is null as open${more}, -1 as d from old_rows
					union all
					select process_id, process_version, status, assignee_id, closed_at is null${more}, 1 from new_rows
				) c
				group by ${groups} having sum(d) <> 0 order by ${groups}
				on conflict on constraint dossier_tally_key do update set n = t.n + excluded.n;
			end if;
			return null;
		end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`lock table dossier_tally in access exclusive mode`.execute(db);
	await tallyFunction(db, false);
	// A handed-over dossier's rows fold into its process's key.
	await sql`alter table dossier_tally drop constraint dossier_tally_key`.execute(db);
	await sql`alter table dossier_tally drop column department_id`.execute(db);
	await sql`with old as (delete from dossier_tally returning *)
		insert into dossier_tally (${OLD_KEY}, stripe, n)
		select ${OLD_KEY}, stripe, sum(n) from old group by ${OLD_KEY}, stripe having sum(n) <> 0`.execute(
		db
	);
	await sql`alter table dossier_tally add constraint dossier_tally_key
		unique nulls not distinct (process_id, process_version, status, assignee_id, open, stripe)`.execute(
		db
	);
	await sql`drop trigger staff_default_department on app_user`.execute(db);
	await sql`drop function staff_default_department()`.execute(db);
	await sql`drop trigger process_default_department on process`.execute(db);
	await sql`drop function process_default_department()`.execute(db);
	await sql`alter table dossier drop column department_id`.execute(db);
	await sql`drop table process_department`.execute(db);
	await sql`drop table department_member`.execute(db);
	await sql`drop table department`.execute(db);
}

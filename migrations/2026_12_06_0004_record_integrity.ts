// The integrity of the record (issue 24, item 23). The tables are owned by the role that runs the
// migrations; the application works as `loket_app`, a NOLOGIN role made here, which may read and
// write what the application changes, but can never alter, drop, truncate or disable a trigger on
// any table (that takes ownership) and never change or remove what is part of the record:
//  - dossier_event, process_event, message, attachment: insert only (a correction is a new row);
//  - dossier: no DELETE, and a trigger (owned by the owner, so the application cannot drop or
//    disable it) refuses any change to what was filed: the answers, reference, process version,
//    applicant, language, submission id and time. Status, assignee, owner, clock… stay writable.
//  - api_call: insert only; the 400-day retention deletes through prune_api_calls(), a SECURITY
//    DEFINER function of the owner that never deletes a younger call;
//  - webhook_delivery: insert, and UPDATE only of the columns the delivery worker writes.
// The Kysely migration tables are the owner's alone. Every other table gets SELECT, INSERT, UPDATE,
// DELETE, and so do tables later migrations create (ALTER DEFAULT PRIVILEGES below): a new table is
// writable by the application unless its migration revokes something, as this one does.
// A role is cluster-wide, privileges belong to one database's objects: the role is made only if it
// does not exist yet (several databases, or test schemas, may run this at once), the grants are
// made on this schema's tables. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		do $$
		begin
			if not exists (select from pg_roles where rolname = 'loket_app') then
				begin
					create role loket_app nologin;
				exception
					-- another database's migration made it a moment ago
					when duplicate_object or unique_violation then null;
					when insufficient_privilege then
						raise exception 'Cannot create the role loket_app: give % the CREATEROLE attribute, or create it once as a superuser (CREATE ROLE loket_app NOLOGIN; GRANT loket_app TO %).', current_user, current_user;
				end;
			end if;
			-- The owner must be able to SET ROLE loket_app when the application connects as the owner
			-- (a superuser always can). Granted again if need be: on PostgreSQL 16 the role's creator
			-- holds it with ADMIN but without SET.
			if not (select rolsuper from pg_roles where rolname = current_user) then
				begin
					execute format('grant loket_app to %I', current_user);
				exception when others then
					raise notice 'loket_app is not granted to %: the application must then connect (DATABASE_URL) as a login role that is a member of loket_app', current_user;
				end;
			end if;
		end
		$$`.execute(db);

	await sql`
		do $$
		declare
			s text := current_schema();
		begin
			execute format('grant usage on schema %I to loket_app', s);
			execute format('grant select, insert, update, delete on all tables in schema %I to loket_app', s);
			execute format('grant usage, select on all sequences in schema %I to loket_app', s);
			execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to loket_app', s);
			execute format('alter default privileges in schema %I grant usage, select on sequences to loket_app', s);
		end
		$$`.execute(db);
	await sql`revoke all on kysely_migration, kysely_migration_lock from loket_app`.execute(db);
	await sql`revoke update, delete on dossier_event, process_event, message, attachment, api_call, webhook_delivery from loket_app`.execute(
		db
	);
	await sql`revoke delete on dossier from loket_app`.execute(db);
	await sql`grant update (status, attempts, last_status_code, last_error, last_attempt_at, delivered_at)
		on webhook_delivery to loket_app`.execute(db);

	await sql`
		create function dossier_filed_unchanged() returns trigger language plpgsql as $$
		begin
			if (new.id, new.reference, new.process_id, new.process_version, new.answers, new.language,
					new.applicant_name, new.applicant_email, new.submission_id, new.submitted_at)
				is distinct from
				(old.id, old.reference, old.process_id, old.process_version, old.answers, old.language,
					old.applicant_name, old.applicant_email, old.submission_id, old.submitted_at) then
				raise exception 'dossier %: what was filed cannot change', old.reference
					using errcode = 'insufficient_privilege';
			end if;
			return new;
		end $$`.execute(db);
	await sql`
		create trigger dossier_filed_unchanged before update on dossier
		for each row execute function dossier_filed_unchanged()`.execute(db);

	// search_path is fixed to this schema (pg_temp last), as a SECURITY DEFINER function must.
	await sql`
		do $do$
		begin
			execute format($f$
				create function prune_api_calls(before timestamptz) returns integer
				language sql security definer set search_path = %I, pg_temp as $b$
					with gone as (
						delete from api_call where at < least(before, now() - interval '400 days') returning 1
					)
					select count(*)::integer from gone
				$b$ $f$, current_schema());
		end
		$do$`.execute(db);
	await sql`revoke execute on function prune_api_calls(timestamptz) from public`.execute(db);
	await sql`grant execute on function prune_api_calls(timestamptz) to loket_app`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop function prune_api_calls(timestamptz)`.execute(db);
	await sql`drop trigger dossier_filed_unchanged on dossier`.execute(db);
	await sql`drop function dossier_filed_unchanged()`.execute(db);
	await sql`
		do $$
		declare
			s text := current_schema();
		begin
			execute format('alter default privileges in schema %I revoke all on tables from loket_app', s);
			execute format('alter default privileges in schema %I revoke all on sequences from loket_app', s);
			execute format('revoke all on all tables in schema %I from loket_app', s);
			execute format('revoke all on all sequences in schema %I from loket_app', s);
			execute format('revoke usage on schema %I from loket_app', s);
		end
		$$`.execute(db);
}

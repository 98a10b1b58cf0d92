// Retention and destruction (issue 23, items 1 and 2). A closed dossier whose term has passed is
// destroyed: its answers, files, messages' text and drafts go; the row stays as a tombstone
// (reference, process, version, dates, final state, `destroyed_at` and the rule applied in
// `retention`) so statistics and the audit trail stay whole. The record's triggers allow exactly
// that change and nothing after it:
//  - dossier: what was filed may change only in the one update that sets `destroyed_at` and
//    clears the answers and the applicant; a destroyed dossier's filed columns, `destroyed_at`
//    and `retention` never change again, and it cannot be put on hold;
//  - attachment, outgoing_document: a row may be deleted only when its dossier is destroyed;
//  - destroy_dossier(), a SECURITY DEFINER function of the owner, does the whole change in the
//    caller's transaction (the application's role may not delete files' rows nor change
//    messages itself), refuses a dossier on legal hold or not closed, and notes the freed
//    storage keys in retention_pending_file so that a run killed before the bytes are gone
//    removes them the next time.
// The access log of a destroyed dossier may be deleted a year or more after it, only through
// prune_access_log() (the term is configured; the function never deletes younger rows).
// Legal hold: `legal_hold_at` with a required reason (and who), which destroy_dossier refuses.
// Each daily run is a row of retention_run (claimed with a lease, so only one instance runs it;
// a run killed half-way is taken up again once its lease ends) and each dossier it destroyed or
// archived a row of retention_run_dossier, which the application may only insert.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table dossier
		add column legal_hold_at timestamptz,
		add column legal_hold_reason text,
		add column legal_hold_by uuid references app_user (id),
		add column destroyed_at timestamptz,
		add column retention jsonb,
		add constraint dossier_legal_hold check (
			(legal_hold_at is null) = (legal_hold_reason is null)
			and (legal_hold_reason is null or length(btrim(legal_hold_reason)) > 0)),
		add constraint dossier_destroyed check (destroyed_at is null or retention is not null)`.execute(db);
	await sql`create index dossier_closed_kept on dossier (closed_at)
		where closed_at is not null and destroyed_at is null`.execute(db);

	await sql`create table retention_run (
		id uuid primary key default gen_random_uuid(),
		day date not null unique,
		started_at timestamptz not null,
		lease_until timestamptz not null,
		finished_at timestamptz,
		destroyed integer not null default 0,
		archived integer not null default 0,
		held integer not null default 0,
		failed integer not null default 0,
		housekeeping jsonb not null default '{}'::jsonb
	)`.execute(db);
	await sql`create table retention_run_dossier (
		run_id uuid not null references retention_run (id),
		dossier_id uuid not null references dossier (id),
		action text not null check (action in ('destroy', 'archive')),
		at timestamptz not null default now(),
		package text,
		primary key (dossier_id)
	)`.execute(db);
	await sql`create table retention_pending_file (
		storage_key text primary key,
		dossier_id uuid not null references dossier (id),
		at timestamptz not null default now()
	)`.execute(db);

	await sql`
		create or replace function dossier_filed_unchanged() returns trigger language plpgsql as $$
		begin
			if old.destroyed_at is not null then
				if (new.answers, new.applicant_name, new.applicant_email, new.destroyed_at, new.retention,
						new.legal_hold_at)
					is distinct from
					(old.answers, old.applicant_name, old.applicant_email, old.destroyed_at, old.retention,
						old.legal_hold_at) then
					raise exception 'dossier %: it was destroyed on %', old.reference, old.destroyed_at
						using errcode = 'insufficient_privilege';
				end if;
			elsif new.destroyed_at is not null then
				-- The destruction: the answers and the applicant cleared, nothing else that was filed.
				if new.answers <> '{}'::jsonb or new.applicant_name <> '' or new.applicant_email is not null
						or new.retention is null or old.legal_hold_at is not null then
					raise exception 'dossier %: a destruction clears the answers and the applicant, and not on hold', old.reference
						using errcode = 'insufficient_privilege';
				end if;
			end if;
			if new.destroyed_at is null
				and (new.answers, new.applicant_name, new.applicant_email) is distinct from
					(old.answers, old.applicant_name, old.applicant_email) then
				raise exception 'dossier %: what was filed cannot change', old.reference
					using errcode = 'insufficient_privilege';
			end if;
			if (new.id, new.reference, new.process_id, new.process_version, new.language,
					new.submission_id, new.submitted_at)
				is distinct from
				(old.id, old.reference, old.process_id, old.process_version, old.language,
					old.submission_id, old.submitted_at) then
				raise exception 'dossier %: what was filed cannot change', old.reference
					using errcode = 'insufficient_privilege';
			end if;
			return new;
		end $$`.execute(db);

	await sql`
		create or replace function attachment_unchanged() returns trigger language plpgsql as $$
		begin
			if tg_op = 'DELETE' and exists (
				select from dossier where id = old.dossier_id and destroyed_at is not null
			) then
				return old;
			end if;
			raise exception 'attachment: a file in a dossier cannot be changed or removed (%)', tg_op
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		create or replace function outgoing_document_unchanged() returns trigger language plpgsql as $$
		begin
			if tg_op = 'DELETE' and exists (
				select from dossier where id = old.dossier_id and destroyed_at is not null
			) then
				return old;
			end if;
			raise exception 'outgoing document %: an issued document cannot be changed or removed', old.id
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);

	// search_path is fixed to this schema (pg_temp last), as a SECURITY DEFINER function must.
	await sql`
		do $do$
		begin
			execute format($f$
				create function destroy_dossier(p_id uuid, p_retention jsonb) returns integer
				language plpgsql security definer set search_path = %I, pg_temp as $b$
				declare
					d record;
					n integer;
				begin
					select id, reference, closed_at, legal_hold_at, destroyed_at into d
						from dossier where id = p_id for update;
					if not found then
						raise exception 'destroy_dossier: no dossier %%', p_id using errcode = 'no_data_found';
					end if;
					if d.destroyed_at is not null then
						return 0;
					end if;
					if d.legal_hold_at is not null then
						raise exception 'dossier %%: on legal hold', d.reference using errcode = 'check_violation';
					end if;
					if d.closed_at is null then
						raise exception 'dossier %%: not closed', d.reference using errcode = 'check_violation';
					end if;
					update dossier set destroyed_at = now(), retention = p_retention, answers = '{}'::jsonb,
						applicant_name = '', applicant_email = null
						where id = p_id;
					insert into retention_pending_file (storage_key, dossier_id)
						select storage_key, p_id from attachment where dossier_id = p_id
						union select storage_key, p_id from outgoing_document where dossier_id = p_id
						union select f.sha256, p_id from draft_file f join form_draft g on g.id = f.draft_id
							where g.dossier_id = p_id
						on conflict (storage_key) do nothing;
					get diagnostics n = row_count;
					delete from attachment where dossier_id = p_id;
					delete from outgoing_document where dossier_id = p_id;
					update message set body = '' where dossier_id = p_id;
					delete from draft_file where draft_id in (select id from form_draft where dossier_id = p_id);
					delete from form_draft where dossier_id = p_id;
					delete from push_subscription where dossier_id = p_id;
					return n;
				end
				$b$ $f$, current_schema());
		end
		$do$`.execute(db);
	await sql`revoke execute on function destroy_dossier(uuid, jsonb) from public`.execute(db);

	// The access log of a destroyed dossier goes some time after it (the term is the caller's,
	// never less than a year): only through this function, as api_call's retention does.
	await sql`
		create or replace function access_log_append_only() returns trigger language plpgsql as $$
		begin
			if tg_op = 'DELETE' and exists (
				select from dossier where id = old.dossier_id
					and destroyed_at < now() - interval '1 year'
			) then
				return old;
			end if;
			raise exception 'access_log is append-only: a look at a dossier stays on record'
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		do $do$
		begin
			execute format($f$
				create function prune_access_log(destroyed_before timestamptz) returns integer
				language sql security definer set search_path = %I, pg_temp as $b$
					with gone as (
						delete from access_log where dossier_id in (
							select id from dossier
							where destroyed_at < least(destroyed_before, now() - interval '1 year')
						) returning 1
					)
					select count(*)::integer from gone
				$b$ $f$, current_schema());
		end
		$do$`.execute(db);
	await sql`revoke execute on function prune_access_log(timestamptz) from public`.execute(db);
	await sql`
		do $$
		begin
			if exists (select from pg_roles where rolname = 'loket_app') then
				grant execute on function destroy_dossier(uuid, jsonb) to loket_app;
				grant execute on function prune_access_log(timestamptz) to loket_app;
				revoke update, delete, truncate on retention_run_dossier from loket_app;
			end if;
		end
		$$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop function prune_access_log(timestamptz)`.execute(db);
	await sql`
		create or replace function access_log_append_only() returns trigger language plpgsql as $$
		begin
			raise exception 'access_log is append-only: a look at a dossier stays on record'
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`drop function destroy_dossier(uuid, jsonb)`.execute(db);
	await sql`
		create or replace function outgoing_document_unchanged() returns trigger language plpgsql as $$
		begin
			raise exception 'outgoing document %: an issued document cannot be changed or removed', old.id
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		create or replace function attachment_unchanged() returns trigger language plpgsql as $$
		begin
			raise exception 'attachment: a file in a dossier cannot be changed or removed (%)', tg_op
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		create or replace function dossier_filed_unchanged() returns trigger language plpgsql as $$
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
	await sql`drop table retention_pending_file`.execute(db);
	await sql`drop table retention_run_dossier`.execute(db);
	await sql`drop table retention_run`.execute(db);
	await sql`drop index dossier_closed_kept`.execute(db);
	await sql`alter table dossier drop constraint dossier_destroyed, drop constraint dossier_legal_hold,
		drop column retention, drop column destroyed_at, drop column legal_hold_by,
		drop column legal_hold_reason, drop column legal_hold_at`.execute(db);
}

// A destroyed dossier names no one who acted for an enterprise (issues 18 and 23). Who acted
// (`on_behalf_by`, `on_behalf_role`) is personal data and goes with the answers and the
// applicant; for which enterprise (`on_behalf_kbo`, `on_behalf_name`) is not, and stays on the
// tombstone for the statistics. So:
//  - destroy_dossier() (retention) also clears `on_behalf_by` and `on_behalf_role`; its body is
//    otherwise the same, still SECURITY DEFINER with its search_path fixed, its grants kept;
//  - the on_behalf trigger allows exactly that change: `by` and `role` made null, the enterprise
//    unchanged, on a row that is a tombstone after the update (`destroyed_at` set; the record
//    trigger lets `destroyed_at` be set only by the destruction and never changed after it).
//    Any other change to on whose behalf a dossier was filed is still refused;
//  - the check dossier_on_behalf lets a tombstone keep the enterprise without who acted;
//  - tombstones destroyed before this migration are cleared the same way, here.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table dossier drop constraint dossier_on_behalf,
		add constraint dossier_on_behalf check (
			(on_behalf_kbo is null and on_behalf_name is null and on_behalf_by is null
				and on_behalf_role is null)
			or (on_behalf_kbo is not null and on_behalf_name is not null and on_behalf_by is not null)
			or (on_behalf_kbo is not null and on_behalf_name is not null and on_behalf_by is null
				and on_behalf_role is null and destroyed_at is not null))`.execute(db);
	await sql`
		create or replace function dossier_on_behalf_unchanged() returns trigger language plpgsql as $$
		begin
			if (new.on_behalf_kbo, new.on_behalf_name, new.on_behalf_by, new.on_behalf_role)
				is not distinct from (old.on_behalf_kbo, old.on_behalf_name, old.on_behalf_by, old.on_behalf_role) then
				return new;
			end if;
			-- The destruction: who acted goes, the enterprise stays.
			if new.destroyed_at is not null and new.on_behalf_by is null and new.on_behalf_role is null
				and (new.on_behalf_kbo, new.on_behalf_name) is not distinct from (old.on_behalf_kbo, old.on_behalf_name) then
				return new;
			end if;
			raise exception 'dossier %: on whose behalf it was filed cannot change', old.reference
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await replaceDestroyDossier(db, true);
	await sql`update dossier set on_behalf_by = null, on_behalf_role = null
		where destroyed_at is not null and (on_behalf_by is not null or on_behalf_role is not null)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await replaceDestroyDossier(db, false);
	await sql`
		create or replace function dossier_on_behalf_unchanged() returns trigger language plpgsql as $$
		begin
			if (new.on_behalf_kbo, new.on_behalf_name, new.on_behalf_by, new.on_behalf_role)
				is distinct from (old.on_behalf_kbo, old.on_behalf_name, old.on_behalf_by, old.on_behalf_role) then
				raise exception 'dossier %: on whose behalf it was filed cannot change', old.reference
					using errcode = 'insufficient_privilege';
			end if;
			return new;
		end $$`.execute(db);
	// Who acted for a destroyed dossier is gone for good: the old check holds for the other rows.
	await sql`alter table dossier drop constraint dossier_on_behalf,
		add constraint dossier_on_behalf check (
			(on_behalf_kbo is null and on_behalf_name is null and on_behalf_by is null
				and on_behalf_role is null)
			or (on_behalf_kbo is not null and on_behalf_name is not null and on_behalf_by is not null))
		not valid`.execute(db);
}

/** destroy_dossier as the retention migration made it, clearing who acted too when `clearBy`. */
async function replaceDestroyDossier(db: Kysely<unknown>, clearBy: boolean): Promise<void> {
	const onBehalf = clearBy ? ', on_behalf_by = null, on_behalf_role = null' : '';
	// search_path is fixed to this schema (pg_temp last), as a SECURITY DEFINER function must.
	await sql`
		do $do$
		begin
			execute format($f$
				create or replace function destroy_dossier(p_id uuid, p_retention jsonb) returns integer
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
						applicant_name = '', applicant_email = null${sql.raw(onBehalf)}
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
	// create or replace keeps the function's owner and grants; said again so this file stands alone.
	await sql`revoke execute on function destroy_dossier(uuid, jsonb) from public`.execute(db);
	await sql`
		do $$
		begin
			if exists (select from pg_roles where rolname = 'loket_app') then
				grant execute on function destroy_dossier(uuid, jsonb) to loket_app;
			end if;
		end
		$$`.execute(db);
}

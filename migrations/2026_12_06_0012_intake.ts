// Intake on behalf of a citizen (issue 20, item 3): staff file a request for a citizen who phones,
// stands at the desk, writes or mails, through the same form and the same filing as a citizen.
//  - form_draft.filed_by / channel / applicant_name / applicant_email: a draft that a member of
//    staff fills in for a citizen (an intake). It is found by its id and its staff member only,
//    never by a citizen's cookie or account; the citizen's name and e-mail are what staff entered
//    at the start (the form's own applicant fields win when it has them). All four or none.
//  - dossier.filed_by: the member of staff who filed it; null when the citizen (or the API) did.
//  - dossier.channel: also 'phone', 'desk', 'letter' or 'email' (filed by staff, filed_by set);
//    'web' and 'api' stay what they were (filed_by null).
//  - Both are part of the record: a trigger of the owner refuses any change to them, as
//    dossier_filed_unchanged (record_integrity) does for what was filed.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table form_draft
		add column filed_by uuid references app_user (id) on delete cascade,
		add column channel text,
		add column applicant_name text,
		add column applicant_email text`.execute(db);
	await sql`alter table form_draft add constraint form_draft_intake check (
		(filed_by is null and channel is null and applicant_name is null and applicant_email is null)
		or (filed_by is not null and channel in ('phone', 'desk', 'letter', 'email')
			and length(btrim(applicant_name)) between 1 and 200))`.execute(db);
	await sql`create index form_draft_filed_by on form_draft (filed_by, updated_at desc)
		where filed_by is not null`.execute(db);

	await sql`alter table dossier add column filed_by uuid references app_user (id)`.execute(db);
	await sql`alter table dossier drop constraint dossier_channel`.execute(db);
	await sql`alter table dossier add constraint dossier_channel check (
		(channel in ('web', 'api') and filed_by is null)
		or (channel in ('phone', 'desk', 'letter', 'email') and filed_by is not null))`.execute(db);
	await sql`create index dossier_filed_by on dossier (filed_by) where filed_by is not null`.execute(
		db
	);

	await sql`
		create function dossier_intake_unchanged() returns trigger language plpgsql as $$
		begin
			if (new.channel, new.filed_by) is distinct from (old.channel, old.filed_by) then
				raise exception 'dossier %: how and by whom it was filed cannot change', old.reference
					using errcode = 'insufficient_privilege';
			end if;
			return new;
		end $$`.execute(db);
	await sql`
		create trigger dossier_intake_unchanged before update on dossier
		for each row execute function dossier_intake_unchanged()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop trigger dossier_intake_unchanged on dossier`.execute(db);
	await sql`drop function dossier_intake_unchanged()`.execute(db);
	await sql`alter table dossier drop constraint dossier_channel`.execute(db);
	await sql`alter table dossier drop column filed_by`.execute(db);
	await sql`alter table dossier add constraint dossier_channel check (channel in ('web', 'api'))`.execute(
		db
	);
	await sql`drop index form_draft_filed_by`.execute(db);
	await sql`alter table form_draft drop constraint form_draft_intake,
		drop column filed_by, drop column channel, drop column applicant_name,
		drop column applicant_email`.execute(db);
}

// Deleting an account (issue 23, item 3). The person's dossiers stay with the municipality under
// the retention rules but no longer hang on the account: owner_id is cleared and owner_left_at
// says when the owner left, so a dossier without an owner and without a guest token is allowed
// for that reason only (dossier_has_owner, same name, one reason more). The applicant's e-mail
// filed in the dossier stays (it is part of what was filed), so status mails still reach them.
// The account row itself stays, erased, because audit events, messages and files name it as
// actor; that is why no foreign key turns into ON DELETE SET NULL.
// login_attempt also counts data-package downloads (kind 'export'), so that a hammered download
// is refused cheaply and the same way on every server. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table dossier
		add column owner_left_at timestamptz,
		drop constraint dossier_has_owner,
		add constraint dossier_has_owner
			check (owner_id is not null or guest_token_hash is not null or owner_left_at is not null),
		add constraint dossier_owner_left check (owner_left_at is null or owner_id is null)`.execute(db);
	await sql`alter table login_attempt
		drop constraint login_attempt_kind_check,
		add constraint login_attempt_kind_check check (kind in ('login', 'reset', 'export'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`delete from login_attempt where kind = 'export'`.execute(db);
	await sql`alter table login_attempt
		drop constraint login_attempt_kind_check,
		add constraint login_attempt_kind_check check (kind in ('login', 'reset'))`.execute(db);
	await sql`alter table dossier
		drop constraint dossier_owner_left,
		drop constraint dossier_has_owner,
		add constraint dossier_has_owner check (owner_id is not null or guest_token_hash is not null),
		drop column owner_left_at`.execute(db);
}

// Files staff send with a message to the citizen (issue 19, item 3). They are rows of `attachment`
// linked to their message, as the files of a citizen's reply are: one table for every file of a
// dossier, served by the same routes (owner, tracking link, staff of its department, API). This
// makes that table part of the record by trigger, as the audit trail and the issued documents are,
// so that also the owner's own mistakes cannot change or remove a file once sent or filed (the
// application's role already may not: record_integrity), and it refuses a file whose message is
// of another dossier or is an internal note: what the citizen may download is what their messages
// show. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create function attachment_unchanged() returns trigger language plpgsql as $$
		begin
			raise exception 'attachment: a file in a dossier cannot be changed or removed (%)', tg_op
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		create trigger attachment_unchanged before update or delete on attachment
		for each row execute function attachment_unchanged()`.execute(db);
	await sql`
		create trigger attachment_no_truncate before truncate on attachment
		for each statement execute function attachment_unchanged()`.execute(db);

	await sql`
		create function attachment_of_message() returns trigger language plpgsql as $$
		begin
			if new.message_id is not null and not exists (
				select from message
				where id = new.message_id and dossier_id = new.dossier_id and not internal
			) then
				raise exception 'attachment: message % is no message of dossier % that the citizen sees',
					new.message_id, new.dossier_id using errcode = 'check_violation';
			end if;
			return new;
		end $$`.execute(db);
	await sql`
		create trigger attachment_of_message before insert on attachment
		for each row execute function attachment_of_message()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop trigger attachment_of_message on attachment`.execute(db);
	await sql`drop function attachment_of_message()`.execute(db);
	await sql`drop trigger attachment_no_truncate on attachment`.execute(db);
	await sql`drop trigger attachment_unchanged on attachment`.execute(db);
	await sql`drop function attachment_unchanged()`.execute(db);
}

// French as a third language (issue 23, item 5): a document may be issued in French, and a
// standard reply may carry a French text (empty: the Dutch text is used, as for English).
// The other language columns (dossier, draft, push subscription) carry no CHECK: the code's
// types and the zod schemas keep them to the site's languages. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table outgoing_document
		drop constraint outgoing_document_language_check,
		add constraint outgoing_document_language_check check (language in ('nl', 'en', 'fr'))`.execute(db);
	await sql`alter table reply_template add column body_fr text not null default ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`alter table reply_template drop column body_fr`.execute(db);
	await sql`alter table outgoing_document
		drop constraint outgoing_document_language_check,
		add constraint outgoing_document_language_check check (language in ('nl', 'en'))`.execute(db);
}

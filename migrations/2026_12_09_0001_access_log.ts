// The access log (issue 23, item 4): every look at a dossier, on record. Each row says who looked
// (a member of staff, or an API token, with the name as it was then), when, what they did (opened
// the dossier, downloaded one of its files or documents or saw a photo's preview on its page, exported it in a list, read it through
// the API, exported its access log) and which file or document. An export of N dossiers is N rows,
// so a data-protection request about one dossier finds every list it left in. Part of the record:
// the application may insert rows, never change or remove one (privileges, and a trigger of the
// owner that also stops the owner's own mistakes). Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create table access_log (
		id bigserial primary key,
		at timestamptz not null default now(),
		action text not null check (action in (
			'dossier.viewed', 'file.downloaded', 'file.previewed', 'document.downloaded',
			'dossiers.exported', 'api.dossier.read', 'api.file.downloaded', 'api.document.downloaded', 'api.dossiers.listed',
			'access-log.exported'
		)),
		-- Exactly one of the two: a member of staff or a token. No foreign keys: the log outlives
		-- accounts and tokens, and keeps their name as it was.
		user_id uuid,
		token_id uuid,
		actor_name text not null,
		dossier_id uuid not null references dossier (id),
		attachment_id uuid,
		document_id uuid,
		check ((user_id is null) <> (token_id is null)),
		check (attachment_id is null
			or action in ('file.downloaded', 'file.previewed', 'api.file.downloaded')),
		check (document_id is null or action in ('document.downloaded', 'api.document.downloaded'))
	)`.execute(db);
	await sql`create index access_log_dossier on access_log (dossier_id, at desc, id desc)`.execute(
		db
	);
	await sql`
		create function access_log_append_only() returns trigger language plpgsql as $$
		begin
			raise exception 'access_log is append-only: a look at a dossier stays on record'
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		create trigger access_log_append_only before update or delete on access_log
		for each row execute function access_log_append_only()`.execute(db);
	await sql`
		create trigger access_log_no_truncate before truncate on access_log
		for each statement execute function access_log_append_only()`.execute(db);
	await sql`
		do $$
		begin
			if exists (select from pg_roles where rolname = 'loket_app') then
				revoke update, delete, truncate on access_log from loket_app;
			end if;
		end
		$$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table access_log`.execute(db);
	await sql`drop function access_log_append_only()`.execute(db);
}

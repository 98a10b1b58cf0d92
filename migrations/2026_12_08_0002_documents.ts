// Outgoing documents (issue 19): the decisions, certificates, permits and refusal letters Loket
// issues on a workflow transition, rendered from the process's template, sealed when a seal is
// configured, and stored by SHA-256 like uploads. Part of the record: the application may insert
// them, never change or remove one (privileges, and a trigger of the owner that also stops the
// owner's own mistakes). Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create table outgoing_document (
		id uuid primary key default gen_random_uuid(),
		dossier_id uuid not null references dossier (id),
		template_id text not null,
		kind text not null check (kind in ('decision', 'certificate', 'permit', 'refusal')),
		title text not null,
		file_name text not null,
		language text not null check (language in ('nl', 'en')),
		sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
		size_bytes bigint not null check (size_bytes > 0),
		storage_key text not null,
		sealed boolean not null,
		created_at timestamptz not null default now(),
		-- The transition's audit event. No foreign key: dossier_event is append-only (its triggers
		-- refuse a delete or truncate), and a key would make TRUNCATE fail before they speak.
		created_by_event_id bigint not null,
		unique (created_by_event_id, template_id)
	)`.execute(db);
	await sql`create index outgoing_document_dossier on outgoing_document (dossier_id, created_at)`.execute(
		db
	);
	await sql`
		create function outgoing_document_unchanged() returns trigger language plpgsql as $$
		begin
			raise exception 'outgoing document %: an issued document cannot be changed or removed', old.id
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		create trigger outgoing_document_unchanged before update or delete on outgoing_document
		for each row execute function outgoing_document_unchanged()`.execute(db);
	await sql`
		do $$
		begin
			if exists (select from pg_roles where rolname = 'loket_app') then
				revoke update, delete, truncate on outgoing_document from loket_app;
			end if;
		end
		$$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table outgoing_document`.execute(db);
	await sql`drop function outgoing_document_unchanged()`.execute(db);
}

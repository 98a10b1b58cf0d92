// When each member of staff last opened each dossier (issue 20, item 4): the inbox marks a dossier
// with news from the citizen (a message newer than its assignee's last look). One row per dossier
// and person, overwritten on every look; it is no record, so the application may change it.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create table dossier_seen (
		dossier_id uuid not null references dossier (id),
		user_id uuid not null references app_user (id) on delete cascade,
		seen_at timestamptz not null,
		primary key (dossier_id, user_id)
	)`.execute(db);
	await sql`create index if not exists message_dossier_citizen on message (dossier_id, created_at)
		where author_role = 'citizen'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop index if exists message_dossier_citizen`.execute(db);
	await sql`drop table dossier_seen`.execute(db);
}

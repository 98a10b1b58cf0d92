// Staff alerts (issue 20, item 4): a daily e-mail to each member of staff with what asks for them
// (newly assigned to them, the citizen replied, due within two working days), which they can
// switch off (`app_user.digest`). `staff_digest` holds one row per person and day: written in the
// transaction that queues the mail, so several server instances send it once. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table app_user add column digest boolean not null default true`.execute(db);
	await sql`create table staff_digest (
		user_id uuid not null references app_user (id) on delete cascade,
		day date not null,
		sent_at timestamptz not null default now(),
		primary key (user_id, day)
	)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table staff_digest`.execute(db);
	await sql`alter table app_user drop column digest`.execute(db);
}

// Several Loket workers and machines on one PostgreSQL (issue 21):
// - catalogue_revision: one counter the database raises whenever what the catalogue shows can have
//   changed (a version published, retired or removed; a process retired or reopened), and a
//   NOTIFY on the channel loket_catalogue at commit. Each server process caches the catalogue and
//   the product pages and drops them on the notification; while it is not listening it compares
//   the counter instead, so a cache is never stale. A trigger does it, so no write path can forget.
// - periodic_job: when each periodic job (the hourly clean-up, the staff digest) last ran. A worker
//   runs a job only if it moves last_run_at forward in one UPDATE, so of all the workers on all the
//   machines exactly one runs each round.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create table catalogue_revision (
		id boolean primary key default true check (id),
		revision bigint not null default 0
	)`.execute(db);
	await sql`insert into catalogue_revision default values`.execute(db);
	await sql`
		create function catalogue_changed() returns trigger language plpgsql as $$
		declare r bigint;
		begin
			update catalogue_revision set revision = revision + 1 returning revision into r;
			perform pg_notify('loket_catalogue', r::text);
			return null;
		end $$`.execute(db);
	await sql`
		create trigger process_catalogue_changed after insert or update or delete on process
		for each statement execute function catalogue_changed()`.execute(db);
	// Drafts are edited all day and are in no catalogue: only a version that is or was more than a
	// draft counts.
	await sql`
		create trigger process_version_inserted_catalogue after insert on process_version
		for each row when (new.status <> 'draft') execute function catalogue_changed()`.execute(db);
	await sql`
		create trigger process_version_updated_catalogue after update on process_version
		for each row when (old.status <> 'draft' or new.status <> 'draft')
		execute function catalogue_changed()`.execute(db);
	await sql`
		create trigger process_version_deleted_catalogue after delete on process_version
		for each row when (old.status <> 'draft') execute function catalogue_changed()`.execute(db);

	await sql`create table periodic_job (
		name text primary key,
		last_run_at timestamptz not null
	)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table periodic_job`.execute(db);
	await sql`drop trigger process_version_deleted_catalogue on process_version`.execute(db);
	await sql`drop trigger process_version_updated_catalogue on process_version`.execute(db);
	await sql`drop trigger process_version_inserted_catalogue on process_version`.execute(db);
	await sql`drop trigger process_catalogue_changed on process`.execute(db);
	await sql`drop function catalogue_changed()`.execute(db);
	await sql`drop table catalogue_revision`.execute(db);
}

// Clerks configure processes in the back-office (issue 6).
//  - process_version.revision: a draft is saved many times; each save checks the revision it was
//    read at, so two clerks never overwrite each other's work unseen.
//  - A version that is not a draft never changes: dossiers are pinned to it. The database refuses
//    any change to a published or retired version except published -> retired, and refuses to
//    delete one. Drafts may be changed and discarded.
//  - process_event: who changed what in which process, when. Append-only, like dossier_event.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('process_version')
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.alterTable('process_version')
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.alterTable('process_version')
		.addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
		.execute();

	await sql`
		create function process_version_frozen() returns trigger language plpgsql as $$
		begin
			if old.status = 'draft' then
				return case when tg_op = 'DELETE' then old else new end;
			end if;
			if tg_op = 'UPDATE' and old.status = 'published' and new.status = 'retired'
				and new.definition = old.definition and new.version = old.version
				and new.process_id = old.process_id then
				return new;
			end if;
			raise exception 'process_version %@% is %: it cannot be changed (%)',
				old.process_id, old.version, old.status, tg_op;
		end $$`.execute(db);
	await sql`
		create trigger process_version_frozen before update or delete on process_version
		for each row execute function process_version_frozen()`.execute(db);

	await db.schema
		.createTable('process_event')
		.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
		.addColumn('process_id', 'text', (c) => c.notNull().references('process.id'))
		.addColumn('version', 'integer')
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('actor_id', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('process_event_process')
		.on('process_event')
		.columns(['process_id', 'id'])
		.execute();
	await sql`
		create function process_event_append_only() returns trigger language plpgsql as $$
		begin
			raise exception 'process_event is append-only: % is not allowed', tg_op;
		end $$`.execute(db);
	await sql`
		create trigger process_event_append_only before update or delete on process_event
		for each row execute function process_event_append_only()`.execute(db);
	await sql`
		create trigger process_event_no_truncate before truncate on process_event
		for each statement execute function process_event_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('process_event').execute();
	await sql`drop function process_event_append_only()`.execute(db);
	await sql`drop trigger process_version_frozen on process_version`.execute(db);
	await sql`drop function process_version_frozen()`.execute(db);
	await db.schema.alterTable('process_version').dropColumn('updated_by').execute();
	await db.schema.alterTable('process_version').dropColumn('updated_at').execute();
	await db.schema.alterTable('process_version').dropColumn('revision').execute();
}

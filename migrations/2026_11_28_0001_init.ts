// The first schema of Loket: users and sessions, processes and their versions, dossiers with
// their append-only event log, messages, attachments and the outbox. Frozen once landed:
// change the schema in a new migration.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('app_user')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('password_hash', 'text')
		.addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{citizen}'::text[]`))
		.addColumn('email_verified_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint(
			'app_user_roles_known',
			sql`roles <@ array['citizen','staff','clerk','admin']::text[]`
		)
		.execute();
	await sql`create unique index app_user_email_unique on app_user (lower(email))`.execute(db);

	await db.schema
		.createTable('user_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('user_session_user').on('user_session').column('user_id').execute();

	await db.schema
		.createTable('process')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('retired_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('process_version')
		.addColumn('process_id', 'text', (c) => c.notNull().references('process.id'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('definition', 'jsonb', (c) => c.notNull())
		.addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('published_at', 'timestamptz')
		.addPrimaryKeyConstraint('process_version_pk', ['process_id', 'version'])
		.addCheckConstraint('process_version_status', sql`status in ('draft','published','retired')`)
		.addCheckConstraint('process_version_source', sql`source in ('library','builder','import')`)
		.execute();
	await sql`create unique index process_version_one_draft on process_version (process_id) where status = 'draft'`.execute(
		db
	);

	// Human references (2026-000123) count per year, inside the filing transaction.
	await db.schema
		.createTable('reference_counter')
		.addColumn('year', 'integer', (c) => c.primaryKey())
		.addColumn('last', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('dossier')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('reference', 'text', (c) => c.notNull().unique())
		.addColumn('process_id', 'text', (c) => c.notNull())
		.addColumn('process_version', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('answers', 'jsonb', (c) => c.notNull())
		.addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
		.addColumn('owner_id', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('guest_token_hash', 'text', (c) => c.unique())
		.addColumn('applicant_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('applicant_email', 'text')
		.addColumn('assignee_id', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('submission_id', 'uuid', (c) => c.notNull().unique())
		.addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('due_date', 'date')
		.addColumn('closed_at', 'timestamptz')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addForeignKeyConstraint(
			'dossier_process_version_fk',
			['process_id', 'process_version'],
			'process_version',
			['process_id', 'version']
		)
		.addCheckConstraint(
			'dossier_has_owner',
			sql`owner_id is not null or guest_token_hash is not null`
		)
		.execute();
	// The inbox sorts and filters by these; the citizen's list by owner and date.
	await db.schema
		.createIndex('dossier_inbox')
		.on('dossier')
		.columns(['submitted_at desc', 'id'])
		.execute();
	await db.schema
		.createIndex('dossier_status_due')
		.on('dossier')
		.columns(['status', 'due_date'])
		.execute();
	await db.schema
		.createIndex('dossier_process_status')
		.on('dossier')
		.columns(['process_id', 'status'])
		.execute();
	await db.schema
		.createIndex('dossier_assignee')
		.on('dossier')
		.columns(['assignee_id', 'status'])
		.execute();
	await db.schema
		.createIndex('dossier_owner')
		.on('dossier')
		.columns(['owner_id', 'submitted_at desc'])
		.execute();

	await db.schema
		.createTable('dossier_event')
		.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
		.addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossier.id'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('from_status', 'text')
		.addColumn('to_status', 'text')
		.addColumn('actor_id', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('actor_label', 'text')
		.addColumn('note', 'text')
		.addColumn('visibility', 'text', (c) => c.notNull())
		.addColumn('data', 'jsonb')
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('dossier_event_visibility', sql`visibility in ('public','internal')`)
		.execute();
	await db.schema
		.createIndex('dossier_event_dossier')
		.on('dossier_event')
		.columns(['dossier_id', 'id'])
		.execute();
	// The audit trail is append-only: the database itself refuses to change or remove an event.
	await sql`
		create function dossier_event_append_only() returns trigger language plpgsql as $$
		begin
			raise exception 'dossier_event is append-only: % is not allowed', tg_op;
		end $$`.execute(db);
	await sql`
		create trigger dossier_event_append_only before update or delete on dossier_event
		for each row execute function dossier_event_append_only()`.execute(db);
	await sql`
		create trigger dossier_event_no_truncate before truncate on dossier_event
		for each statement execute function dossier_event_append_only()`.execute(db);

	await db.schema
		.createTable('message')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossier.id'))
		.addColumn('author_id', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('author_role', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('internal', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('read_at', 'timestamptz')
		.addCheckConstraint('message_author_role', sql`author_role in ('citizen','staff','system')`)
		.execute();
	await db.schema
		.createIndex('message_dossier')
		.on('message')
		.columns(['dossier_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('attachment')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossier.id'))
		.addColumn('message_id', 'uuid', (c) => c.references('message.id'))
		.addColumn('field_key', 'text')
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('media_type', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'bigint', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('storage_key', 'text', (c) => c.notNull())
		.addColumn('uploaded_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('attachment_dossier').on('attachment').column('dossier_id').execute();

	await db.schema
		.createTable('outbox')
		.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('payload', 'jsonb', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('processed_at', 'timestamptz')
		.execute();
	await sql`create index outbox_pending on outbox (next_attempt_at) where processed_at is null`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	for (const table of [
		'outbox',
		'attachment',
		'message',
		'dossier_event',
		'dossier',
		'reference_counter',
		'process_version',
		'process',
		'user_session',
		'app_user'
	])
		await db.schema.dropTable(table).execute();
	await sql`drop function dossier_event_append_only()`.execute(db);
}

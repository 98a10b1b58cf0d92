// Form drafts between pages (for signed-in citizens and for guests, who hold an unguessable token
// in a cookie) and the files uploaded into them before the dossier exists. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('form_draft')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('owner_id', 'uuid', (c) => c.references('app_user.id').onDelete('cascade'))
		.addColumn('process_id', 'text', (c) => c.notNull())
		.addColumn('process_version', 'integer', (c) => c.notNull())
		.addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
		.addColumn('submission_id', 'uuid', (c) =>
			c
				.notNull()
				.unique()
				.defaultTo(sql`gen_random_uuid()`)
		)
		// Set at submit: a retried submit (double click, reload) finds the dossier through its draft.
		.addColumn('dossier_id', 'uuid', (c) => c.references('dossier.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addForeignKeyConstraint(
			'form_draft_process_version_fk',
			['process_id', 'process_version'],
			'process_version',
			['process_id', 'version']
		)
		.execute();
	await db.schema
		.createIndex('form_draft_owner')
		.on('form_draft')
		.columns(['owner_id', 'updated_at desc'])
		.execute();
	await db.schema.createIndex('form_draft_expires').on('form_draft').column('expires_at').execute();

	await db.schema
		.createTable('draft_file')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('draft_id', 'uuid', (c) =>
			c.notNull().references('form_draft.id').onDelete('cascade')
		)
		.addColumn('field_key', 'text', (c) => c.notNull())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('media_type', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'bigint', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('draft_file_draft').on('draft_file').column('draft_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('draft_file').execute();
	await db.schema.dropTable('form_draft').execute();
}

// Standard replies: text templates per process (or for every process) that staff insert into a
// message or a note, with the citizen's name, the reference and the due date filled in.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('reply_template')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		// null: offered on the dossiers of every process.
		.addColumn('process_id', 'text', (c) => c.references('process.id'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body_nl', 'text', (c) => c.notNull())
		.addColumn('body_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('reply_template_process')
		.on('reply_template')
		.column('process_id')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('reply_template').execute();
}

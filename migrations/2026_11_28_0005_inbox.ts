// The back-office inbox: a full-text search column on dossier (reference, applicant, e-mail and
// the answers, 'simple' configuration so names and references are not stemmed) with a GIN index,
// indexes for the inbox's sort orders, and the filters staff save by name. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	// A stored generated column: PGlite and PostgreSQL both accept it (to_tsvector with a constant
	// configuration and jsonb::text are immutable), so no trigger is needed.
	await sql`alter table dossier add column search tsvector generated always as (
		to_tsvector('simple', reference || ' ' || applicant_name || ' ' || coalesce(applicant_email, '') || ' ' || answers::text)
	) stored`.execute(db);
	await sql`create index dossier_search on dossier using gin (search)`.execute(db);
	await db.schema
		.createIndex('dossier_inbox_submitted')
		.on('dossier')
		.columns(['submitted_at', 'id'])
		.execute();
	await db.schema
		.createIndex('dossier_inbox_due')
		.on('dossier')
		.columns(['due_date', 'id'])
		.execute();

	await db.schema
		.createTable('saved_filter')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('query', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('saved_filter_user').on('saved_filter').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('saved_filter').execute();
	await db.schema.dropIndex('dossier_inbox_due').execute();
	await db.schema.dropIndex('dossier_inbox_submitted').execute();
	await db.schema.dropIndex('dossier_search').execute();
	await db.schema.alterTable('dossier').dropColumn('search').execute();
}

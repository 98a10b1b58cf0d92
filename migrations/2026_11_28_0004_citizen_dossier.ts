// Following a dossier: the handling clock can pause while the municipality waits for the citizen,
// staff can ask for named documents that the citizen uploads right there, accounts can be closed
// (their personal data removed, the municipality's records kept). Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('dossier')
		// Set while the dossier is in a state whose clock pauses; the due date moves on resume.
		.addColumn('clock_paused_at', 'timestamptz')
		.execute();
	await db.schema.alterTable('app_user').addColumn('deleted_at', 'timestamptz').execute();

	await db.schema
		.createTable('document_request')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossier.id'))
		.addColumn('message_id', 'uuid', (c) => c.references('message.id'))
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('fulfilled_at', 'timestamptz')
		.execute();
	await db.schema
		.createIndex('document_request_dossier')
		.on('document_request')
		.column('dossier_id')
		.execute();
	await db.schema
		.alterTable('attachment')
		.addColumn('document_request_id', 'uuid', (c) => c.references('document_request.id'))
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.alterTable('attachment').dropColumn('document_request_id').execute();
	await db.schema.dropTable('document_request').execute();
	await db.schema.alterTable('app_user').dropColumn('deleted_at').execute();
	await db.schema.alterTable('dossier').dropColumn('clock_paused_at').execute();
}

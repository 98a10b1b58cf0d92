// The mid-office API and webhooks (issue 9).
//  - api_token: a credential an admin gave to another system. Only the SHA-256 of the token is
//    kept; `prefix` (its first characters) lets people recognise it in lists. Scopes ('read',
//    'write') and, optionally, the processes it may see. Revoked tokens stay for the audit trail.
//  - api_call: every call made with a token (also refused ones), with the token's name as it was
//    then: the audit trail of the API, and what the rate limit counts.
//  - webhook: an address another system gave us, the events it wants and the secret we sign with.
//  - webhook_delivery: one event for one webhook; its id is the delivery id the receiver sees in
//    every attempt, so it can drop repeats. The outbox carries the attempts.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('api_token')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('prefix', 'text', (c) => c.notNull())
		.addColumn('scopes', sql`text[]`, (c) => c.notNull())
		.addColumn('process_ids', sql`text[]`)
		.addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_used_at', 'timestamptz')
		.addColumn('revoked_at', 'timestamptz')
		.addColumn('revoked_by', 'uuid', (c) => c.references('app_user.id'))
		.execute();

	await db.schema
		.createTable('api_call')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('token_id', 'uuid', (c) => c.notNull().references('api_token.id'))
		.addColumn('token_name', 'text', (c) => c.notNull())
		.addColumn('method', 'text', (c) => c.notNull())
		.addColumn('path', 'text', (c) => c.notNull())
		.addColumn('status', 'integer', (c) => c.notNull())
		.addColumn('dossier_id', 'uuid')
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('api_call_token_at')
		.on('api_call')
		.columns(['token_id', 'at'])
		.execute();

	await db.schema
		.createTable('webhook')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('url', 'text', (c) => c.notNull())
		.addColumn('events', sql`text[]`, (c) => c.notNull())
		.addColumn('secret', 'text', (c) => c.notNull())
		.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
		.addColumn('created_by', 'uuid', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('deleted_at', 'timestamptz')
		.execute();

	await db.schema
		.createTable('webhook_delivery')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('webhook_id', 'uuid', (c) => c.notNull().references('webhook.id'))
		.addColumn('event_type', 'text', (c) => c.notNull())
		.addColumn('payload', 'jsonb', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('last_status_code', 'integer')
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_attempt_at', 'timestamptz')
		.addColumn('delivered_at', 'timestamptz')
		.execute();
	await db.schema
		.createIndex('webhook_delivery_webhook_created')
		.on('webhook_delivery')
		.columns(['webhook_id', 'created_at'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('webhook_delivery').execute();
	await db.schema.dropTable('webhook').execute();
	await db.schema.dropTable('api_call').execute();
	await db.schema.dropTable('api_token').execute();
}

// Accounts: login attempts (rate limiting that holds across server instances, because it lives in
// the database) and single-use e-mail links (verify, reset, invite), stored only as the SHA-256 of
// the token. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('login_attempt')
		.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
		.addColumn('email_lower', 'text', (c) => c.notNull())
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('succeeded', 'boolean', (c) => c.notNull())
		.addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('login_attempt_email')
		.on('login_attempt')
		.columns(['email_lower', 'at'])
		.execute();
	await db.schema
		.createIndex('login_attempt_ip')
		.on('login_attempt')
		.columns(['ip', 'at'])
		.execute();

	await db.schema
		.createTable('user_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('used_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint(
			'user_token_purpose',
			sql`purpose in ('verify-email','reset-password','invite')`
		)
		.execute();
	await db.schema.createIndex('user_token_user').on('user_token').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('user_token').execute();
	await db.schema.dropTable('login_attempt').execute();
}

// Web Push (issue 7).
//  - push_vapid_key: the server's one VAPID key pair, made at first start. A single row (the
//    primary key can only be true), so two instances starting together cannot make two pairs:
//    the second insert does nothing and both read the same row back.
//  - push_subscription: one browser that wants to hear about dossiers, either a signed-in
//    citizen's (all their dossiers) or a guest's (the one dossier of their tracking link). The
//    endpoint is the browser's address at its push service: one row per endpoint.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('push_vapid_key')
		.addColumn('id', 'boolean', (c) =>
			c
				.primaryKey()
				.defaultTo(true)
				.check(sql`id`)
		)
		.addColumn('public_key', 'text', (c) => c.notNull())
		.addColumn('private_key', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('push_subscription')
		.addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
		.addColumn('endpoint', 'text', (c) => c.notNull().unique())
		.addColumn('p256dh', 'text', (c) => c.notNull())
		.addColumn('auth', 'text', (c) => c.notNull())
		.addColumn('user_id', 'uuid', (c) => c.references('app_user.id').onDelete('cascade'))
		.addColumn('dossier_id', 'uuid', (c) => c.references('dossier.id').onDelete('cascade'))
		.addColumn('language', 'text', (c) => c.notNull().defaultTo('nl'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_error', 'text')
		// Exactly one of the two: an account's device, or a guest following one dossier.
		.addCheckConstraint(
			'push_subscription_one_scope',
			sql`(user_id is null) <> (dossier_id is null)`
		)
		.execute();
	await db.schema
		.createIndex('push_subscription_user')
		.on('push_subscription')
		.column('user_id')
		.execute();
	await db.schema
		.createIndex('push_subscription_dossier')
		.on('push_subscription')
		.column('dossier_id')
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('push_subscription').execute();
	await db.schema.dropTable('push_vapid_key').execute();
}

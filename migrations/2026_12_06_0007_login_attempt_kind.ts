// login_attempt counts two things: password logins and requests for a password-reset link. The
// reset requests were told apart by a 'reset:' prefix on email_lower; they get a column of their
// own, `kind`, and the prefix goes. Existing rows are converted. The application's role keeps the
// rights it has on the table (SELECT, INSERT, UPDATE, DELETE, granted on the whole table by the
// record_integrity migration, which cover a new column), granted again here so that this
// migration says so. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.alterTable('login_attempt')
		.addColumn('kind', 'text', (c) =>
			c
				.notNull()
				.defaultTo('login')
				.check(sql`kind in ('login', 'reset')`)
		)
		.execute();
	await sql`
		update login_attempt set kind = 'reset', email_lower = substr(email_lower, 7)
		where email_lower like 'reset:%'`.execute(db);
	// Failures are looked up per kind, per address or per IP, within a time window.
	await db.schema.dropIndex('login_attempt_email').execute();
	await db.schema.dropIndex('login_attempt_ip').execute();
	await db.schema
		.createIndex('login_attempt_kind_email')
		.on('login_attempt')
		.columns(['kind', 'email_lower', 'at'])
		.execute();
	await db.schema
		.createIndex('login_attempt_kind_ip')
		.on('login_attempt')
		.columns(['kind', 'ip', 'at'])
		.execute();
	await sql`grant select, insert, update, delete on login_attempt to loket_app`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`
		update login_attempt set email_lower = 'reset:' || email_lower where kind = 'reset'`.execute(db);
	await db.schema.dropIndex('login_attempt_kind_ip').execute();
	await db.schema.dropIndex('login_attempt_kind_email').execute();
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
	await db.schema.alterTable('login_attempt').dropColumn('kind').execute();
}

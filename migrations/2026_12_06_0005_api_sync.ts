// Incremental sync and filing through the API (issue 24, items 26).
//  - dossier.change_seq: a number from one sequence, set again by a trigger whenever the dossier
//    changes (insert or update of its row, or a new message, audit event or attachment), once per
//    transaction: the last change of a dossier has the highest number. `changed_at` is when.
//    Sequence numbers are handed out in one order and committed in another, so every transaction
//    that takes one holds two transaction-scoped advisory locks until it ends: a shared one on
//    (S, 0) taken before the number, and one on (S, number), where S is the sequence's own oid (so
//    two schemas in one database do not mix). A reader sees in pg_locks which numbers may still
//    commit (see api/repository.ts) and never passes them. Numbers fit the int4 key to 2^31.
//  - dossier.channel: 'web' (filed at the e-counter) or 'api' (filed by another system; the
//    `submitted` event names the token).
//  - api_idempotency: the Idempotency-Key of each POST /dossiers per token, with a hash of the
//    request, so a retry returns the same dossier and a different request with the key is refused.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create sequence dossier_change_seq as bigint`.execute(db);
	await db.schema
		.alterTable('dossier')
		.addColumn('change_seq', 'bigint')
		.addColumn('change_txid', 'bigint')
		.addColumn('changed_at', 'timestamptz')
		.addColumn('channel', 'text', (c) => c.notNull().defaultTo('web'))
		.execute();
	await db.schema
		.alterTable('dossier')
		.addCheckConstraint('dossier_channel', sql`channel in ('web', 'api')`)
		.execute();
	// Existing dossiers get numbers in the order they last changed.
	await sql`
		update dossier d set change_seq = o.n, changed_at = d.updated_at
		from (select id, row_number() over (order by updated_at, id) as n from dossier) o
		where o.id = d.id`.execute(db);
	await sql`select setval('dossier_change_seq', coalesce((select max(change_seq) from dossier), 0) + 1, false)`.execute(
		db
	);
	await sql`alter table dossier alter column change_seq set not null`.execute(db);
	await sql`alter table dossier alter column changed_at set not null`.execute(db);
	await db.schema.createIndex('dossier_by_change').on('dossier').column('change_seq').execute();

	await sql`
		create function dossier_change() returns trigger language plpgsql as $$
		begin
			if tg_op = 'UPDATE' and old.change_txid = txid_current() then
				new.change_seq := old.change_seq;
				new.change_txid := old.change_txid;
				new.changed_at := old.changed_at;
			else
				perform pg_advisory_xact_lock_shared('dossier_change_seq'::regclass::oid::int, 0);
				new.change_seq := nextval('dossier_change_seq');
				perform pg_advisory_xact_lock('dossier_change_seq'::regclass::oid::int, new.change_seq::int);
				new.change_txid := txid_current();
				new.changed_at := now();
			end if;
			return new;
		end $$`.execute(db);
	await sql`create trigger dossier_change before insert or update on dossier
		for each row execute function dossier_change()`.execute(db);

	// A new row about a dossier changes the dossier (once per transaction).
	await sql`
		create function dossier_part_change() returns trigger language plpgsql as $$
		begin
			update dossier set change_txid = null
			where id = new.dossier_id and change_txid is distinct from txid_current();
			return null;
		end $$`.execute(db);
	for (const table of ['message', 'dossier_event', 'attachment'])
		await sql`create trigger ${sql.raw(`${table}_dossier_change`)} after insert on ${sql.table(table)}
			for each row execute function dossier_part_change()`.execute(db);

	await db.schema
		.createTable('api_idempotency')
		.addColumn('token_id', 'uuid', (c) => c.notNull().references('api_token.id'))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('request_hash', 'text', (c) => c.notNull())
		.addColumn('dossier_id', 'uuid', (c) => c.notNull().references('dossier.id'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('api_idempotency_pk', ['token_id', 'key'])
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('api_idempotency').execute();
	for (const table of ['message', 'dossier_event', 'attachment'])
		await sql`drop trigger ${sql.raw(`${table}_dossier_change`)} on ${sql.table(table)}`.execute(
			db
		);
	await sql`drop function dossier_part_change()`.execute(db);
	await sql`drop trigger dossier_change on dossier`.execute(db);
	await sql`drop function dossier_change()`.execute(db);
	await db.schema.dropIndex('dossier_by_change').execute();
	await db.schema.alterTable('dossier').dropConstraint('dossier_channel').execute();
	await db.schema
		.alterTable('dossier')
		.dropColumn('change_seq')
		.dropColumn('change_txid')
		.dropColumn('changed_at')
		.dropColumn('channel')
		.execute();
	await sql`drop sequence dossier_change_seq`.execute(db);
}

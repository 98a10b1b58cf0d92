// The inbox at a million dossiers: counting per state must not read every dossier.
//  - dossier_tally: a running count per (process, version, state, assignee, open). A trigger appends +1 and
//    -1 rows as dossiers are filed, move or close (append only, so concurrent filings never wait on
//    each other's counter row); the periodic clean-up folds them into one row per key.
//  - dossier_open: open dossiers are few; this partial index answers "open", "overdue" and "due
//    this week" (lists and counts) without touching the closed ones.
//  - dossier_reference_pattern: a reference typed in the search box is a prefix match.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('dossier_tally')
		.addColumn('process_id', 'text', (c) => c.notNull())
		.addColumn('process_version', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('assignee_id', 'uuid')
		.addColumn('open', 'boolean', (c) => c.notNull())
		.addColumn('n', 'integer', (c) => c.notNull())
		.execute();
	await sql`
		create function dossier_tally() returns trigger language plpgsql as $$
		begin
			if tg_op = 'INSERT' then
				insert into dossier_tally values (new.process_id, new.process_version, new.status, new.assignee_id, new.closed_at is null, 1);
			elsif tg_op = 'DELETE' then
				insert into dossier_tally values (old.process_id, old.process_version, old.status, old.assignee_id, old.closed_at is null, -1);
			elsif (old.process_id, old.process_version, old.status, old.assignee_id, old.closed_at is null)
				is distinct from (new.process_id, new.process_version, new.status, new.assignee_id, new.closed_at is null) then
				insert into dossier_tally values (old.process_id, old.process_version, old.status, old.assignee_id, old.closed_at is null, -1),
					(new.process_id, new.process_version, new.status, new.assignee_id, new.closed_at is null, 1);
			end if;
			return null;
		end $$`.execute(db);
	await sql`create trigger dossier_tally after insert or update or delete on dossier
		for each row execute function dossier_tally()`.execute(db);
	await sql`insert into dossier_tally (process_id, process_version, status, assignee_id, open, n)
		select process_id, process_version, status, assignee_id, closed_at is null, count(*)
		from dossier group by 1, 2, 3, 4, 5`.execute(db);

	await sql`create index dossier_open on dossier (process_id, status, due_date)
		include (assignee_id) where closed_at is null`.execute(db);
	await sql`create index dossier_open_due on dossier (due_date) include (process_id, status, assignee_id)
		where closed_at is null`.execute(db);
	await sql`create index dossier_reference_pattern on dossier (reference text_pattern_ops)`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('dossier_reference_pattern').execute();
	await db.schema.dropIndex('dossier_open_due').execute();
	await db.schema.dropIndex('dossier_open').execute();
	await sql`drop trigger dossier_tally on dossier`.execute(db);
	await sql`drop function dossier_tally()`.execute(db);
	await db.schema.dropTable('dossier_tally').execute();
}

// The change feed's trigger (migration api_sync) took an advisory lock for every dossier a
// transaction changed, so a transaction that changes many dossiers at once (a bulk action, a
// retention run, a seed) ran out of the lock table ("out of shared memory"). A reader only needs
// the lowest change number a transaction may still commit, and numbers from one sequence rise
// within a transaction: so the transaction locks its first number only, and remembers that it did
// in a transaction-local setting (undone with the transaction or the savepoint that took the lock,
// like the lock itself). Every transaction now holds at most two of these locks.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create or replace function dossier_change() returns trigger language plpgsql as $$
		begin
			if tg_op = 'UPDATE' and old.change_txid = txid_current() then
				new.change_seq := old.change_seq;
				new.change_txid := old.change_txid;
				new.changed_at := old.changed_at;
			else
				if coalesce(current_setting('loket.change_locked', true), '') = '' then
					perform pg_advisory_xact_lock_shared('dossier_change_seq'::regclass::oid::int, 0);
					new.change_seq := nextval('dossier_change_seq');
					perform pg_advisory_xact_lock('dossier_change_seq'::regclass::oid::int, new.change_seq::int);
					perform set_config('loket.change_locked', 'yes', true);
				else
					new.change_seq := nextval('dossier_change_seq');
				end if;
				new.change_txid := txid_current();
				new.changed_at := now();
			end if;
			return new;
		end $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`
		create or replace function dossier_change() returns trigger language plpgsql as $$
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
}

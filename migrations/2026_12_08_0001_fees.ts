// Fees and payments (issue 19, item 4).
//  - payment: what one dossier owes and has paid, in euro cents, with its Belgian structured
//    reference (OGM/VCS, 12 digits: a base from payment_reference_seq and its mod-97 check). One
//    per dossier. A trigger of the owner refuses any change to what was asked (dossier, amount due,
//    reference, when it became due); what was paid and the state (unpaid, partly, paid) move on
//    as bank lines are matched. The application may not delete it.
//  - bank_line: one credit line of an imported bank statement (CODA), with its unique key (account,
//    year, statement, sequence, detail), so a file imported twice records nothing twice. A line
//    that matched no payment keeps payment_id null and is listed until it is matched; a trigger
//    refuses any other change, and the application may not delete it.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create sequence payment_reference_seq minvalue 1 maxvalue 9999999999`.execute(db);
	await sql`create table payment (
		id uuid primary key default gen_random_uuid(),
		dossier_id uuid not null unique references dossier (id),
		amount_due_cents integer not null check (amount_due_cents > 0),
		amount_paid_cents integer not null default 0 check (amount_paid_cents >= 0),
		structured_reference text not null unique check (structured_reference ~ '^[0-9]{12}$'),
		due text not null check (due in ('filing', 'decision')),
		state text not null default 'unpaid',
		created_at timestamptz not null default now(),
		paid_at timestamptz,
		constraint payment_state check (
			(state = 'unpaid' and amount_paid_cents = 0 and paid_at is null)
			or (state = 'partly' and amount_paid_cents > 0 and amount_paid_cents < amount_due_cents
				and paid_at is null)
			or (state = 'paid' and amount_paid_cents >= amount_due_cents and paid_at is not null))
	)`.execute(db);
	await sql`create index payment_open on payment (created_at) where state <> 'paid'`.execute(db);
	await sql`
		create function payment_terms_unchanged() returns trigger language plpgsql as $$
		begin
			if (new.id, new.dossier_id, new.amount_due_cents, new.structured_reference, new.due,
					new.created_at)
				is distinct from
				(old.id, old.dossier_id, old.amount_due_cents, old.structured_reference, old.due,
					old.created_at) then
				raise exception 'payment %: the amount due and the reference cannot change',
					old.structured_reference using errcode = 'insufficient_privilege';
			end if;
			return new;
		end $$`.execute(db);
	await sql`
		create trigger payment_terms_unchanged before update on payment
		for each row execute function payment_terms_unchanged()`.execute(db);

	await sql`create table bank_line (
		id uuid primary key default gen_random_uuid(),
		line_key text not null unique,
		account text not null,
		statement_number integer not null,
		sequence_number integer not null,
		detail_number integer not null,
		entry_date date not null,
		value_date date,
		amount_cents integer not null check (amount_cents > 0),
		counterparty_name text not null default '',
		counterparty_account text not null default '',
		communication text not null default '',
		structured_reference text check (structured_reference ~ '^[0-9]{12}$'),
		file_name text not null,
		imported_by uuid references app_user (id),
		imported_at timestamptz not null default now(),
		payment_id uuid references payment (id),
		matched_at timestamptz,
		constraint bank_line_matched check ((payment_id is null) = (matched_at is null))
	)`.execute(db);
	await sql`create index bank_line_payment on bank_line (payment_id) where payment_id is not null`.execute(
		db
	);
	await sql`create index bank_line_unmatched on bank_line (imported_at desc) where payment_id is null`.execute(
		db
	);
	await sql`
		create function bank_line_unchanged() returns trigger language plpgsql as $$
		begin
			if (to_jsonb(new) - 'payment_id' - 'matched_at') is distinct from
					(to_jsonb(old) - 'payment_id' - 'matched_at')
				or (old.payment_id is not null
					and (new.payment_id, new.matched_at) is distinct from (old.payment_id, old.matched_at))
			then
				raise exception 'bank line %: an imported line cannot change, only be matched once',
					old.line_key using errcode = 'insufficient_privilege';
			end if;
			return new;
		end $$`.execute(db);
	await sql`
		create trigger bank_line_unchanged before update on bank_line
		for each row execute function bank_line_unchanged()`.execute(db);

	// The default privileges of record_integrity give loket_app everything on new tables when it
	// exists; take away what would rewrite the record.
	await sql`
		do $$
		begin
			if exists (select from pg_roles where rolname = 'loket_app') then
				revoke delete on payment, bank_line from loket_app;
			end if;
		end
		$$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table bank_line`.execute(db);
	await sql`drop function bank_line_unchanged()`.execute(db);
	await sql`drop table payment`.execute(db);
	await sql`drop function payment_terms_unchanged()`.execute(db);
	await sql`drop sequence payment_reference_seq`.execute(db);
}

// How the citizen had signed in when they filed (issue 18): the provider (null: a password) and
// the level of assurance reached (null: a guest, or filed by staff or through the API). Staff see
// it on the dossier ("aangemeld met eID/itsme, niveau hoog"); like what was filed, it never
// changes (a trigger refuses it, as dossier_intake_unchanged does for the channel).
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table dossier
		add column signed_in_with text,
		add column assurance text check (assurance in ('low', 'substantial', 'high')),
		add constraint dossier_signed_in check (signed_in_with is null or assurance is not null)`.execute(
		db
	);
	await sql`
		create function dossier_assurance_unchanged() returns trigger language plpgsql as $$
		begin
			if (new.signed_in_with, new.assurance) is distinct from (old.signed_in_with, old.assurance) then
				raise exception 'dossier %: how the citizen signed in cannot change', old.reference
					using errcode = 'insufficient_privilege';
			end if;
			return new;
		end $$`.execute(db);
	await sql`
		create trigger dossier_assurance_unchanged before update on dossier
		for each row execute function dossier_assurance_unchanged()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop trigger dossier_assurance_unchanged on dossier`.execute(db);
	await sql`drop function dossier_assurance_unchanged()`.execute(db);
	await sql`alter table dossier drop constraint dossier_signed_in,
		drop column signed_in_with, drop column assurance`.execute(db);
}

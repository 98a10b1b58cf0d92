// Acting for an enterprise (issue 18, item 5): a citizen who signed in for an enterprise ("aanmelden
// als onderneming", the KBO number and name from the identity provider) files on its behalf. The
// dossier records for which enterprise (KBO number and name, as the provider vouched for them) and
// who acted (their name and role in it). Staff see it on the dossier ("Namens Bakkerij Peeters BV
// (KBO 0123.456.749), door An Claes (zaakvoerder)"); the citizen finds it under the enterprise's
// dossiers, not their own. Like how they signed in, it never changes (a trigger refuses it).
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table dossier
		add column on_behalf_kbo text check (on_behalf_kbo ~ '^[01][0-9]{9}$'),
		add column on_behalf_name text,
		add column on_behalf_by text,
		add column on_behalf_role text,
		add constraint dossier_on_behalf check (
			(on_behalf_kbo is null and on_behalf_name is null and on_behalf_by is null
				and on_behalf_role is null)
			or (on_behalf_kbo is not null and on_behalf_name is not null and on_behalf_by is not null))`.execute(
		db
	);
	await sql`create index dossier_on_behalf_kbo on dossier (on_behalf_kbo, submitted_at desc)
		where on_behalf_kbo is not null`.execute(db);
	await sql`
		create function dossier_on_behalf_unchanged() returns trigger language plpgsql as $$
		begin
			if (new.on_behalf_kbo, new.on_behalf_name, new.on_behalf_by, new.on_behalf_role)
				is distinct from (old.on_behalf_kbo, old.on_behalf_name, old.on_behalf_by, old.on_behalf_role) then
				raise exception 'dossier %: on whose behalf it was filed cannot change', old.reference
					using errcode = 'insufficient_privilege';
			end if;
			return new;
		end $$`.execute(db);
	await sql`
		create trigger dossier_on_behalf_unchanged before update on dossier
		for each row execute function dossier_on_behalf_unchanged()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop trigger dossier_on_behalf_unchanged on dossier`.execute(db);
	await sql`drop function dossier_on_behalf_unchanged()`.execute(db);
	await sql`drop index dossier_on_behalf_kbo`.execute(db);
	await sql`alter table dossier drop constraint dossier_on_behalf,
		drop column on_behalf_kbo, drop column on_behalf_name, drop column on_behalf_by,
		drop column on_behalf_role`.execute(db);
}

// Search that understands Dutch (issue 20): the inbox's search column again, now
//  - accent- and case-insensitive: `unaccent` before the dictionaries, so "Dieudonne" finds
//    "Dieudonné" (the extension ships with PostgreSQL's contrib and with PGlite);
//  - stemmed: each answer is indexed twice, as written and by the `dutch` snowball stemmer, so
//    "tegel" finds "tegels" while a name or a number is still found as typed;
//  - apostrophes ignored: "dhondt" and "d'hondt" both find "D'Hondt" (straight and curly ones are
//    dropped before the words are split, here and in the query);
//  - the answers' values only (jsonb_to_tsvector), so a field's key ("straat") matches nothing;
//  - a reference with or without its year and leading zeros: 2026-000123 is also "000123" and
//    "123".
// Two text search configurations in the schema: loket_simple (unaccent, then as written) and
// loket_dutch (unaccent, then the Dutch stemmer). The query side is in inbox/repository.ts
// (`searchQuery`). Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	// In `public`, so that test schemas that come and go share it; if a database has it elsewhere
	// already, the mapping below finds it there. Two migrations at once may both try to create it.
	await sql`
		do $$
		declare s text;
		begin
			begin
				create extension if not exists unaccent schema public;
			exception when unique_violation or duplicate_object then null;
			end;
			select n.nspname into s from pg_ts_dict d join pg_namespace n on n.oid = d.dictnamespace
			where d.dictname = 'unaccent' order by n.nspname = 'public' desc limit 1;
			create text search configuration loket_simple (copy = simple);
			execute format('alter text search configuration loket_simple alter mapping for word, hword, hword_part with %I.unaccent, simple', s);
			create text search configuration loket_dutch (copy = dutch);
			execute format('alter text search configuration loket_dutch alter mapping for word, hword, hword_part with %I.unaccent, dutch_stem', s);
		end $$`.execute(db);
	await db.schema.dropIndex('dossier_search').execute();
	await db.schema.alterTable('dossier').dropColumn('search').execute();
	await sql`alter table dossier add column search tsvector generated always as (
		to_tsvector('loket_simple', translate(
			reference || ' ' || replace(reference, '-', ' ') || ' ' || ltrim(split_part(reference, '-', 2), '0')
				|| ' ' || applicant_name || ' ' || coalesce(applicant_email, ''),
			'''’‘', ''))
		|| jsonb_to_tsvector('loket_simple', translate(answers::text, '''’‘', '')::jsonb, '["string", "numeric"]')
		|| jsonb_to_tsvector('loket_dutch', translate(answers::text, '''’‘', '')::jsonb, '["string", "numeric"]')
	) stored`.execute(db);
	await sql`create index dossier_search on dossier using gin (search)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('dossier_search').execute();
	await db.schema.alterTable('dossier').dropColumn('search').execute();
	await sql`alter table dossier add column search tsvector generated always as (
		to_tsvector('simple', reference || ' ' || applicant_name || ' ' || coalesce(applicant_email, '') || ' ' || answers::text)
	) stored`.execute(db);
	await sql`create index dossier_search on dossier using gin (search)`.execute(db);
	await sql`drop text search configuration loket_dutch`.execute(db);
	await sql`drop text search configuration loket_simple`.execute(db);
}

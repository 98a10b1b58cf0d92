// Sign-in through OpenID Connect providers (issue 18): ACM/IDM for citizens (eID, itsme, the CSAM
// app), the municipality's directory (Entra ID) for staff.
// - `oidc_identity`: which account a provider's subject is; never changes (a trigger refuses it).
// - `oidc_flow`: one sign-in under way, from the redirect to the provider until it comes back: the
//   state, nonce and PKCE verifier, keyed by the SHA-256 of a random value in the browser's cookie
//   (so only that browser can finish it). Deleted when used: a replayed answer finds nothing.
//   `link_user_id`: begun from "Mijn account" by someone signed in with their password, to link
//   the provider's identity to that account (never done silently by a matching e-mail address).
// - `user_session` records how the session was signed in: the provider, the level of assurance
//   reached, the identity the provider vouched for (to prefill and lock the applicant's fields),
//   and what RP-initiated and back-channel logout need (the ID token, the provider's session id).
// Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create table oidc_identity (
		provider text not null,
		subject text not null,
		user_id uuid not null references app_user (id) on delete cascade,
		created_at timestamptz not null default now(),
		last_sign_in_at timestamptz not null default now(),
		primary key (provider, subject)
	)`.execute(db);
	await sql`create index oidc_identity_user on oidc_identity (user_id)`.execute(db);
	await sql`create function oidc_identity_fixed() returns trigger language plpgsql as $$
	begin
		if new.provider is distinct from old.provider or new.subject is distinct from old.subject
			or new.user_id is distinct from old.user_id then
			raise exception 'an identity stays with its account' using errcode = 'check_violation';
		end if;
		return new;
	end $$`.execute(db);
	await sql`create trigger oidc_identity_fixed before update on oidc_identity
		for each row execute function oidc_identity_fixed()`.execute(db);

	await sql`create table oidc_flow (
		id text primary key,
		provider text not null,
		state text not null,
		nonce text not null,
		code_verifier text not null,
		return_to text not null,
		wanted_level text not null check (wanted_level in ('low', 'substantial', 'high')),
		link_user_id uuid references app_user (id) on delete cascade,
		expires_at timestamptz not null
	)`.execute(db);

	await sql`alter table user_session
		add column provider text,
		add column assurance text not null default 'low'
			check (assurance in ('low', 'substantial', 'high')),
		add column identity jsonb,
		add column id_token text,
		add column provider_session text`.execute(db);
	await sql`create index user_session_provider_session on user_session (provider, provider_session)
		where provider_session is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop index user_session_provider_session`.execute(db);
	await sql`alter table user_session drop column provider, drop column assurance,
		drop column identity, drop column id_token, drop column provider_session`.execute(db);
	await sql`drop table oidc_flow`.execute(db);
	await sql`drop trigger oidc_identity_fixed on oidc_identity`.execute(db);
	await sql`drop function oidc_identity_fixed()`.execute(db);
	await sql`drop table oidc_identity`.execute(db);
}

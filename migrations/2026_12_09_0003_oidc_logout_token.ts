// Back-channel logout (issue 18): the logout tokens a provider sent, by their `jti`, kept until
// they could no longer be accepted anyway, so the same token replayed ends nothing a second time
// (a later sign-in of the same person stays). The primary key refuses the second one, also when
// two server instances receive it at once. Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create table oidc_logout_token (
		provider text not null,
		jti text not null,
		expires_at timestamptz not null,
		primary key (provider, jti)
	)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table oidc_logout_token`.execute(db);
}

// login_attempt says what each row counts in its `kind` column ('login' or 'reset'), no longer by a
// 'reset:' prefix on the address: the migration converts the rows written before it, and the
// application writes and counts each kind by the column.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rateLimit from '$lib/server/auth/rate-limit';
import * as selfService from '$lib/server/users/self-service';
import * as migration from '../../migrations/2026_12_06_0007_login_attempt_kind';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

describe(`login_attempt.kind on ${backend}`, () => {
	let app: TestDatabase;
	let owner: TestDatabase;
	beforeAll(async () => {
		[app, owner] = await Promise.all([openTestDatabase(), openTestDatabase('owner')]);
	});
	afterAll(async () => {
		await Promise.all([app.drop(), owner.drop()]);
	});

	it('stores a reset request as kind reset with the plain address, a login as kind login', async () => {
		const ip = '192.0.2.71';
		await selfService.requestPasswordReset(
			{ email: ' Vergeten@Example.be ', ip, language: 'nl' },
			app.db
		);
		await rateLimit.recordLoginAttempt(
			{ email: 'vergeten@example.be', ip, succeeded: false },
			app.db
		);
		const rows = await app.db
			.selectFrom('loginAttempt')
			.select(['kind', 'emailLower', 'succeeded'])
			.where('ip', '=', ip)
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{ kind: 'reset', emailLower: 'vergeten@example.be', succeeded: true },
			{ kind: 'login', emailLower: 'vergeten@example.be', succeeded: false }
		]);
	});

	it('counts reset requests and login failures apart, by kind', async () => {
		const ip = '192.0.2.72';
		const now = new Date();
		for (let i = 0; i < rateLimit.MAX_FAILURES_PER_ACCOUNT; i++)
			await rateLimit.recordLoginAttempt(
				{ email: 'apart@example.be', ip, succeeded: false },
				app.db,
				now
			);
		expect(
			await rateLimit.checkLoginAllowed({ email: 'apart@example.be', ip }, app.db, now)
		).toMatchObject({ allowed: false });
		// Five login failures are no reset requests: the address may still ask for a link.
		expect(
			await selfService.requestPasswordReset(
				{ email: 'apart@example.be', ip, language: 'nl' },
				app.db,
				now
			)
		).toEqual({ ok: true });
	});

	it('converts the rows written with the prefix, and keeps the application’s rights', async () => {
		const db = owner.db;
		await migration.down(db as unknown as Kysely<unknown>);
		await sql`insert into login_attempt (email_lower, ip, succeeded, at) values
			('reset:oud@example.be', '192.0.2.73', true, now()),
			('oud@example.be', '192.0.2.73', false, now())`.execute(db);
		await migration.up(db as unknown as Kysely<unknown>);
		const rows = await db
			.selectFrom('loginAttempt')
			.select(['kind', 'emailLower', 'succeeded'])
			.where('ip', '=', '192.0.2.73')
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{ kind: 'reset', emailLower: 'oud@example.be', succeeded: true },
			{ kind: 'login', emailLower: 'oud@example.be', succeeded: false }
		]);
		await expect(
			sql`insert into login_attempt (kind, email_lower, ip, succeeded) values ('other', 'x', 'y', false)`.execute(
				db
			)
		).rejects.toThrow(/check/i);
		const { rows: rights } = await sql<{ privilegeType: string }>`
			select privilege_type from information_schema.role_table_grants
			where grantee = 'loket_app' and table_name = 'login_attempt'
				and table_schema = current_schema()
			order by privilege_type`.execute(db);
		expect(rights.map((r) => r.privilegeType)).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
	});
});

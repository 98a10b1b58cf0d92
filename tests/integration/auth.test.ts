import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rateLimit from '$lib/server/auth/rate-limit';
import * as sessions from '$lib/server/auth/session';
import * as users from '$lib/server/users/service';
import { asOwner, backend, openTestDatabase, type TestDatabase } from './test-db';

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'paarse olifant op de fiets';

describe(`accounts and sessions on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
	});
	afterAll(async () => {
		await t.drop();
	});

	async function register(email: string, now?: Date) {
		const result = await users.registerUser(
			{ email, password: PASSWORD, name: 'Ada Peeters' },
			t.db,
			now
		);
		if (!result.ok) throw new Error(result.reason);
		return result.user;
	}

	async function outboxFor(userId: string) {
		const rows = await t.db
			.selectFrom('outbox')
			.selectAll()
			.where('kind', '=', 'verify-email')
			.execute();
		return rows.filter((r) => r.payload.userId === userId);
	}

	async function verifyToken(userId: string): Promise<string> {
		const [row] = await outboxFor(userId);
		return row.payload.token as string;
	}

	/** A registered account whose owner followed the link in the mail: it can sign in. */
	async function registerVerified(email: string) {
		const user = await register(email);
		expect((await users.verifyEmail(await verifyToken(user.id), PASSWORD, t.db)).ok).toBe(true);
		return user;
	}

	it('registers a citizen with an argon2id hash, one outbox row and a 48 h token', async () => {
		const now = new Date();
		const user = await register('  Ada.Peeters@Example.be ', now);
		expect(user).toMatchObject({
			email: 'Ada.Peeters@Example.be',
			roles: ['citizen'],
			emailVerifiedAt: null
		});
		const row = await t.db
			.selectFrom('appUser')
			.selectAll()
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(row.passwordHash?.startsWith('$argon2id$')).toBe(true);
		const outbox = await outboxFor(user.id);
		expect(outbox).toHaveLength(1);
		expect(outbox[0].payload).toEqual({
			userId: user.id,
			email: 'Ada.Peeters@Example.be',
			token: expect.any(String)
		});
		const tokens = await t.db
			.selectFrom('userToken')
			.selectAll()
			.where('userId', '=', user.id)
			.execute();
		expect(tokens).toHaveLength(1);
		// Only the hash of the token is stored.
		expect(tokens[0].id).toMatch(/^[0-9a-f]{64}$/);
		expect(tokens[0].id).not.toBe(outbox[0].payload.token);
		expect(tokens[0]).toMatchObject({ purpose: 'verify-email', usedAt: null });
		expect(tokens[0].expiresAt.getTime()).toBe(now.getTime() + 48 * 60 * 60 * 1000);
	});

	it('refuses a duplicate e-mail in any case, and weak passwords', async () => {
		const name = 'Bert';
		await register('bert@example.be');
		for (const email of ['bert@example.be', 'BERT@Example.BE', ' Bert@example.be'])
			expect(await users.registerUser({ email, password: PASSWORD, name }, t.db)).toEqual({
				ok: false,
				reason: 'email-taken'
			});
		expect(
			await users.registerUser({ email: 'c@example.be', password: 'kort', name }, t.db)
		).toEqual({
			ok: false,
			reason: 'too-short'
		});
		expect(
			await users.registerUser({ email: 'c@example.be', password: 'Password1234', name }, t.db)
		).toEqual({ ok: false, reason: 'common' });
		expect(
			await users.registerUser({ email: 'geen-adres', password: PASSWORD, name }, t.db)
		).toEqual({ ok: false, reason: 'invalid-email' });
		const count = await t.db
			.selectFrom('appUser')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where(sql<string>`lower(email)`, 'in', ['bert@example.be', 'c@example.be'])
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(1);
	});

	it('stores user, token and outbox row together or not at all', async () => {
		// Make the outbox insert fail inside the registration transaction.
		// Only the tables' owner may add a trigger; the application's role may not.
		await asOwner(t, async (owner) => {
			await sql`create function refuse_verify_mail() returns trigger language plpgsql as $$
				begin raise exception 'outbox refused'; end $$`.execute(owner);
			await sql`create trigger refuse_verify_mail before insert on outbox
				for each row execute function refuse_verify_mail()`.execute(owner);
		});
		try {
			await expect(register('atomic@example.be')).rejects.toThrow(/outbox refused/);
		} finally {
			await asOwner(t, async (owner) => {
				await sql`drop trigger refuse_verify_mail on outbox`.execute(owner);
				await sql`drop function refuse_verify_mail()`.execute(owner);
			});
		}
		expect(
			await t.db
				.selectFrom('appUser')
				.select('id')
				.where('email', '=', 'atomic@example.be')
				.execute()
		).toEqual([]);
		const orphanTokens = await t.db
			.selectFrom('userToken')
			.leftJoin('appUser', 'appUser.id', 'userToken.userId')
			.select('userToken.id')
			.where('appUser.id', 'is', null)
			.execute();
		expect(orphanTokens).toEqual([]);
		// And once the outbox accepts again, the same address registers normally.
		const user = await register('atomic@example.be');
		expect(await outboxFor(user.id)).toHaveLength(1);
	});

	it('creates, validates, extends, expires and invalidates sessions', async () => {
		const user = await register('sessies@example.be');
		const { token, session } = await sessions.createSession(user.id, t.db);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(session.id).toBe(sessions.sessionIdFromToken(token));
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * DAY);

		const valid = await sessions.validateSessionToken(token, t.db);
		expect(valid?.user).toEqual({
			id: user.id,
			email: 'sessies@example.be',
			name: 'Ada Peeters',
			roles: ['citizen'],
			emailVerifiedAt: null
		});
		expect(await sessions.validateSessionToken('verkeerd', t.db)).toBeNull();

		// Inside its last 15 days: extended to 30 days from now, in the database too.
		await t.db
			.updateTable('userSession')
			.set({ expiresAt: new Date(Date.now() + 10 * DAY) })
			.where('id', '=', session.id)
			.execute();
		const extended = await sessions.validateSessionToken(token, t.db);
		expect(extended?.session.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29.9 * DAY);
		const stored = await t.db
			.selectFrom('userSession')
			.select('expiresAt')
			.where('id', '=', session.id)
			.executeTakeFirstOrThrow();
		expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * DAY);

		// Expired: refused and deleted.
		await t.db
			.updateTable('userSession')
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where('id', '=', session.id)
			.execute();
		expect(await sessions.validateSessionToken(token, t.db)).toBeNull();
		expect(
			await t.db.selectFrom('userSession').select('id').where('id', '=', session.id).execute()
		).toEqual([]);

		// Logout everywhere.
		const a = await sessions.createSession(user.id, t.db);
		const b = await sessions.createSession(user.id, t.db);
		await sessions.invalidateSession(a.session.id, t.db);
		expect(await sessions.validateSessionToken(a.token, t.db)).toBeNull();
		expect(await sessions.validateSessionToken(b.token, t.db)).not.toBeNull();
		const c = await sessions.createSession(user.id, t.db);
		await sessions.invalidateUserSessions(user.id, t.db);
		expect(await sessions.validateSessionToken(b.token, t.db)).toBeNull();
		expect(await sessions.validateSessionToken(c.token, t.db)).toBeNull();
	});

	it('authenticates with the right password only, whatever the case of the e-mail', async () => {
		const user = await registerVerified('login@example.be');
		const ip = '192.0.2.1';
		expect(
			await users.authenticate({ email: ' LOGIN@example.be', password: PASSWORD, ip }, t.db)
		).toMatchObject({
			ok: true,
			user: { id: user.id }
		});
		expect(
			await users.authenticate(
				{ email: 'login@example.be', password: 'fout wachtwoord!!', ip },
				t.db
			)
		).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(
			await users.authenticate({ email: 'niemand@example.be', password: PASSWORD, ip }, t.db)
		).toEqual({
			ok: false,
			reason: 'invalid'
		});
		const attempts = await t.db
			.selectFrom('loginAttempt')
			.selectAll()
			.where('ip', '=', ip)
			.orderBy('id')
			.execute();
		expect(attempts.map((a) => [a.emailLower, a.succeeded])).toEqual([
			['login@example.be', true],
			['login@example.be', false],
			['niemand@example.be', false]
		]);
	});

	it('signs a new account in only after its address is verified', async () => {
		const user = await register('nieuw-account@example.be');
		const ip = '192.0.2.60';
		const login = (password: string) =>
			users.authenticate({ email: 'nieuw-account@example.be', password, ip }, t.db);
		// The right password: refused until the address is verified, and told why.
		expect(await login(PASSWORD)).toEqual({ ok: false, reason: 'unverified' });
		// A wrong one learns nothing about the account.
		expect(await login('fout wachtwoord!!')).toEqual({ ok: false, reason: 'invalid' });
		expect((await users.verifyEmail(await verifyToken(user.id), PASSWORD, t.db)).ok).toBe(true);
		expect(await login(PASSWORD)).toMatchObject({ ok: true, user: { id: user.id } });
		// Accounts made by an operator are verified from the start.
		const added = await users.addUser(
			{ email: 'medewerker-nieuw@example.be', password: PASSWORD, roles: ['staff'] },
			t.db
		);
		expect(added.ok).toBe(true);
		expect(
			(
				await users.authenticate(
					{ email: 'medewerker-nieuw@example.be', password: PASSWORD, ip },
					t.db
				)
			).ok
		).toBe(true);
	});

	it('sends the verification mail again to an unverified account only, once per 5 minutes', async () => {
		const now = new Date();
		const user = await register('opnieuw@example.be', now);
		const later = (ms: number) => new Date(now.getTime() + ms);
		// Just registered: the first mail is not older than five minutes.
		await users.resendVerification('opnieuw@example.be', t.db, later(60_000));
		expect(await outboxFor(user.id)).toHaveLength(1);
		await users.resendVerification(' OPNIEUW@example.be', t.db, later(6 * 60_000));
		await users.resendVerification('opnieuw@example.be', t.db, later(7 * 60_000));
		const mails = await outboxFor(user.id);
		expect(mails).toHaveLength(2);
		expect(
			(await users.verifyEmail(mails[1].payload.token as string, PASSWORD, t.db, later(8 * 60_000)))
				.ok
		).toBe(true);
		// Verified, unknown or made by an operator: nothing is sent, and nothing says so.
		const before = await t.db.selectFrom('outbox').select('id').execute();
		await users.resendVerification('opnieuw@example.be', t.db, later(20 * 60_000));
		await users.resendVerification('niemand-hier@example.be', t.db, later(20 * 60_000));
		await users.resendVerification('login@example.be', t.db, later(20 * 60_000));
		expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(before.length);
	});

	it('rate-limits an account after 5 failures, the same way for an unknown e-mail', async () => {
		await registerVerified('doelwit@example.be');
		const now = new Date();
		const attempt = (email: string, password: string, ip: string, at = now) =>
			users.authenticate({ email, password, ip }, t.db, at);
		for (let i = 0; i < 5; i++) {
			expect((await attempt('doelwit@example.be', 'fout wachtwoord!!', `198.51.100.${i}`)).ok).toBe(
				false
			);
			expect(
				(await attempt('onbekend@example.be', 'fout wachtwoord!!', `198.51.100.${i}`)).ok
			).toBe(false);
		}
		const known = await attempt('doelwit@example.be', PASSWORD, '198.51.100.77');
		const unknown = await attempt('onbekend@example.be', PASSWORD, '198.51.100.77');
		expect(known).toEqual({ ok: false, reason: 'rate-limited', retryAfterSeconds: 900 });
		expect(unknown).toEqual(known);
		// A refused attempt does not extend the wait; after the window the right password works.
		const later = new Date(now.getTime() + 15 * 60 * 1000 + 1000);
		expect((await attempt('doelwit@example.be', PASSWORD, '198.51.100.77', later)).ok).toBe(true);
	});

	it('rate-limits an IP address after 20 failures, across accounts', async () => {
		const ip = '203.0.113.9';
		const now = new Date();
		for (let i = 0; i < 20; i++)
			await rateLimit.recordLoginAttempt(
				{ email: `x${i}@example.be`, ip, succeeded: false },
				t.db,
				new Date(now.getTime() - (20 - i) * 1000)
			);
		const check = await rateLimit.checkLoginAllowed({ email: 'nieuw@example.be', ip }, t.db, now);
		// The oldest counted failure was 20 s ago: it leaves the window in 880 s.
		expect(check).toEqual({ allowed: false, retryAfterSeconds: 880 });
		expect(
			await rateLimit.checkLoginAllowed(
				{ email: 'nieuw@example.be', ip: '203.0.113.10' },
				t.db,
				now
			)
		).toEqual({
			allowed: true
		});
	});

	it('creates the first admin exactly once, even when asked twice at the same time', async () => {
		expect(await users.countAdmins(t.db)).toBe(0);
		// Slow every insert down so that, without the lock, both transactions would see no admin.
		await asOwner(t, async (owner) => {
			await sql`create function slow_insert() returns trigger language plpgsql as $$
				begin perform pg_sleep(0.3); return new; end $$`.execute(owner);
			await sql`create trigger slow_insert before insert on app_user
				for each row execute function slow_insert()`.execute(owner);
		});
		let results: Awaited<ReturnType<typeof users.createFirstAdmin>>[];
		try {
			results = await Promise.all([
				users.createFirstAdmin(
					{ email: 'admin1@example.be', password: PASSWORD, name: 'Eerste' },
					t.db
				),
				users.createFirstAdmin(
					{ email: 'admin2@example.be', password: PASSWORD, name: 'Tweede' },
					t.db
				)
			]);
		} finally {
			await asOwner(t, async (owner) => {
				await sql`drop trigger slow_insert on app_user`.execute(owner);
				await sql`drop function slow_insert()`.execute(owner);
			});
		}
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'admin-exists' }]);
		expect(await users.countAdmins(t.db)).toBe(1);
		expect(
			await users.createFirstAdmin(
				{ email: 'admin3@example.be', password: PASSWORD, name: 'Derde' },
				t.db
			)
		).toEqual({ ok: false, reason: 'admin-exists' });
	});

	it('adds users for scripts with known roles only', async () => {
		expect(
			await users.addUser({ email: 'x@example.be', password: PASSWORD, roles: ['baas'] }, t.db)
		).toEqual({
			ok: false,
			reason: 'unknown-role'
		});
		expect(
			await users.addUser({ email: 'x@example.be', password: PASSWORD, roles: [] }, t.db)
		).toEqual({
			ok: false,
			reason: 'no-role'
		});
		const added = await users.addUser(
			{ email: 'Medewerker@example.be', password: PASSWORD, roles: ['staff', 'clerk'] },
			t.db
		);
		expect(added).toMatchObject({
			ok: true,
			user: { roles: ['staff', 'clerk'], emailVerifiedAt: expect.any(Date) }
		});
		expect(
			await users.addUser(
				{ email: 'medewerker@EXAMPLE.be', password: PASSWORD, roles: ['staff'] },
				t.db
			)
		).toEqual({
			ok: false,
			reason: 'email-taken'
		});
	});

	it('registering an address that has an account mails its owner, nothing else', async () => {
		const owner = await register('eigenaar@example.be');
		const users0 = await t.db.selectFrom('appUser').select('id').execute();
		expect(
			await users.registerUser(
				{ email: 'EIGENAAR@example.be', password: PASSWORD, name: 'Iemand' },
				t.db
			)
		).toEqual({ ok: false, reason: 'email-taken' });
		const mails = await t.db
			.selectFrom('outbox')
			.select(['kind', 'payload'])
			.where('kind', '=', 'account-exists')
			.execute();
		expect(mails.map((r) => r.payload)).toContainEqual({
			userId: owner.id,
			email: 'eigenaar@example.be'
		});
		expect(await t.db.selectFrom('appUser').select('id').execute()).toHaveLength(users0.length);
	});

	it('verifies the e-mail with a single-use token and refuses an expired one', async () => {
		const user = await register('verifieer@example.be');
		const token = await verifyToken(user.id);
		// Looking at the link (a mail scanner, the page before its button) uses nothing.
		expect(await users.canVerifyEmail(token, t.db)).toBe(true);
		expect(await users.canVerifyEmail(token, t.db)).toBe(true);
		expect(await users.consumeUserToken(token, 'reset-password', t.db)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		// Someone else's password (whoever registered another person's address): refused, and the
		// link still works for the one who registered.
		expect(await users.verifyEmail(token, 'niet het wachtwoord van dit account', t.db)).toEqual({
			ok: false,
			reason: 'wrong-password'
		});
		expect(await users.canVerifyEmail(token, t.db)).toBe(true);
		expect(await users.verifyEmail(token, PASSWORD, t.db)).toEqual({ ok: true, userId: user.id });
		expect(await users.verifyEmail(token, PASSWORD, t.db)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await users.canVerifyEmail(token, t.db)).toBe(false);
		const row = await t.db
			.selectFrom('appUser')
			.select('emailVerifiedAt')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(row.emailVerifiedAt).toBeInstanceOf(Date);

		const old = await register('te-laat@example.be', new Date(Date.now() - 49 * 60 * 60 * 1000));
		const expired = await verifyToken(old.id);
		expect(await users.verifyEmail(expired, PASSWORD, t.db)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await users.consumeUserToken('onbestaand', 'verify-email', t.db)).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it('changes the password: checks the current one and ends every other session', async () => {
		const user = await registerVerified('wissel@example.be');
		const old1 = await sessions.createSession(user.id, t.db);
		const old2 = await sessions.createSession(user.id, t.db);
		const next = 'een nieuw en lang wachtwoord';
		expect(await users.changePassword(user.id, 'niet het huidige', next, t.db)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await users.changePassword(user.id, PASSWORD, 'kort', t.db)).toEqual({
			ok: false,
			reason: 'too-short'
		});
		expect(await sessions.validateSessionToken(old1.token, t.db)).not.toBeNull();
		const changed = await users.changePassword(user.id, PASSWORD, next, t.db);
		if (!changed.ok) throw new Error(changed.reason);
		expect(await sessions.validateSessionToken(old1.token, t.db)).toBeNull();
		expect(await sessions.validateSessionToken(old2.token, t.db)).toBeNull();
		expect((await sessions.validateSessionToken(changed.token, t.db))?.user.id).toBe(user.id);
		const ip = '192.0.2.50';
		expect(
			(await users.authenticate({ email: 'wissel@example.be', password: next, ip }, t.db)).ok
		).toBe(true);
		expect(
			(await users.authenticate({ email: 'wissel@example.be', password: PASSWORD, ip }, t.db)).ok
		).toBe(false);
	});
});

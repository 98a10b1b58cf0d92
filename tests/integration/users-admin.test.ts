// The admin's user management against a real database: invitations (atomic with their mail, sent
// again with the old link revoked, never a second account for an address), accepting them, role
// changes that keep an admin and refuse stale forms, and refusals for anyone who is not an admin.
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as sessions from '$lib/server/auth/session';
import { verifyPassword } from '$lib/server/auth/password';
import * as admin from '$lib/server/users/admin';
import * as users from '$lib/server/users/service';
import { asOwner, backend, openTestDatabase, type TestDatabase } from './test-db';

const PASSWORD = 'paarse olifant op de fiets';
const DAY = 24 * 60 * 60 * 1000;
let counter = 0;
const uniqueEmail = (who: string) => `${who}-${Date.now()}-${counter++}@example.be`;

describe(`user management by admins on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
	});
	afterAll(async () => {
		await t.drop();
	});
	afterEach(() => {
		vi.restoreAllMocks();
	});

	async function addAccount(roles: string[], email = uniqueEmail(roles.join('-'))) {
		const result = await users.addUser({ email, password: PASSWORD, roles, name: 'Test' }, t.db);
		if (!result.ok) throw new Error(result.reason);
		return result.user;
	}

	async function inviteOutbox(userId: string) {
		const rows = await t.db
			.selectFrom('outbox')
			.selectAll()
			.where('kind', '=', 'invite')
			.orderBy('id')
			.execute();
		return rows.filter((r) => r.payload.userId === userId);
	}

	async function invite(actor: admin.Actor, email: string, roles = ['clerk'], now = new Date()) {
		const result = await admin.inviteUser(
			actor,
			{ name: 'Carla Peeters', email, roles },
			{ language: 'nl' },
			t.db,
			now
		);
		if (!result.ok) throw new Error(result.reason);
		const mails = await inviteOutbox(result.user.id);
		return { user: result.user, token: mails.at(-1)!.payload.token as string };
	}

	async function rolesOf(userId: string) {
		const row = await t.db
			.selectFrom('appUser')
			.select('roles')
			.where('id', '=', userId)
			.executeTakeFirstOrThrow();
		return row.roles;
	}

	it('invites: an account without password, a 7-day token and its outbox mail', async () => {
		const boss = await addAccount(['admin']);
		const now = new Date();
		const email = uniqueEmail('Nieuw');
		const log = vi.spyOn(console, 'info').mockImplementation(() => {});
		const result = await admin.inviteUser(
			boss,
			{ name: ' Carla Peeters ', email: ` ${email} `, roles: ['staff', 'clerk'] },
			{ language: 'en' },
			t.db,
			now
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const row = await t.db
			.selectFrom('appUser')
			.selectAll()
			.where('id', '=', result.user.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			email,
			name: 'Carla Peeters',
			passwordHash: null,
			emailVerifiedAt: null,
			roles: ['staff', 'clerk']
		});
		const mails = await inviteOutbox(result.user.id);
		expect(mails).toHaveLength(1);
		expect(mails[0].payload).toEqual({
			userId: result.user.id,
			email,
			token: expect.any(String),
			roles: ['staff', 'clerk'],
			invitedByName: 'Test',
			language: 'en'
		});
		const tokens = await t.db
			.selectFrom('userToken')
			.selectAll()
			.where('userId', '=', result.user.id)
			.execute();
		expect(tokens).toHaveLength(1);
		expect(tokens[0]).toMatchObject({ purpose: 'invite', usedAt: null });
		expect(tokens[0].id).not.toBe(mails[0].payload.token);
		expect(tokens[0].expiresAt.getTime()).toBe(now.getTime() + 7 * DAY);
		// The audit line names who invited whom with which roles.
		const line = log.mock.calls.map((c) => JSON.parse(String(c[0]))).find((l) => l.audit);
		expect(line).toMatchObject({
			audit: 'user',
			event: 'invited',
			actor: { id: boss.id, email: boss.email },
			target: { id: result.user.id, email },
			change: { roles: ['staff', 'clerk'] }
		});
		// The list shows the account as invited, not as verified.
		const list = await admin.listUsers(boss, { q: email }, t.db, now);
		expect(list.users).toEqual([
			expect.objectContaining({ id: result.user.id, status: 'invited' })
		]);
	});

	it('stores account, token and outbox mail together or not at all', async () => {
		const boss = await addAccount(['admin']);
		const email = uniqueEmail('atomair');
		// Only the tables' owner may add a trigger; the application's role may not.
		await asOwner(t, async (owner) => {
			await sql`create function refuse_invite_mail() returns trigger language plpgsql as $$
				begin raise exception 'outbox refused'; end $$`.execute(owner);
			await sql`create trigger refuse_invite_mail before insert on outbox
				for each row execute function refuse_invite_mail()`.execute(owner);
		});
		try {
			await expect(invite(boss, email)).rejects.toThrow(/outbox refused/);
		} finally {
			await asOwner(t, async (owner) => {
				await sql`drop trigger refuse_invite_mail on outbox`.execute(owner);
				await sql`drop function refuse_invite_mail()`.execute(owner);
			});
		}
		const left = await t.db
			.selectFrom('appUser')
			.select('id')
			.where(sql<string>`lower(email)`, '=', email.toLowerCase())
			.execute();
		expect(left).toEqual([]);
		const orphans = await t.db
			.selectFrom('userToken')
			.leftJoin('appUser', 'appUser.id', 'userToken.userId')
			.select('userToken.id')
			.where('appUser.id', 'is', null)
			.execute();
		expect(orphans).toEqual([]);
		// Once the outbox accepts rows again, the same address is invited normally.
		const { user } = await invite(boss, email);
		expect(await inviteOutbox(user.id)).toHaveLength(1);
	});

	it('sends an invitation again with a new link; the old link stops working', async () => {
		const boss = await addAccount(['admin']);
		const email = uniqueEmail('opnieuw');
		const first = await invite(boss, email);
		expect(
			await admin.inviteUser(
				boss,
				{ name: 'X', email: email.toUpperCase(), roles: ['staff'] },
				{ language: 'nl' },
				t.db
			)
		).toEqual({
			ok: false,
			reason: 'invitation-pending',
			userId: first.user.id
		});
		expect(await admin.resendInvitation(boss, first.user.id, { language: 'nl' }, t.db)).toEqual({
			ok: true
		});
		const mails = await inviteOutbox(first.user.id);
		expect(mails).toHaveLength(2);
		const second = mails[1].payload.token as string;
		expect(second).not.toBe(first.token);
		expect(await admin.findInvitation(first.token, t.db)).toBeNull();
		expect(
			await admin.acceptInvitation(first.token, { name: 'Carla', password: PASSWORD }, t.db)
		).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await admin.findInvitation(second, t.db)).toMatchObject({ email, roles: ['clerk'] });
		const accepted = await admin.acceptInvitation(
			second,
			{ name: 'Carla', password: PASSWORD },
			t.db
		);
		expect(accepted.ok).toBe(true);
		// Once accepted there is nothing to send again.
		expect(await admin.resendInvitation(boss, first.user.id, { language: 'nl' }, t.db)).toEqual({
			ok: false,
			reason: 'not-pending'
		});
	});

	it('refuses to invite an address that has an account and points to it instead', async () => {
		const boss = await addAccount(['admin']);
		const email = uniqueEmail('burger');
		const citizen = await users.registerUser({ email, password: PASSWORD, name: 'Bert' }, t.db);
		if (!citizen.ok) throw new Error(citizen.reason);
		const result = await admin.inviteUser(
			boss,
			{ name: 'Bert', email: ` ${email.toUpperCase()}`, roles: ['staff'] },
			{ language: 'nl' },
			t.db
		);
		expect(result).toEqual({
			ok: false,
			reason: 'account-exists',
			userId: citizen.user.id,
			roles: ['citizen']
		});
		const accounts = await t.db
			.selectFrom('appUser')
			.select(['id', 'roles'])
			.where(sql<string>`lower(email)`, '=', email.toLowerCase())
			.execute();
		expect(accounts).toEqual([{ id: citizen.user.id, roles: ['citizen'] }]);
		expect(await inviteOutbox(citizen.user.id)).toEqual([]);
	});

	it('checks invitation input: roles staff, clerk or admin (at least one), a real address', async () => {
		const boss = await addAccount(['admin']);
		const ask = (input: { name?: string; email?: string; roles: string[] }) =>
			admin.inviteUser(
				boss,
				{ name: input.name ?? 'Anna', email: input.email ?? uniqueEmail('x'), roles: input.roles },
				{ language: 'nl' },
				t.db
			);
		expect(await ask({ roles: [] })).toEqual({ ok: false, reason: 'no-role' });
		expect(await ask({ roles: ['citizen'] })).toEqual({ ok: false, reason: 'unknown-role' });
		expect(await ask({ roles: ['root'] })).toEqual({ ok: false, reason: 'unknown-role' });
		expect(await ask({ roles: ['staff'], email: 'geen-adres' })).toEqual({
			ok: false,
			reason: 'invalid-email'
		});
		expect(await ask({ roles: ['staff'], name: '  ' })).toEqual({
			ok: false,
			reason: 'invalid-name'
		});
	});

	it('accepts an invitation once: password policy first, then signed in with the roles', async () => {
		const boss = await addAccount(['admin']);
		const email = uniqueEmail('carla');
		const { user, token } = await invite(boss, email, ['clerk']);
		// A weak password is refused without using the link.
		expect(
			await admin.acceptInvitation(token, { name: 'Carla Peeters', password: 'kort' }, t.db)
		).toEqual({
			ok: false,
			reason: 'too-short'
		});
		expect(
			await admin.acceptInvitation(
				token,
				{ name: 'Carla Peeters', password: `peeters ${PASSWORD}` },
				t.db
			)
		).toEqual({ ok: false, reason: 'contains-name' });
		expect(await admin.findInvitation(token, t.db)).toEqual({
			name: 'Carla Peeters',
			email,
			roles: ['clerk']
		});

		const now = new Date();
		const accepted = await admin.acceptInvitation(
			token,
			{ name: 'Carla P.', password: PASSWORD },
			t.db,
			now
		);
		expect(accepted.ok).toBe(true);
		if (!accepted.ok) return;
		expect(accepted.userId).toBe(user.id);
		const row = await t.db
			.selectFrom('appUser')
			.selectAll()
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(row.name).toBe('Carla P.');
		expect(row.emailVerifiedAt?.getTime()).toBe(now.getTime());
		expect(await verifyPassword(row.passwordHash!, PASSWORD)).toBe(true);
		const session = await sessions.validateSessionToken(accepted.token, t.db);
		expect(session?.user).toMatchObject({ id: user.id, roles: ['clerk'] });
		// And the password works at the login page too.
		expect(
			await users.authenticate({ email, password: PASSWORD, ip: '192.0.2.50' }, t.db)
		).toMatchObject({ ok: true });

		// Used: the link does nothing a second time.
		expect(await admin.findInvitation(token, t.db)).toBeNull();
		expect(
			await admin.acceptInvitation(
				token,
				{ name: 'Iemand', password: 'een ander lang wachtwoord' },
				t.db
			)
		).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await admin.listUsers(boss, { q: email }, t.db)).users.map((u) => u.status)).toEqual([
			'active'
		]);
	});

	it('refuses an expired invitation and shows it as expired', async () => {
		const boss = await addAccount(['admin']);
		const email = uniqueEmail('laat');
		const sent = new Date(Date.now() - 8 * DAY);
		const { token } = await invite(boss, email, ['staff'], sent);
		expect(await admin.findInvitation(token, t.db)).toBeNull();
		expect(await admin.acceptInvitation(token, { name: 'Laat', password: PASSWORD }, t.db)).toEqual(
			{
				ok: false,
				reason: 'invalid'
			}
		);
		const list = await admin.listUsers(boss, { q: email }, t.db);
		expect(list.users.map((u) => u.status)).toEqual(['invitation-expired']);
	});

	it('changes roles with effect on the next request, and refuses a stale form', async () => {
		const boss = await addAccount(['admin']);
		const citizen = await addAccount(['citizen']);
		const { token } = await sessions.createSession(citizen.id, t.db);
		const loaded = await admin.getUser(boss, citizen.id, t.db);
		if (!loaded) throw new Error('not found');

		const log = vi.spyOn(console, 'info').mockImplementation(() => {});
		const first = await admin.changeRoles(
			boss,
			{ userId: citizen.id, roles: ['citizen', 'staff'], expectedUpdatedAt: loaded.updatedAt },
			t.db
		);
		expect(first).toMatchObject({ ok: true, roles: ['citizen', 'staff'] });
		expect((await sessions.validateSessionToken(token, t.db))?.user.roles).toEqual([
			'citizen',
			'staff'
		]);
		const line = log.mock.calls.map((c) => JSON.parse(String(c[0]))).find((l) => l.audit);
		expect(line).toMatchObject({
			event: 'roles-changed',
			actor: { id: boss.id },
			target: { id: citizen.id },
			change: { roles: { from: ['citizen'], to: ['citizen', 'staff'] } }
		});

		// A second admin's form, loaded before that change, does not overwrite it.
		const other = await addAccount(['admin']);
		expect(
			await admin.changeRoles(
				other,
				{ userId: citizen.id, roles: ['citizen', 'clerk'], expectedUpdatedAt: loaded.updatedAt },
				t.db
			)
		).toEqual({ ok: false, reason: 'stale' });
		expect(await rolesOf(citizen.id)).toEqual(['citizen', 'staff']);

		// Reloaded, the form carries the new version and is accepted.
		const reloaded = await admin.getUser(other, citizen.id, t.db);
		expect(reloaded!.updatedAt.getTime()).toBeGreaterThan(loaded.updatedAt.getTime());
		expect(
			await admin.changeRoles(
				other,
				{ userId: citizen.id, roles: ['clerk'], expectedUpdatedAt: reloaded!.updatedAt },
				t.db
			)
		).toMatchObject({ ok: true, roles: ['clerk'] });
		expect(await rolesOf(citizen.id)).toEqual(['clerk']);
		// Accounts need at least one role, and only the four known ones.
		const fresh = (await admin.getUser(other, citizen.id, t.db))!;
		for (const [roles, reason] of [
			[[], 'no-role'],
			[['superuser'], 'unknown-role']
		] as const)
			expect(
				await admin.changeRoles(
					other,
					{ userId: citizen.id, roles, expectedUpdatedAt: fresh.updatedAt },
					t.db
				)
			).toEqual({ ok: false, reason });
	});

	it('protects the last admin, and an admin’s own admin role', async () => {
		// Earlier tests left admins behind: make them citizens, so the admins below are the only ones.
		await t.db
			.updateTable('appUser')
			.set({ roles: ['citizen'] })
			.where(sql<boolean>`'admin' = any(roles)`)
			.execute();
		const add = async (roles: string[]) => {
			const r = await users.addUser(
				{ email: uniqueEmail('a'), password: PASSWORD, roles, name: 'Admin' },
				t.db
			);
			if (!r.ok) throw new Error(r.reason);
			return r.user;
		};
		const version = async (id: string) => (await admin.getUser(first, id, t.db))!.updatedAt;
		const first = await add(['admin']);
		// An invited admin who has not accepted cannot sign in, so does not count.
		const invited = await admin.inviteUser(
			first,
			{ name: 'Later', email: uniqueEmail('later'), roles: ['admin'] },
			{ language: 'nl' },
			t.db
		);
		expect(invited.ok).toBe(true);
		expect(
			await admin.changeRoles(
				first,
				{ userId: first.id, roles: ['staff'], expectedUpdatedAt: await version(first.id) },
				t.db
			)
		).toEqual({ ok: false, reason: 'last-admin' });

		const second = await add(['admin', 'staff']);
		// With two admins, still not one's own admin role …
		expect(
			await admin.changeRoles(
				first,
				{ userId: first.id, roles: ['staff'], expectedUpdatedAt: await version(first.id) },
				t.db
			)
		).toEqual({ ok: false, reason: 'own-admin' });
		// … but one's other roles, and the other admin's admin role, yes.
		expect(
			await admin.changeRoles(
				second,
				{ userId: second.id, roles: ['admin'], expectedUpdatedAt: await version(second.id) },
				t.db
			)
		).toMatchObject({ ok: true });
		expect(
			await admin.changeRoles(
				first,
				{ userId: second.id, roles: ['staff'], expectedUpdatedAt: await version(second.id) },
				t.db
			)
		).toMatchObject({ ok: true, roles: ['staff'] });
		// The demoted admin's session object still says admin; the database decides.
		expect(
			await admin.changeRoles(
				{ ...second, roles: ['admin'] },
				{ userId: first.id, roles: ['staff'], expectedUpdatedAt: await version(first.id) },
				t.db
			)
		).toEqual({ ok: false, reason: 'forbidden' });
		const admins = await t.db
			.selectFrom('appUser')
			.select('id')
			.where(sql<boolean>`'admin' = any(roles)`)
			.where('passwordHash', 'is not', null)
			.execute();
		expect(admins).toEqual([{ id: first.id }]);
	});

	// PGlite has one connection, so only a server shows two transactions racing.
	it.runIf(backend === 'postgres')(
		'lets only one of two admins demoting each other at once succeed',
		async () => {
			await t.db
				.updateTable('appUser')
				.set({ roles: ['citizen'] })
				.where(sql<boolean>`'admin' = any(roles)`)
				.execute();
			const a = await addAccount(['admin']);
			const b = await addAccount(['admin']);
			const [va, vb] = await Promise.all([
				admin.getUser(a, a.id, t.db),
				admin.getUser(b, b.id, t.db)
			]);
			const results = await Promise.all([
				admin.changeRoles(
					a,
					{ userId: b.id, roles: ['staff'], expectedUpdatedAt: vb!.updatedAt },
					t.db
				),
				admin.changeRoles(
					b,
					{ userId: a.id, roles: ['staff'], expectedUpdatedAt: va!.updatedAt },
					t.db
				)
			]);
			expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
			expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'forbidden' });
			const admins = await t.db
				.selectFrom('appUser')
				.select('id')
				.where(sql<boolean>`'admin' = any(roles)`)
				.execute();
			expect(admins).toHaveLength(1);
		}
	);

	it('refuses closed accounts and unknown ids', async () => {
		const boss = await addAccount(['admin']);
		const closed = await addAccount(['citizen']);
		const loaded = (await admin.getUser(boss, closed.id, t.db))!;
		await t.db
			.updateTable('appUser')
			.set({
				deletedAt: new Date(),
				email: `deleted-${closed.id}@deleted.invalid`,
				name: '',
				passwordHash: null
			})
			.where('id', '=', closed.id)
			.execute();
		expect((await admin.getUser(boss, closed.id, t.db))?.status).toBe('closed');
		expect(
			await admin.changeRoles(
				boss,
				{ userId: closed.id, roles: ['staff'], expectedUpdatedAt: loaded.updatedAt },
				t.db
			)
		).toEqual({ ok: false, reason: 'closed' });
		expect(await admin.resendInvitation(boss, closed.id, { language: 'nl' }, t.db)).toEqual({
			ok: false,
			reason: 'closed'
		});
		expect(await admin.getUser(boss, 'geen-uuid', t.db)).toBeNull();
		expect(await admin.getUser(boss, '00000000-0000-4000-8000-000000000000', t.db)).toBeNull();
		expect(
			await admin.changeRoles(
				boss,
				{
					userId: '00000000-0000-4000-8000-000000000000',
					roles: ['staff'],
					expectedUpdatedAt: new Date()
				},
				t.db
			)
		).toEqual({ ok: false, reason: 'not-found' });
	});

	it('refuses everyone who is not an admin', async () => {
		const staff = await addAccount(['staff', 'clerk']);
		const target = await addAccount(['citizen']);
		const email = uniqueEmail('nee');
		expect(
			await admin.inviteUser(
				staff,
				{ name: 'Nee', email, roles: ['staff'] },
				{ language: 'nl' },
				t.db
			)
		).toEqual({ ok: false, reason: 'forbidden' });
		expect(
			await t.db.selectFrom('appUser').select('id').where('email', '=', email).execute()
		).toEqual([]);
		expect(
			await admin.changeRoles(
				staff,
				{ userId: target.id, roles: ['admin'], expectedUpdatedAt: new Date() },
				t.db
			)
		).toEqual({ ok: false, reason: 'forbidden' });
		// Not even by claiming the role: the stored roles count.
		expect(
			await admin.changeRoles(
				{ ...staff, roles: ['admin'] },
				{ userId: staff.id, roles: ['admin'], expectedUpdatedAt: new Date() },
				t.db
			)
		).toEqual({ ok: false, reason: 'forbidden' });
		expect(await rolesOf(staff.id)).toEqual(['staff', 'clerk']);
		expect(await admin.resendInvitation(staff, target.id, { language: 'nl' }, t.db)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		await expect(admin.listUsers(staff, {}, t.db)).rejects.toBeInstanceOf(admin.AdminOnlyError);
		await expect(admin.getUser(staff, target.id, t.db)).rejects.toBeInstanceOf(
			admin.AdminOnlyError
		);
	});

	it('lists accounts newest first, 50 a page, searched by name or e-mail', async () => {
		const boss = await addAccount(['admin']);
		const tag = `lijst${Date.now()}`;
		const base = Date.now() - 1000 * DAY;
		for (let i = 0; i < 53; i++)
			await t.db
				.insertInto('appUser')
				.values({
					email: `${tag}-${i}@example.be`,
					name: `Persoon ${i}`,
					passwordHash: 'x',
					roles: ['citizen'],
					createdAt: new Date(base + i * 1000)
				})
				.execute();
		await t.db
			.insertInto('appUser')
			.values({ email: 'procent@example.be', name: `Naam met 100%_${tag}`, passwordHash: 'x' })
			.execute();

		const first = await admin.listUsers(boss, { q: tag.toUpperCase() }, t.db);
		expect(first.total).toBe(54);
		expect(first.pageCount).toBe(2);
		expect(first.users).toHaveLength(50);
		expect(first.users[0].email).toBe('procent@example.be');
		expect(first.users[1].email).toBe(`${tag}-52@example.be`);
		const second = await admin.listUsers(boss, { q: tag, page: 2 }, t.db);
		expect(second.page).toBe(2);
		expect(second.users.map((u) => u.email)).toEqual(
			[0, 1, 2, 3].reverse().map((i) => `${tag}-${i}@example.be`)
		);
		// Past the end: the last page.
		expect((await admin.listUsers(boss, { q: tag, page: 9 }, t.db)).page).toBe(2);
		// By name; % and _ are matched literally.
		expect(
			(await admin.listUsers(boss, { q: 'persoon 52' }, t.db)).users.map((u) => u.email)
		).toEqual([`${tag}-52@example.be`]);
		expect((await admin.listUsers(boss, { q: '100%_' }, t.db)).users.map((u) => u.email)).toEqual([
			'procent@example.be'
		]);
		expect((await admin.listUsers(boss, { q: '%' }, t.db)).users.map((u) => u.email)).toEqual([
			'procent@example.be'
		]);
		expect((await admin.listUsers(boss, { q: 'bestaat-niet-zo' }, t.db)).total).toBe(0);
	});
});

// Switching passwords off (PASSWORD_LOGIN) for citizens, staff or both: a password sign-in of an
// account of that kind is refused with its reason (told only to who typed the right password),
// no reset link is mailed to it, and a link mailed before the switch sets nothing and signs
// nobody in. The other kind signs in as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordLogin } from '$lib/server/auth/password-login';
import * as admin from '$lib/server/users/admin';
import * as selfService from '$lib/server/users/self-service';
import * as users from '$lib/server/users/service';
import { addUser, PASSWORD } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const CITIZENS_ONLY: PasswordLogin = { citizens: true, staff: false };
const STAFF_ONLY: PasswordLogin = { citizens: false, staff: true };
const NONE: PasswordLogin = { citizens: false, staff: false };

describe(`switching passwords off on ${backend}`, () => {
	let t: TestDatabase;
	let ipCounter = 0;
	const newIp = () => `198.51.100.${++ipCounter}`;

	beforeAll(async () => {
		t = await openTestDatabase();
		await addUser(t.db, 'burger@example.be', ['citizen'], 'Bert Burger');
		await addUser(t.db, 'medewerker@gemeente.test', ['citizen', 'staff'], 'Mia Medewerker');
		await addUser(t.db, 'beheerder@gemeente.test', ['admin'], 'Ben Beheerder');
	});
	afterAll(() => t.drop());

	const signIn = (email: string, passwordLogin?: PasswordLogin, password = PASSWORD) =>
		users.authenticate({ email, password, ip: newIp(), passwordLogin }, t.db);
	const sessionCount = async () =>
		Number(
			(
				await t.db
					.selectFrom('userSession')
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	const resetLinks = async (email: string) =>
		(
			await t.db
				.selectFrom('outbox')
				.select('payload')
				.where('kind', '=', 'reset-password')
				.execute()
		).filter((r) => r.payload.email === email);

	it('refuses a citizen’s password where citizens use none; staff sign in as before', async () => {
		expect(await signIn('burger@example.be', STAFF_ONLY)).toEqual({
			ok: false,
			reason: 'password-off'
		});
		// A wrong password hears only that it is wrong: nothing about the account.
		expect(await signIn('burger@example.be', STAFF_ONLY, 'niet het juiste wachtwoord')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect(await signIn('medewerker@gemeente.test', STAFF_ONLY)).toMatchObject({ ok: true });
		expect(await signIn('beheerder@gemeente.test', STAFF_ONLY)).toMatchObject({ ok: true });
	});

	it('refuses staff, clerks’ and admins’ passwords where staff use none; citizens sign in', async () => {
		expect(await signIn('medewerker@gemeente.test', CITIZENS_ONLY)).toEqual({
			ok: false,
			reason: 'password-off'
		});
		expect(await signIn('beheerder@gemeente.test', CITIZENS_ONLY)).toEqual({
			ok: false,
			reason: 'password-off'
		});
		expect(await signIn('burger@example.be', CITIZENS_ONLY)).toMatchObject({ ok: true });
	});

	it('refuses every password when both are off, and allows both by default', async () => {
		for (const email of ['burger@example.be', 'medewerker@gemeente.test'])
			expect(await signIn(email, NONE)).toEqual({ ok: false, reason: 'password-off' });
		for (const email of ['burger@example.be', 'medewerker@gemeente.test'])
			expect(await signIn(email)).toMatchObject({ ok: true });
	});

	it('mails no reset link to an account that may not use a password (the same answer)', async () => {
		const ask = (email: string) =>
			selfService.requestPasswordReset(
				{ email, ip: newIp(), language: 'nl', passwordLogin: STAFF_ONLY },
				t.db
			);
		expect(await ask('burger@example.be')).toEqual({ ok: true });
		expect(await resetLinks('burger@example.be')).toEqual([]);
		expect(await ask('medewerker@gemeente.test')).toEqual({ ok: true });
		expect(await resetLinks('medewerker@gemeente.test')).toHaveLength(1);
	});

	it('a reset link mailed before the switch sets nothing and signs nobody in', async () => {
		await selfService.requestPasswordReset(
			{ email: 'burger@example.be', ip: newIp(), language: 'nl' },
			t.db
		);
		const [link] = await resetLinks('burger@example.be');
		const token = link.payload.token as string;
		const sessions = await sessionCount();
		expect(
			await selfService.resetPassword(
				{ token, password: 'een heel ander lang wachtwoord', passwordLogin: STAFF_ONLY },
				t.db
			)
		).toEqual({ ok: false, reason: 'password-off' });
		expect(await sessionCount()).toBe(sessions);
		// The old password is still the one (for when the municipality switches back).
		expect(await signIn('burger@example.be')).toMatchObject({ ok: true });
		expect(await selfService.checkResetToken(token, t.db)).toMatchObject({ ok: true });
	});

	it('an invitation to the back-office sets no password where staff use none', async () => {
		const inviter = await addUser(t.db, 'tweede-beheerder@gemeente.test', ['admin']);
		const invited = await admin.inviteUser(
			inviter,
			{ email: 'nieuw@gemeente.test', name: 'Nora Nieuw', roles: ['staff'] },
			{ language: 'nl' },
			t.db
		);
		if (!invited.ok) throw new Error(invited.reason);
		const [mail] = await t.db
			.selectFrom('outbox')
			.select('payload')
			.where('kind', '=', 'invite')
			.execute();
		const token = mail.payload.token as string;
		const sessions = await sessionCount();
		expect(
			await admin.acceptInvitation(
				token,
				{ name: 'Nora Nieuw', password: PASSWORD, passwordLogin: CITIZENS_ONLY },
				t.db
			)
		).toEqual({ ok: false, reason: 'password-off' });
		expect(await sessionCount()).toBe(sessions);
		expect(await admin.findInvitation(token, t.db)).not.toBeNull();
	});
});

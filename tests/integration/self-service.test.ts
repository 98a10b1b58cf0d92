// Account self-service against a real database: reset links that work once and only for an hour
// and answer the same for unknown addresses, closing an account (data erased, login refused, the
// last admin kept), and claiming guest dossiers only with a verified, matching address.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPage, type AnswerOptions } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import { toIsoDate } from '$lib/process/calendar';
import * as rateLimit from '$lib/server/auth/rate-limit';
import * as sessions from '$lib/server/auth/session';
import * as dossiers from '$lib/server/dossiers/service';
import * as views from '$lib/server/dossiers/views';
import * as drafts from '$lib/server/drafts/service';
import { LocalFileStorage } from '$lib/server/files/storage';
import * as processes from '$lib/server/processes/service';
import * as selfService from '$lib/server/users/self-service';
import * as users from '$lib/server/users/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const HOUR = 60 * 60 * 1000;
const PASSWORD = 'paarse olifant op de fiets';
const NEW_PASSWORD = 'een gloednieuwe lange zin';
const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: toIsoDate(new Date()) };
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-self-service-')));

let ipCounter = 0;
/** A fresh IP per test, so the per-IP limits of one test never touch another. */
const newIp = () => `198.51.100.${++ipCounter}`;

describe(`account self-service on ${backend}`, () => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'test.json', definition: testDefinition }], t.db);
	});
	afterAll(async () => {
		await t.drop();
	});

	async function register(email: string, name = 'Ada Peeters') {
		const result = await users.registerUser({ email, password: PASSWORD, name }, t.db);
		if (!result.ok) throw new Error(result.reason);
		return result.user;
	}

	async function verify(userId: string) {
		const row = await t.db
			.selectFrom('outbox')
			.select('payload')
			.where('kind', '=', 'verify-email')
			.execute();
		const token = row.find((r) => r.payload.userId === userId)?.payload.token as string;
		expect((await users.verifyEmail(token, PASSWORD, t.db)).ok).toBe(true);
	}

	async function resetMails(userId?: string) {
		const rows = await t.db
			.selectFrom('outbox')
			.select('payload')
			.where('kind', '=', 'reset-password')
			.orderBy('id')
			.execute();
		return rows.map((r) => r.payload).filter((p) => !userId || p.userId === userId);
	}

	async function tokensOf(userId: string) {
		return t.db.selectFrom('userToken').selectAll().where('userId', '=', userId).execute();
	}

	async function askReset(email: string, now?: Date, ip = newIp()) {
		return selfService.requestPasswordReset({ email, ip, language: 'en' }, t.db, now);
	}

	/** Files the test process as a guest (or as `ownerId`) with this applicant e-mail. */
	async function file(email: string, ownerId: string | null = null) {
		const opened = await drafts.openDraft(
			{ processId: 'proef', token: undefined, ownerId, language: 'nl' },
			t.db
		);
		if (!opened) throw new Error('no draft');
		let view = opened.view;
		const pages = [
			{
				naam: 'Ada Peeters',
				rrn: '85.07.30-033.28',
				eigendom: 'eigen',
				'adres.street': 'Kerkstraat',
				'adres.number': '12',
				'adres.postcode': '9000',
				'adres.municipality': 'Gent',
				email
			},
			{ datum: toIsoDate(new Date(Date.now() + 60 * 86_400_000)), bezoekers: '120' }
		];
		for (const [page, values] of pages.entries()) {
			const reading = readPage(view.definition, page, values, view.answers, opts);
			expect(reading.issues).toEqual([]);
			const saved = await drafts.savePage(view, reading, { storage, opts }, t.db);
			if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
			view = (await drafts.findDraft({ processId: 'proef', token: opened.token, ownerId }, t.db))!;
		}
		const result = await dossiers.submitDraft(
			view,
			{ ownerId, signedIn: { provider: null, assurance: 'low' }, opts },
			t.db
		);
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		return { dossier: result.dossier, trackingToken: opened.token };
	}

	it('sends a one-hour reset link to an existing account, in the asker’s language', async () => {
		const user = await register('Reset.Een@Example.be');
		const now = new Date();
		expect(await askReset('  reset.een@example.BE ', now)).toEqual({ ok: true });
		const mails = await resetMails(user.id);
		expect(mails).toEqual([
			{ userId: user.id, email: 'Reset.Een@Example.be', token: expect.any(String), language: 'en' }
		]);
		const [token] = (await tokensOf(user.id)).filter((x) => x.purpose === 'reset-password');
		expect(token.id).not.toBe(mails[0].token);
		expect(token.expiresAt.getTime()).toBe(now.getTime() + HOUR);
	});

	it('answers an unknown or closed address exactly as a known one, and sends nothing', async () => {
		const before = await resetMails();
		const tokensBefore = await t.db.selectFrom('userToken').select('id').execute();
		const known = await register('bekend@example.be');
		const unknown = await askReset('onbekend@example.be');
		const existing = await askReset('bekend@example.be');
		expect(unknown).toEqual(existing);
		const after = await resetMails();
		expect(after.slice(before.length).map((p) => p.userId)).toEqual([known.id]);
		const tokensAfter = await t.db.selectFrom('userToken').select('id').execute();
		// One verify-email token from registering, one reset token: none for the unknown address.
		expect(tokensAfter.length - tokensBefore.length).toBe(2);
	});

	it('rate-limits per address and per IP, the same way for unknown addresses', async () => {
		const now = new Date();
		await verify((await register('vaak@example.be')).id);
		for (const email of ['vaak@example.be', 'nooit-geregistreerd@example.be']) {
			for (let i = 0; i < selfService.MAX_RESETS_PER_ADDRESS; i++)
				expect(await askReset(email, new Date(now.getTime() + i * 1000))).toEqual({ ok: true });
			const limited = await askReset(email, new Date(now.getTime() + 10_000));
			expect(limited).toEqual({ ok: false, reason: 'rate-limited', retryAfterSeconds: 3590 });
			// The window moves on: an hour after the first request, one more is allowed.
			expect(await askReset(email, new Date(now.getTime() + HOUR + 1))).toEqual({ ok: true });
		}

		const ip = newIp();
		// Reset requests are never counted as failed logins: with these 15 failures, counting the
		// 10 requests below would lock this IP out of /aanmelden (20).
		for (let i = 0; i < 15; i++)
			await rateLimit.recordLoginAttempt({ email: `x${i}@example.be`, ip, succeeded: false }, t.db);
		for (let i = 0; i < selfService.MAX_RESETS_PER_IP; i++)
			expect(await askReset(`ip-${i}@example.be`, now, ip)).toEqual({ ok: true });
		const byIp = await askReset('nog-een@example.be', now, ip);
		expect(byIp).toMatchObject({ ok: false, reason: 'rate-limited' });
		expect(await askReset('nog-een@example.be', now, newIp())).toEqual({ ok: true });
		const login = await users.authenticate(
			{ email: 'vaak@example.be', password: PASSWORD, ip },
			t.db
		);
		expect(login.ok).toBe(true);
	});

	it('lets the link be opened freely, used once, and ends every session', async () => {
		const user = await register('eenmalig@example.be');
		await askReset('eenmalig@example.be');
		await askReset('eenmalig@example.be');
		const [first, second] = (await resetMails(user.id)).map((p) => p.token as string);
		const old1 = await sessions.createSession(user.id, t.db);
		const old2 = await sessions.createSession(user.id, t.db);

		// Opening the link (a mail scanner, the person twice) does not use it.
		expect(await selfService.checkResetToken(second, t.db)).toEqual({ ok: true, userId: user.id });
		expect(await selfService.checkResetToken(second, t.db)).toEqual({ ok: true, userId: user.id });
		// A weak password is refused and the link still works.
		expect(
			await selfService.resetPassword({ token: second, password: 'eenmalig@example.be!' }, t.db)
		).toEqual({
			ok: false,
			reason: 'contains-email'
		});
		const done = await selfService.resetPassword({ token: second, password: NEW_PASSWORD }, t.db);
		if (!done.ok) throw new Error(done.reason);
		expect(done.userId).toBe(user.id);

		expect(await sessions.validateSessionToken(old1.token, t.db)).toBeNull();
		expect(await sessions.validateSessionToken(old2.token, t.db)).toBeNull();
		expect((await sessions.validateSessionToken(done.token, t.db))?.user).toMatchObject({
			id: user.id,
			emailVerifiedAt: expect.any(Date)
		});
		const ip = newIp();
		const login = (password: string) =>
			users.authenticate({ email: 'eenmalig@example.be', password, ip }, t.db);
		expect((await login(NEW_PASSWORD)).ok).toBe(true);
		expect((await login(PASSWORD)).ok).toBe(false);

		// The same link again, and the older link from the first mail, no longer work.
		const invalid = { ok: false, reason: 'invalid' };
		expect(await selfService.checkResetToken(second, t.db)).toEqual(invalid);
		expect(
			await selfService.resetPassword({ token: second, password: 'nog een ander wachtwoord' }, t.db)
		).toEqual(invalid);
		expect(
			await selfService.resetPassword({ token: first, password: 'nog een ander wachtwoord' }, t.db)
		).toEqual(invalid);
		expect((await login(NEW_PASSWORD)).ok).toBe(true);
	});

	it('refuses a link after its hour, and one that was never issued', async () => {
		const user = await register('verlopen@example.be');
		const asked = new Date();
		await askReset('verlopen@example.be', asked);
		const [token] = (await resetMails(user.id)).map((p) => p.token as string);
		const later = (ms: number) => new Date(asked.getTime() + ms);
		expect((await selfService.checkResetToken(token, t.db, later(HOUR - 1000))).ok).toBe(true);
		expect((await selfService.checkResetToken(token, t.db, later(HOUR))).ok).toBe(false);
		expect(
			await selfService.resetPassword({ token, password: NEW_PASSWORD }, t.db, later(HOUR + 1000))
		).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await selfService.checkResetToken('x'.repeat(27), t.db)).ok).toBe(false);
		expect((await selfService.checkResetToken('kort', t.db)).ok).toBe(false);
	});

	it('uses a link only once when it is posted twice at the same time', async () => {
		const user = await register('tegelijk@example.be');
		await askReset('tegelijk@example.be');
		const [token] = (await resetMails(user.id)).map((p) => p.token as string);
		const results = await Promise.all([
			selfService.resetPassword({ token, password: NEW_PASSWORD }, t.db),
			selfService.resetPassword({ token, password: 'een ander lang wachtwoord' }, t.db)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'invalid' }]);
		const sessionsLeft = await t.db
			.selectFrom('userSession')
			.select('id')
			.where('userId', '=', user.id)
			.execute();
		expect(sessionsLeft).toHaveLength(1);
	});

	it('closes an account: personal data erased, sessions and tokens gone, login refused', async () => {
		const user = await register('Weg@Example.be', 'Wim Weg');
		const session = await sessions.createSession(user.id, t.db);
		await askReset('weg@example.be');
		const { dossier } = await file('weg@example.be', user.id);
		await drafts.openDraft(
			{ processId: 'proef', token: undefined, ownerId: user.id, language: 'nl' },
			t.db
		);
		const draftsBefore = await t.db
			.selectFrom('formDraft')
			.select('id')
			.where('ownerId', '=', user.id)
			.execute();
		expect(draftsBefore).toHaveLength(2);
		const who = { id: user.id, email: user.email };
		const ip = newIp();

		expect(
			await selfService.closeAccount(who, { password: PASSWORD, confirmed: false, ip }, t.db)
		).toEqual({ ok: false, reason: 'not-confirmed' });
		expect(
			await selfService.closeAccount(
				who,
				{ password: 'niet mijn wachtwoord', confirmed: true, ip },
				t.db
			)
		).toEqual({ ok: false, reason: 'invalid-password' });
		expect(await sessions.validateSessionToken(session.token, t.db)).not.toBeNull();

		const now = new Date();
		expect(
			await selfService.closeAccount(who, { password: PASSWORD, confirmed: true, ip }, t.db, now)
		).toEqual({ ok: true, detached: 1 });
		const row = await t.db
			.selectFrom('appUser')
			.selectAll()
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			email: `deleted-${user.id}@deleted.invalid`,
			name: '',
			passwordHash: null,
			roles: [],
			emailVerifiedAt: null,
			deletedAt: now
		});
		expect(await sessions.validateSessionToken(session.token, t.db)).toBeNull();
		expect(await tokensOf(user.id)).toEqual([]);
		const ownDrafts = await t.db
			.selectFrom('formDraft')
			.select(['id', 'dossierId'])
			.where('ownerId', '=', user.id)
			.execute();
		// Both are gone: what was filed lives on in the dossier.
		expect(ownDrafts).toEqual([]);
		// The dossier stays with the municipality, as filed, detached from the account.
		const kept = await t.db
			.selectFrom('dossier')
			.select(['ownerId', 'applicantEmail', 'applicantName'])
			.where('id', '=', dossier.id)
			.executeTakeFirstOrThrow();
		expect(kept).toEqual({
			ownerId: null,
			applicantEmail: 'weg@example.be',
			applicantName: 'Ada Peeters'
		});

		const login = await users.authenticate(
			{ email: 'weg@example.be', password: PASSWORD, ip: newIp() },
			t.db
		);
		expect(login).toEqual({ ok: false, reason: 'invalid' });
		// No reset link for a closed account, and the address is free to register again.
		const mailsBefore = (await resetMails()).length;
		expect(await askReset('weg@example.be')).toEqual({ ok: true });
		expect(await resetMails()).toHaveLength(mailsBefore);
		const again = await register('weg@example.be', 'Wim Terug');
		expect(again.id).not.toBe(user.id);
	});

	it('counts wrong passwords on the account page as failed logins', async () => {
		const user = await register('gok@example.be');
		const ip = newIp();
		for (let i = 0; i < 5; i++)
			expect(
				await selfService.changeOwnPassword(
					user,
					{ current: `gok nummer ${i} is fout`, next: NEW_PASSWORD, ip },
					t.db
				)
			).toEqual({ ok: false, reason: 'invalid' });
		const limited = await selfService.closeAccount(
			user,
			{ password: PASSWORD, confirmed: true, ip: newIp() },
			t.db
		);
		expect(limited).toMatchObject({ ok: false, reason: 'rate-limited' });
		const login = await users.authenticate(
			{ email: 'gok@example.be', password: PASSWORD, ip: newIp() },
			t.db
		);
		expect(login).toMatchObject({ ok: false, reason: 'rate-limited' });
	});

	it('never closes the last admin, even when two admins close at the same time', async () => {
		const add = async (email: string) => {
			const r = await users.addUser({ email, password: PASSWORD, roles: ['admin'] }, t.db);
			if (!r.ok) throw new Error(r.reason);
			return r.user;
		};
		expect(await users.countAdmins(t.db)).toBe(0);
		const one = await add('beheer-een@example.be');
		const close = (u: { id: string; email: string }) =>
			selfService.closeAccount(u, { password: PASSWORD, confirmed: true, ip: newIp() }, t.db);
		expect(await close(one)).toEqual({ ok: false, reason: 'last-admin' });

		const two = await add('beheer-twee@example.be');
		const results = await Promise.all([close(one), close(two)]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'last-admin' }]);
		const open = await t.db
			.selectFrom('appUser')
			.select('id')
			.where('deletedAt', 'is', null)
			.where('id', 'in', [one.id, two.id])
			.execute();
		expect(open).toHaveLength(1);
	});

	it('claims only unowned guest dossiers filed with the verified address', async () => {
		const mine = await file('Claim@Example.be');
		const mineToo = await file('claim@example.be');
		const someoneElses = await file('iemand-anders@example.be');
		const other = await register('eigenaar@example.be');
		const owned = await file('claim@example.be', other.id);

		const user = await register('CLAIM@example.be');
		// Not before the address is verified: anyone can register any address.
		expect(await selfService.findClaimableDossiers(user, t.db)).toEqual([]);
		expect(await selfService.claimGuestDossiers(user, [mine.dossier.id], t.db)).toEqual([]);
		await verify(user.id);

		const claimable = await selfService.findClaimableDossiers(user, t.db);
		expect(claimable.map((d) => d.id).sort()).toEqual([mine.dossier.id, mineToo.dossier.id].sort());
		expect(claimable[0]).toMatchObject({
			reference: expect.stringMatching(/^\d{4}-\d{6}$/),
			title: testDefinition.title,
			submittedAt: expect.any(Date)
		});

		const asked = [mine.dossier.id, someoneElses.dossier.id, owned.dossier.id, 'geen-uuid'];
		const claimed = await selfService.claimGuestDossiers(user, asked, t.db);
		expect(claimed).toEqual([{ id: mine.dossier.id, reference: mine.dossier.reference }]);

		const rows = await t.db
			.selectFrom('dossier')
			.select(['id', 'ownerId', 'guestTokenHash'])
			.where('id', 'in', [mine.dossier.id, someoneElses.dossier.id, owned.dossier.id])
			.execute();
		const byId = new Map(rows.map((r) => [r.id, r]));
		expect(byId.get(mine.dossier.id)).toMatchObject({
			ownerId: user.id,
			guestTokenHash: mine.dossier.guestTokenHash
		});
		expect(byId.get(someoneElses.dossier.id)?.ownerId).toBeNull();
		expect(byId.get(owned.dossier.id)?.ownerId).toBe(other.id);

		const events = await t.db
			.selectFrom('dossierEvent')
			.select(['type', 'actorId', 'visibility'])
			.where('dossierId', '=', mine.dossier.id)
			.orderBy('id')
			.execute();
		expect(events).toEqual([
			{ type: 'submitted', actorId: null, visibility: 'public' },
			{ type: 'claimed', actorId: user.id, visibility: 'public' }
		]);
		// The tracking link from the receipt keeps working.
		const tracked = await views.findForGuest(mine.trackingToken, t.db);
		const timeline = tracked ? (await views.viewForCitizen(tracked, t.db)).timeline : [];
		expect(timeline.map((e) => (e.kind === 'other' ? e.type : e.kind))).toEqual([
			'submitted',
			'claimed'
		]);

		// Claiming again takes nothing; the rest is still on offer.
		expect(await selfService.claimGuestDossiers(user, [mine.dossier.id], t.db)).toEqual([]);
		expect((await selfService.findClaimableDossiers(user, t.db)).map((d) => d.id)).toEqual([
			mineToo.dossier.id
		]);
	});
});

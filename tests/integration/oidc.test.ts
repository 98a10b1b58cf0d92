// Signing in through OpenID Connect against a real provider (`oidc-provider` in this process):
// the happy paths for citizens (eID at level high, the CSAM app at substantial) and staff (roles
// from a group claim, lost when the group is), and each failure of issue 18 item 7 refused with
// its reason and no account or session made. Signing out: to the provider's end-session address
// with the ID token, and the provider's back-channel logout (posted by the provider itself to a
// receiver in this process, or crafted and signed with its key) ending exactly the sessions named.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSession, createSessionWith } from '$lib/server/auth/session';
import * as backchannel from '$lib/server/oidc/backchannel';
import { parseProviders, type Provider } from '$lib/server/oidc/config';
import * as oidc from '$lib/server/oidc/service';
import { readSignOutReturn, signOutReturnValue } from '$lib/server/web/sign-out-return';
import {
	signInAt,
	signOutAt,
	startTestProvider,
	type CookieJar,
	type TestAccount
} from '../fixtures/oidc-provider';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const REDIRECT = 'http://loket.test/aanmelden/acm/terug';
const POST_LOGOUT = 'http://loket.test/';
const STAFF_REDIRECT = 'http://loket.test/aanmelden/entra/terug';
const STAFF_GROUP = '0b6c1f9e-staff';
const CLERK_GROUP = '7d2a44c0-clerks';

const jan: TestAccount = {
	id: 'jan-eid',
	acr: 'urn:be:vlaanderen:authmech:eid',
	claims: {
		email: 'jan.peeters@example.be',
		email_verified: true,
		given_name: 'Jan',
		family_name: 'Peeters',
		rrn: '85073003328',
		birthdate: '1985-07-30'
	}
};
// Marie signs in with an SMS code (CSAM): substantial.
const janSms: TestAccount = {
	id: 'marie-sms',
	acr: 'urn:be:vlaanderen:authmech:sms',
	claims: { ...jan.claims, email: 'marie@example.be', given_name: 'Marie' }
};
const anna: TestAccount = {
	id: 'anna-staff',
	claims: {
		email: 'anna@gemeente.test',
		email_verified: true,
		given_name: 'Anna',
		family_name: 'Claes',
		name: 'Anna Claes',
		groups: [STAFF_GROUP, 'someone-else']
	}
};
const noEmail: TestAccount = {
	id: 'no-email',
	acr: 'urn:be:vlaanderen:authmech:eid',
	claims: { given_name: 'Piet', family_name: 'Zonder', rrn: '90020200197' }
};
const badRrn: TestAccount = {
	id: 'bad-rrn',
	acr: 'urn:be:vlaanderen:authmech:eid',
	claims: { email: 'x@example.be', given_name: 'X', family_name: 'Y', rrn: '85073003329' }
};
const taken: TestAccount = {
	id: 'has-password-account',
	acr: 'urn:be:vlaanderen:authmech:itsme',
	claims: { email: 'els@example.be', given_name: 'Els', family_name: 'Wouters', rrn: '90020200197' }
};

describe(`sign-in through OpenID Connect on ${backend}`, () => {
	let t: TestDatabase;
	let op: Awaited<ReturnType<typeof startTestProvider>>;
	let acm: Provider;
	let entra: Provider;
	let accounts: TestAccount[];

	// Where the provider posts its logout tokens: Loket's back-channel logout, answered as the
	// route does (200, or 400 with the reason), each outcome kept for the test to read.
	let receiver: Server;
	const received: backchannel.LogoutResult[] = [];

	beforeAll(async () => {
		t = await openTestDatabase();
		accounts = [jan, janSms, anna, noEmail, badRrn, taken];
		receiver = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString()));
			req.on('end', () => {
				const token = new URLSearchParams(body).get('logout_token') ?? '';
				void backchannel.logout(acm, token, t.db).then((result) => {
					received.push(result);
					res.writeHead(result.ok ? 200 : 400, { 'cache-control': 'no-store' }).end();
				});
			});
		});
		await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
		const receiverPort = (receiver.address() as AddressInfo).port;
		op = await startTestProvider({
			accounts,
			clients: [
				{
					client_id: 'loket-citizens',
					client_secret: 'citizens-secret',
					redirect_uris: [REDIRECT],
					post_logout_redirect_uris: [POST_LOGOUT],
					backchannel_logout_uri: `http://127.0.0.1:${receiverPort}/aanmelden/acm/afmelden`,
					backchannel_logout_session_required: true
				},
				{
					client_id: 'loket-staff',
					client_secret: 'staff-secret',
					redirect_uris: [STAFF_REDIRECT]
				}
			]
		});
		[acm, entra] = parseProviders([
			{
				id: 'acm',
				label: { nl: 'eID of itsme' },
				audience: 'citizens',
				issuer: op.issuer,
				clientId: 'loket-citizens',
				clientSecret: 'citizens-secret',
				scopes: ['openid', 'profile', 'email', 'rrn'],
				claims: 'acmidm',
				allowInsecure: true
			},
			{
				id: 'entra',
				label: { nl: 'Microsoft' },
				audience: 'staff',
				issuer: op.issuer,
				clientId: 'loket-staff',
				clientSecret: 'staff-secret',
				scopes: ['openid', 'profile', 'email', 'groups'],
				claims: 'entra',
				roles: { [STAFF_GROUP]: ['staff'], [CLERK_GROUP]: ['clerk'] },
				allowInsecure: true
			}
		]);
		await addUser(t.db, 'els@example.be', ['citizen'], 'Els Wouters');
	});
	afterAll(async () => {
		await new Promise<void>((done) => receiver.close(() => done()));
		await op.close();
		await t.drop();
	});
	beforeEach(() => oidc.forgetConfigurations());

	async function start(
		provider = acm,
		level: 'low' | 'substantial' | 'high' = 'low',
		linkUserId?: string
	) {
		const begun = await oidc.begin(
			provider,
			{
				redirectUri: provider === acm ? REDIRECT : STAFF_REDIRECT,
				returnTo: '/p/x/aanvragen',
				level,
				linkUserId
			},
			t.db
		);
		if (!begun.ok) throw new Error(begun.reason);
		return begun;
	}

	async function signIn(
		account: TestAccount,
		provider = acm,
		level: 'low' | 'substantial' | 'high' = 'low'
	) {
		const begun = await start(provider, level);
		const callbackUrl = await signInAt(
			begun.url,
			account.id,
			provider === acm ? REDIRECT : STAFF_REDIRECT
		);
		return {
			begun,
			callbackUrl,
			result: await oidc.complete(provider, { key: begun.key, callbackUrl }, t.db)
		};
	}

	const countUsers = async () =>
		Number(
			(
				await t.db
					.selectFrom('appUser')
					.select((eb) => eb.fn.countAll().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	it('asks with PKCE, state and nonce, and signs a citizen in with eID at level high', async () => {
		const begun = await start(acm, 'high');
		expect(begun.url.origin).toBe(op.issuer);
		expect(begun.url.searchParams.get('code_challenge_method')).toBe('S256');
		expect(begun.url.searchParams.get('state')).toBeTruthy();
		expect(begun.url.searchParams.get('nonce')).toBeTruthy();
		expect(begun.url.searchParams.get('redirect_uri')).toBe(REDIRECT);
		// Only the hash of the browser's key is stored.
		const flows = await t.db.selectFrom('oidcFlow').select('id').execute();
		expect(flows.map((f) => f.id)).not.toContain(begun.key);

		const callbackUrl = await signInAt(begun.url, jan.id, REDIRECT);
		const result = await oidc.complete(acm, { key: begun.key, callbackUrl }, t.db);
		if (!result.ok) throw new Error(result.reason);
		expect(result.level).toBe('high');
		expect(result.identity).toEqual({
			givenName: 'Jan',
			familyName: 'Peeters',
			nationalNumber: '85073003328',
			birthDate: '1985-07-30'
		});
		expect(result.returnTo).toBe('/p/x/aanvragen');
		const user = await t.db
			.selectFrom('appUser')
			.selectAll()
			.where('id', '=', result.userId)
			.executeTakeFirstOrThrow();
		expect(user).toMatchObject({
			email: 'jan.peeters@example.be',
			name: 'Jan Peeters',
			passwordHash: null,
			roles: ['citizen']
		});
		expect(user.emailVerifiedAt).not.toBeNull();

		// The second time, the same account: no new one.
		const before = await countUsers();
		const again = await signIn(jan);
		expect(again.result).toMatchObject({ ok: true, userId: result.userId });
		expect(await countUsers()).toBe(before);
	});

	it('an SMS code reaches substantial: enough for a substantial process, refused for a high one', async () => {
		const substantial = await signIn(janSms, acm, 'substantial');
		expect(substantial.result).toMatchObject({ ok: true, level: 'substantial' });
		const high = await signIn(janSms, acm, 'high');
		expect(high.result).toMatchObject({
			ok: false,
			reason: 'level-too-low',
			returnTo: '/p/x/aanvragen',
			// Trying again asks for the same level.
			level: 'high'
		});
		// Above low the provider is asked to sign the person in again (not reuse the SMS session);
		// any account is not.
		expect(high.begun.url.searchParams.get('prompt')).toBe('login');
		expect(substantial.begun.url.searchParams.get('prompt')).toBe('login');
		expect((await start(acm, 'low')).url.searchParams.get('prompt')).toBeNull();
	});

	it('staff get their roles from the group claim, and lose them when the group is gone', async () => {
		const first = await signIn(anna, entra);
		if (!first.result.ok) throw new Error(first.result.reason);
		const roles = async () =>
			(
				await t.db
					.selectFrom('appUser')
					.select('roles')
					.where('id', '=', (first.result as { userId: string }).userId)
					.executeTakeFirstOrThrow()
			).roles;
		expect(await roles()).toEqual(['citizen', 'staff']);

		anna.claims.groups = [CLERK_GROUP];
		await signIn(anna, entra);
		expect(await roles()).toEqual(['citizen', 'clerk']);

		anna.claims.groups = ['someone-else'];
		const removed = await signIn(anna, entra);
		expect(removed.result).toMatchObject({ ok: true });
		expect(await roles()).toEqual(['citizen']);
	});

	it('never links to a password account by its e-mail address alone; its owner links it', async () => {
		const before = await countUsers();
		const refused = await signIn(taken);
		expect(refused.result).toMatchObject({ ok: false, reason: 'link-needed' });
		expect(await countUsers()).toBe(before);

		const els = await t.db
			.selectFrom('appUser')
			.select('id')
			.where('email', '=', 'els@example.be')
			.executeTakeFirstOrThrow();
		const begun = await start(acm, 'low', els.id);
		const callbackUrl = await signInAt(begun.url, taken.id, REDIRECT);
		const linked = await oidc.complete(acm, { key: begun.key, callbackUrl }, t.db);
		expect(linked).toMatchObject({ ok: true, userId: els.id, linked: true });
		// From now on, itsme signs Els in to her own account.
		expect((await signIn(taken)).result).toMatchObject({ ok: true, userId: els.id, linked: false });
		// An identity stays with its account, in the database too.
		await expect(
			t.db
				.updateTable('oidcIdentity')
				.set({ userId: (await addUser(t.db, 'other@example.be', ['citizen'])).id })
				.where('subject', '=', taken.id)
				.execute()
		).rejects.toThrow(/stays with its account/);
	});

	describe('refuses, with its reason, and makes no account', () => {
		let before: number;
		beforeEach(async () => {
			before = await countUsers();
		});
		const noAccountMade = async () => expect(await countUsers()).toBe(before);

		it('a tampered state', async () => {
			const begun = await start();
			const callbackUrl = await signInAt(begun.url, noEmail.id, REDIRECT);
			callbackUrl.searchParams.set('state', 'forged');
			expect(await oidc.complete(acm, { key: begun.key, callbackUrl }, t.db)).toMatchObject({
				ok: false,
				reason: 'state'
			});
			await noAccountMade();
		});

		it('an answer without the browser that began, or replayed', async () => {
			const { begun, callbackUrl, result } = await signIn(jan);
			expect(result.ok).toBe(true);
			expect(await oidc.complete(acm, { key: begun.key, callbackUrl }, t.db)).toMatchObject({
				ok: false,
				reason: 'no-flow'
			});
			expect(await oidc.complete(acm, { key: undefined, callbackUrl }, t.db)).toMatchObject({
				ok: false,
				reason: 'no-flow'
			});
		});

		it('a code used twice (a replay at the provider, in a new flow)', async () => {
			const { callbackUrl } = await signIn(jan);
			const other = await start();
			const replay = new URL(callbackUrl);
			replay.searchParams.set('state', new URL(other.url).searchParams.get('state')!);
			expect(await oidc.complete(acm, { key: other.key, callbackUrl: replay }, t.db)).toMatchObject(
				{ ok: false, reason: 'code-rejected' }
			);
		});

		it('the citizen cancelling at the provider', async () => {
			const begun = await start();
			const callbackUrl = await signInAt(begun.url, 'nobody', REDIRECT);
			expect(callbackUrl.searchParams.get('error')).toBe('access_denied');
			expect(await oidc.complete(acm, { key: begun.key, callbackUrl }, t.db)).toMatchObject({
				ok: false,
				reason: 'cancelled'
			});
			await noAccountMade();
		});

		it('an ID token signed with another key', async () => {
			op.tamperNextToken((claims, sign) => sign.stranger(claims));
			expect((await signIn(noEmail)).result).toMatchObject({ ok: false, reason: 'token-invalid' });
			await noAccountMade();
		});

		it('an ID token for another audience', async () => {
			op.tamperNextToken((claims, sign) => sign.own({ ...claims, aud: 'someone-else' }));
			expect((await signIn(noEmail)).result).toMatchObject({ ok: false, reason: 'token-invalid' });
			await noAccountMade();
		});

		it('an expired ID token', async () => {
			op.tamperNextToken((claims, sign) =>
				sign.own({ ...claims, iat: claims.iat! - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })
			);
			expect((await signIn(noEmail)).result).toMatchObject({ ok: false, reason: 'token-invalid' });
			await noAccountMade();
		});

		it('a missing claim, and a national number that is not one', async () => {
			expect((await signIn(noEmail)).result).toMatchObject({
				ok: false,
				reason: 'missing-claim',
				claim: 'email'
			});
			expect((await signIn(badRrn)).result).toMatchObject({
				ok: false,
				reason: 'missing-claim',
				claim: 'rrn'
			});
			await noAccountMade();
		});

		it('a provider that cannot be reached', async () => {
			const down = parseProviders([
				{
					id: 'down',
					label: { nl: 'Weg' },
					audience: 'citizens',
					issuer: 'http://127.0.0.1:9',
					clientId: 'x',
					allowInsecure: true
				}
			])[0];
			expect(
				await oidc.begin(down, { redirectUri: REDIRECT, returnTo: '/', level: 'low' }, t.db)
			).toEqual({ ok: false, reason: 'unavailable' });
		});
	});

	describe('signing out', () => {
		/** Signs Jan in through the provider in the browser with `jar`: our session, as the route makes it. */
		async function sessionOf(account: TestAccount, jar: CookieJar = new Map()) {
			const begun = await start();
			const callbackUrl = await signInAt(begun.url, account.id, REDIRECT, jar);
			const result = await oidc.complete(acm, { key: begun.key, callbackUrl }, t.db);
			if (!result.ok) throw new Error(result.reason);
			const { session } = await createSessionWith(
				result.userId,
				{
					provider: acm.id,
					assurance: result.level,
					identity: result.identity,
					idToken: result.idToken,
					providerSession: result.providerSession
				},
				t.db
			);
			return { session, userId: result.userId, idToken: result.idToken!, jar };
		}
		const sessionIds = async (userId: string) =>
			(await t.db.selectFrom('userSession').select('id').where('userId', '=', userId).execute())
				.map((r) => r.id)
				.sort();
		const providerSessionOf = async (id: string) =>
			(
				await t.db
					.selectFrom('userSession')
					.select('providerSession')
					.where('id', '=', id)
					.executeTakeFirstOrThrow()
			).providerSession!;
		const now = () => Math.floor(Date.now() / 1000);
		const logoutClaims = (more: Record<string, unknown> = {}) => ({
			iss: op.issuer,
			aud: 'loket-citizens',
			iat: now(),
			exp: now() + 120,
			jti: crypto.randomUUID(),
			events: { [backchannel.BACKCHANNEL_LOGOUT_EVENT]: {} },
			...more
		});

		it('sends the browser to the provider’s end-session address with the session’s ID token', async () => {
			const { session, idToken } = await sessionOf(jan);
			const url = await oidc.endSessionUrl(
				acm,
				{ sessionId: session.id, postLogoutRedirectUri: POST_LOGOUT, locale: 'nl' },
				t.db
			);
			expect(url?.origin).toBe(op.issuer);
			expect(url?.pathname).toBe(
				new URL((await oidc.providerConfiguration(acm)).serverMetadata().end_session_endpoint!)
					.pathname
			);
			expect(url?.searchParams.get('id_token_hint')).toBe(idToken);
			expect(url?.searchParams.get('post_logout_redirect_uri')).toBe(POST_LOGOUT);
			expect(url?.searchParams.get('client_id')).toBe('loket-citizens');

			// A password's session, and a provider's session asked for through another provider: ours only.
			const password = await createSession(session.userId, t.db);
			expect(
				await oidc.endSessionUrl(
					acm,
					{ sessionId: password.session.id, postLogoutRedirectUri: POST_LOGOUT },
					t.db
				)
			).toBeNull();
			expect(
				await oidc.endSessionUrl(
					entra,
					{ sessionId: session.id, postLogoutRedirectUri: POST_LOGOUT },
					t.db
				)
			).toBeNull();
		});

		it('gives the provider a state that it gives back home, for the way on to next', async () => {
			const { session, jar } = await sessionOf(jan);
			const url = await oidc.endSessionUrl(
				acm,
				{ sessionId: session.id, postLogoutRedirectUri: POST_LOGOUT, state: 'st-123' },
				t.db
			);
			expect(url?.searchParams.get('state')).toBe('st-123');
			const back = await signOutAt(url!, jar, POST_LOGOUT);
			expect(back.origin + back.pathname).toBe(POST_LOGOUT);
			const state = back.searchParams.get('state');
			expect(state).toBe('st-123');
			expect(readSignOutReturn(signOutReturnValue('st-123', '/aanmelden'), state)).toBe(
				'/aanmelden'
			);
			// What discovery found, for the pages' form-action: the endpoints the browser is sent to.
			const metadata = (await oidc.providerConfiguration(acm)).serverMetadata();
			expect(oidc.knownEndpoints(acm)).toEqual([
				metadata.authorization_endpoint,
				metadata.end_session_endpoint
			]);
		});

		it('signing out at the provider ends, by back-channel, exactly the session of that provider session', async () => {
			const first = await sessionOf(jan);
			const second = await sessionOf(jan);
			const password = await createSession(first.userId, t.db);
			expect(await providerSessionOf(first.session.id)).not.toBe(
				await providerSessionOf(second.session.id)
			);
			const url = await oidc.endSessionUrl(
				acm,
				{ sessionId: first.session.id, postLogoutRedirectUri: POST_LOGOUT },
				t.db
			);
			const before = await sessionIds(first.userId);
			const count = received.length;
			// The provider shows its own "sign out?" page; confirmed, it posts the logout token to
			// Loket, then sends the browser back.
			expect((await signOutAt(url!, first.jar, POST_LOGOUT)).href).toBe(POST_LOGOUT);
			expect(received.slice(count)).toEqual([{ ok: true, ended: 1 }]);
			const after = await sessionIds(first.userId);
			expect(after).toEqual(before.filter((id) => id !== first.session.id));
			expect(after).toEqual(expect.arrayContaining([second.session.id, password.session.id]));
		});

		it('a logout token naming only the subject ends that provider’s sessions of the account', async () => {
			const { session, userId } = await sessionOf(jan);
			const password = await createSession(userId, t.db);
			const token = await op.sign.own(logoutClaims({ sub: jan.id }));
			const result = await backchannel.logout(acm, token, t.db);
			expect(result.ok && result.ended).toBeGreaterThanOrEqual(1);
			const left = await t.db
				.selectFrom('userSession')
				.select(['id', 'provider'])
				.where('userId', '=', userId)
				.execute();
			expect(left.map((s) => s.id)).not.toContain(session.id);
			expect(left.map((s) => s.id)).toContain(password.session.id);
			expect(left.filter((s) => s.provider === acm.id)).toEqual([]);
		});

		it.each([
			[
				'signed with a key the provider never published',
				'signature',
				(c: JWTPayload) => op.sign.stranger(c)
			],
			[
				'for another audience',
				'claims',
				(c: JWTPayload) => op.sign.own({ ...c, aud: 'someone-else' })
			],
			[
				'from another issuer',
				'claims',
				(c: JWTPayload) => op.sign.own({ ...c, iss: 'https://elders.example' })
			],
			[
				'issued long ago',
				'claims',
				(c: JWTPayload) => op.sign.own({ ...c, iat: now() - 3600, exp: now() + 60 })
			],
			['with a nonce (an ID token)', 'nonce', (c: JWTPayload) => op.sign.own({ ...c, nonce: 'n' })],
			[
				'without the back-channel logout event',
				'event',
				(c: JWTPayload) => op.sign.own({ ...c, events: { 'https://elders.example/event': {} } })
			],
			[
				'naming neither sid nor sub',
				'no-subject',
				(c: JWTPayload) => op.sign.own({ ...c, sid: undefined })
			],
			['without a jti', 'claims', (c: JWTPayload) => op.sign.own({ ...c, jti: undefined })],
			['that is no JWT', 'malformed', async () => 'not-a-token']
		] as const)('refuses a logout token %s, and ends nothing', async (_what, reason, make) => {
			const { session, userId } = await sessionOf(jan);
			const sid = await providerSessionOf(session.id);
			const before = await sessionIds(userId);
			const token = await make(logoutClaims({ sid }));
			expect(await backchannel.logout(acm, token, t.db)).toEqual({ ok: false, reason });
			expect(await sessionIds(userId)).toEqual(before);
		});

		it('refuses the same logout token a second time: a later sign-in stays', async () => {
			const { session, userId } = await sessionOf(jan);
			const token = await op.sign.own(logoutClaims({ sub: jan.id }));
			expect(await backchannel.logout(acm, token, t.db)).toMatchObject({ ok: true });
			expect(await sessionIds(userId)).not.toContain(session.id);
			const later = await sessionOf(jan);
			expect(await backchannel.logout(acm, token, t.db)).toEqual({
				ok: false,
				reason: 'replayed'
			});
			expect(await sessionIds(userId)).toContain(later.session.id);
		});
	});
});

// Signing in through an OpenID Connect provider, on `openid-client` (by the author of
// `oidc-provider`): the authorization code flow with PKCE, `state` and `nonce`; discovery, with
// the provider's keys fetched again when it rotates them; the ID token checked (signature,
// issuer, audience, expiry with a little clock skew, nonce); UserInfo for the profile claims.
// `begin` sends the browser to the provider; `complete` takes the answer, once, in the browser
// that began (a random key in its cookie, only its hash stored), and says which account signed in
// at which level of assurance, or why not. The session itself is made by the caller, the same
// Lucia-design session as a password's, with the provider, level and identity on it.
import * as client from 'openid-client';
import { meetsAssurance, type AssuranceLevel } from '$lib/process/assurance';
import type { VerifiedIdentity } from '$lib/process/identity';
import type { Role } from '$lib/process/workflow';
import { getDb, type Db } from '../db';
import { generateToken, hashToken } from '../tokens';
import { mapClaims } from './claims';
import type { Provider } from './config';
import * as repo from './repository';

/** How long a sign-in at the provider may take before its flow is forgotten. */
export const FLOW_LIFETIME_MS = 15 * 60 * 1000;
/** Discovery is read again after this long (and at once when a key is not known: openid-client). */
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const configurations = new Map<string, { config: client.Configuration; at: number }>();

/** The provider's configuration from its discovery document (cached; `now` for the tests). */
async function configurationOf(provider: Provider, now: Date): Promise<client.Configuration> {
	const cacheKey = JSON.stringify([
		provider.id,
		provider.issuer,
		provider.clientId,
		provider.clockSkew
	]);
	const cached = configurations.get(cacheKey);
	if (cached && now.getTime() - cached.at < DISCOVERY_TTL_MS) return cached.config;
	// ID tokens' times are checked with 30 s of tolerance (openid-client's default), after
	// correcting for a clock known to be off (`clockSkew`).
	const config = await client.discovery(
		new URL(provider.issuer),
		provider.clientId,
		provider.clockSkew ? { [client.clockSkew]: provider.clockSkew } : undefined,
		provider.clientSecret ? client.ClientSecretPost(provider.clientSecret) : client.None(),
		{ execute: provider.allowInsecure ? [client.allowInsecureRequests] : [], timeout: 10 }
	);
	// The ID token's signature is checked too, against the provider's published keys (fetched
	// again when it signs with a new one), not only the TLS connection it came over.
	client.enableNonRepudiationChecks(config);
	configurations.set(cacheKey, { config, at: now.getTime() });
	return config;
}

/** The provider's configuration from discovery (cached), for the back-channel logout's checks. */
export async function providerConfiguration(
	provider: Provider,
	now = new Date()
): Promise<client.Configuration> {
	return configurationOf(provider, now);
}

/**
 * RP-initiated logout: where to send the browser so the provider ends its session too, with the
 * session's ID token as `id_token_hint` and `postLogoutRedirectUri` (registered with the provider)
 * to come back to. Null when the session was not made by this provider, the provider has no
 * `end_session_endpoint`, or it cannot be reached now: then only our session ends.
 * Read before the session is deleted.
 */
export async function endSessionUrl(
	provider: Provider,
	input: { sessionId: string; postLogoutRedirectUri: string; locale?: string; state?: string },
	db: Db = getDb(),
	now = new Date()
): Promise<URL | null> {
	const session = await repo.findSessionLogout(db, input.sessionId);
	if (!session || session.provider !== provider.id) return null;
	let config: client.Configuration;
	try {
		config = await configurationOf(provider, now);
	} catch {
		return null;
	}
	if (!config.serverMetadata().end_session_endpoint) return null;
	const parameters: Record<string, string> = {
		post_logout_redirect_uri: input.postLogoutRedirectUri
	};
	if (session.idToken) parameters.id_token_hint = session.idToken;
	if (input.locale) parameters.ui_locales = input.locale;
	// Given back with the redirect to postLogoutRedirectUri (the caller keeps where to go on).
	if (input.state) parameters.state = input.state;
	return client.buildEndSessionUrl(config, parameters);
}

/**
 * Where the browser is sent at the provider (its authorization and end-session endpoints), as the
 * provider's discovery found them, if it has been read: no network. Undefined before that.
 */
export function knownEndpoints(provider: Provider): string[] | undefined {
	let latest: { config: client.Configuration; at: number } | undefined;
	for (const [key, cached] of configurations)
		if (JSON.parse(key)[0] === provider.id && (!latest || cached.at > latest.at)) latest = cached;
	if (!latest) return undefined;
	const metadata = latest.config.serverMetadata();
	return [metadata.authorization_endpoint, metadata.end_session_endpoint].filter(
		(e): e is string => typeof e === 'string'
	);
}

/** Forgets what discovery found (tests that restart a provider; a changed configuration). */
export function forgetConfigurations(): void {
	configurations.clear();
}

export type Begun =
	{ ok: true; url: URL; key: string } | { ok: false; reason: 'unavailable' | 'not-for-linking' };

/**
 * A new sign-in: the flow stored under the hash of a random key (for the browser's cookie), and
 * the provider's address to send the browser to. `level` is what the page that asked needs; a
 * provider that can be asked for it (`askLevel`) is.
 */
export async function begin(
	provider: Provider,
	input: {
		redirectUri: string;
		returnTo: string;
		level: AssuranceLevel;
		linkUserId?: string;
		locale?: string;
	},
	db: Db = getDb(),
	now = new Date()
): Promise<Begun> {
	if (input.linkUserId && provider.audience !== 'citizens')
		return { ok: false, reason: 'not-for-linking' };
	let config: client.Configuration;
	try {
		config = await configurationOf(provider, now);
	} catch {
		return { ok: false, reason: 'unavailable' };
	}
	const key = generateToken();
	const state = client.randomState();
	const nonce = client.randomNonce();
	const codeVerifier = client.randomPKCECodeVerifier();
	await repo.insertFlow(db, {
		id: hashToken(key),
		provider: provider.id,
		state,
		nonce,
		codeVerifier,
		returnTo: input.returnTo,
		wantedLevel: input.level,
		linkUserId: input.linkUserId ?? null,
		expiresAt: new Date(now.getTime() + FLOW_LIFETIME_MS)
	});
	const parameters: Record<string, string> = {
		redirect_uri: input.redirectUri,
		scope: provider.scopes.join(' '),
		state,
		nonce,
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256'
	};
	const acr = provider.askLevel[input.level];
	if (acr) parameters.acr_values = acr;
	// A page that needs more than any account: the provider must ask again, not reuse a session
	// signed in with a weaker means (an SMS code), so the citizen can choose eID or itsme.
	if (input.level !== 'low') parameters.prompt = 'login';
	if (input.locale) parameters.ui_locales = input.locale;
	return { ok: true, url: client.buildAuthorizationUrl(config, parameters), key };
}

/** Why a sign-in did not complete: each has its page (README lists them). */
export type Failure =
	/** No flow for this browser: it expired, was used already (a replayed answer), or began elsewhere. */
	| 'no-flow'
	/** The answer's `state` is not the flow's: forged or mixed up. */
	| 'state'
	/** The person cancelled at the provider (`access_denied`). */
	| 'cancelled'
	/** The provider answered with another error. */
	| 'provider-error'
	/** The provider could not be reached. */
	| 'unavailable'
	/** The provider refused the code (used before, expired). */
	| 'code-rejected'
	/** The ID token did not pass: signature, issuer, audience, expiry, nonce. */
	| 'token-invalid'
	/** A claim Loket needs was not given, or not valid. */
	| 'missing-claim'
	/** Signed in at a lower level than the page needs. */
	| 'level-too-low'
	/** An account has this e-mail address but is not linked: sign in with it and link. */
	| 'link-needed'
	/** The identity is linked to another account already (when linking). */
	| 'linked-elsewhere'
	/** The account was closed. */
	| 'closed';

export type Completed =
	| {
			ok: true;
			userId: string;
			level: AssuranceLevel;
			identity: VerifiedIdentity;
			idToken: string | undefined;
			providerSession: string | undefined;
			returnTo: string;
			linked: boolean;
	  }
	| { ok: false; reason: Failure; claim?: string; returnTo?: string; level?: AssuranceLevel };

/** Whichever step failed, as a reason; never the tokens (they are not logged). */
function classify(e: unknown): Failure {
	if (e instanceof client.AuthorizationResponseError)
		return e.error === 'access_denied' ? 'cancelled' : 'provider-error';
	if (e instanceof client.ResponseBodyError)
		return e.error === 'invalid_grant' ? 'code-rejected' : 'provider-error';
	if (e instanceof TypeError) return 'unavailable';
	return 'token-invalid';
}

/**
 * The provider's answer (the address it sent the browser back to), for the flow whose key the
 * browser's cookie holds. The flow is used up whatever the outcome.
 */
export async function complete(
	provider: Provider,
	input: { key: string | undefined; callbackUrl: URL },
	db: Db = getDb(),
	now = new Date()
): Promise<Completed> {
	const flow = input.key ? await repo.takeFlow(db, hashToken(input.key)) : undefined;
	if (!flow || flow.provider !== provider.id || flow.expiresAt <= now)
		return { ok: false, reason: 'no-flow' };
	const fail = (reason: Failure, claim?: string): Completed => ({
		ok: false,
		reason,
		claim,
		returnTo: flow.returnTo,
		level: flow.wantedLevel
	});
	const error = input.callbackUrl.searchParams.get('error');
	if (error) return fail(error === 'access_denied' ? 'cancelled' : 'provider-error');
	if (input.callbackUrl.searchParams.get('state') !== flow.state) return fail('state');

	let claims: Record<string, unknown>;
	let idToken: string | undefined;
	try {
		const config = await configurationOf(provider, now);
		const tokens = await client.authorizationCodeGrant(config, input.callbackUrl, {
			pkceCodeVerifier: flow.codeVerifier,
			expectedState: flow.state,
			expectedNonce: flow.nonce,
			idTokenExpected: true
		});
		const idClaims = tokens.claims();
		if (!idClaims) return fail('token-invalid');
		idToken = tokens.id_token;
		claims = { ...idClaims };
		if (config.serverMetadata().userinfo_endpoint) {
			const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
			// The ID token's own claims (sub, acr, sid) are the ones that were signed: they stay.
			claims = { ...info, ...idClaims };
		}
	} catch (e) {
		return fail(classify(e));
	}

	const mapped = mapClaims(claims, provider.mapping);
	if (!mapped.ok) return fail('missing-claim', mapped.claim);
	const { signedIn } = mapped;
	if (!meetsAssurance(signedIn.level, flow.wantedLevel)) return fail('level-too-low');

	const account = await db.transaction().execute(async (trx) => {
		const linked = await repo.findLinkedUser(trx, provider.id, signedIn.subject);
		if (flow.linkUserId) {
			if (linked)
				return linked.id === flow.linkUserId
					? { userId: linked.id, linked: false }
					: ('linked-elsewhere' as const);
			await repo.insertIdentity(trx, {
				provider: provider.id,
				subject: signedIn.subject,
				userId: flow.linkUserId,
				now
			});
			return { userId: flow.linkUserId, linked: true };
		}
		if (linked) {
			if (linked.deletedAt) return 'closed' as const;
			await repo.touchIdentity(trx, provider.id, signedIn.subject, now);
			if (provider.audience === 'staff')
				await repo.setRoles(trx, linked.id, staffRoles(signedIn.roles));
			return { userId: linked.id, linked: false };
		}
		// Never linked by a matching address alone: its owner links it from "Mijn account".
		if (await repo.emailTaken(trx, signedIn.email)) return 'link-needed' as const;
		const userId = await repo.insertProviderUser(trx, {
			email: signedIn.email,
			name: signedIn.name,
			roles: provider.audience === 'staff' ? staffRoles(signedIn.roles) : ['citizen'],
			emailVerifiedAt: signedIn.emailVerified ? now : null
		});
		await repo.insertIdentity(trx, {
			provider: provider.id,
			subject: signedIn.subject,
			userId,
			now
		});
		return { userId, linked: false };
	});
	if (typeof account === 'string') return fail(account);
	return {
		ok: true,
		userId: account.userId,
		level: signedIn.level,
		identity: signedIn.identity,
		idToken,
		providerSession: typeof claims.sid === 'string' ? claims.sid : undefined,
		returnTo: flow.returnTo,
		linked: account.linked
	};
}

/** A staff provider's roles: what the role claim maps to; a staff member is a citizen too. */
function staffRoles(mapped: Role[]): Role[] {
	return mapped.length > 0 ? ['citizen', ...mapped.filter((r) => r !== 'citizen')] : ['citizen'];
}

/** The citizens' providers, each with whether this account is linked to it (for "Mijn account"). */
export async function linkedProviders(
	providers: Provider[],
	userId: string,
	db: Db = getDb()
): Promise<{ id: string; label: Provider['label']; linkedAt: Date | null }[]> {
	const identities = await repo.listIdentities(db, userId);
	return providers
		.filter((p) => p.audience === 'citizens')
		.map((p) => ({
			id: p.id,
			label: p.label,
			linkedAt: identities.find((i) => i.provider === p.id)?.createdAt ?? null
		}));
}

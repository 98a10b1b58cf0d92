// Back-channel logout (OpenID Connect Back-Channel Logout 1.0): the provider tells Loket, server to
// server, that someone signed out there, with a logout token, a JWT it signed. The token is checked
// as the specification says (its signature against the provider's published keys, issuer,
// audience, issued-at, the back-channel event, a `sid` or `sub`, no `nonce`, a `jti` not seen
// before), then the sessions it names end: those of the provider's session `sid`, else every
// session that provider made for its `sub`. A refused token ends nothing.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { getDb, type Db } from '../db';
import type { Provider } from './config';
import * as repo from './repository';
import { providerConfiguration } from './service';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token issued longer ago than this is refused; its `jti` is remembered as long. */
export const LOGOUT_TOKEN_MAX_AGE_S = 5 * 60;
/** As for ID tokens (openid-client's default). */
const CLOCK_TOLERANCE_S = 30;

export type LogoutRefusal =
	/** The provider's keys could not be fetched. */
	| 'unavailable'
	/** Not a signed JWT at all, or signed with an algorithm that is not allowed. */
	| 'malformed'
	/** Not signed by one of the provider's keys. */
	| 'signature'
	/** Issuer, audience, issued-at or expiry wrong, or `jti` missing. */
	| 'claims'
	/** No back-channel logout event: another kind of token. */
	| 'event'
	/** Has a `nonce`: an ID token, not a logout token. */
	| 'nonce'
	/** Names neither a provider session (`sid`) nor a subject (`sub`). */
	| 'no-subject'
	/** This `jti` was received before. */
	| 'replayed';

export type LogoutResult = { ok: true; ended: number } | { ok: false; reason: LogoutRefusal };

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** The provider's key set (jose fetches it again when a token names a key it does not know). */
function keySetOf(jwksUri: string) {
	let keys = keySets.get(jwksUri);
	if (!keys) {
		keys = createRemoteJWKSet(new URL(jwksUri));
		keySets.set(jwksUri, keys);
	}
	return keys;
}

function classify(e: unknown): LogoutRefusal {
	if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey)
		return 'signature';
	if (e instanceof errors.JWTClaimValidationFailed || e instanceof errors.JWTExpired)
		return 'claims';
	if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid) return 'unavailable';
	if (e instanceof errors.JOSEError) return 'malformed';
	return 'unavailable';
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the provider's logout token and ends the sessions it names. */
export async function logout(
	provider: Provider,
	logoutToken: string,
	db: Db = getDb(),
	now = new Date()
): Promise<LogoutResult> {
	let payload: JWTPayload;
	try {
		const config = await providerConfiguration(provider, now);
		const metadata = config.serverMetadata();
		if (!metadata.jwks_uri) return { ok: false, reason: 'unavailable' };
		// Asymmetric signatures only: never `none`, never a secret shared with clients.
		const algorithms = (metadata.id_token_signing_alg_values_supported ?? ['RS256']).filter(
			(alg) => alg !== 'none' && !alg.startsWith('HS')
		);
		({ payload } = await jwtVerify(logoutToken, keySetOf(metadata.jwks_uri), {
			issuer: metadata.issuer,
			audience: provider.clientId,
			algorithms,
			requiredClaims: ['iat', 'jti'],
			maxTokenAge: LOGOUT_TOKEN_MAX_AGE_S,
			clockTolerance: CLOCK_TOLERANCE_S,
			currentDate: new Date(now.getTime() + provider.clockSkew * 1000)
		}));
	} catch (e) {
		return { ok: false, reason: classify(e) };
	}
	if (!isObject(payload.events) || !isObject(payload.events[BACKCHANNEL_LOGOUT_EVENT]))
		return { ok: false, reason: 'event' };
	if (payload.nonce !== undefined) return { ok: false, reason: 'nonce' };
	const sid = typeof payload.sid === 'string' && payload.sid ? payload.sid : undefined;
	const sub = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
	if (!sid && !sub) return { ok: false, reason: 'no-subject' };
	if (typeof payload.jti !== 'string' || !payload.jti) return { ok: false, reason: 'claims' };
	const jti = payload.jti;
	const expiresAt = new Date(
		(payload.iat! + LOGOUT_TOKEN_MAX_AGE_S + CLOCK_TOLERANCE_S) * 1000 - provider.clockSkew * 1000
	);

	const ended = await db.transaction().execute(async (trx) => {
		await repo.deleteExpiredLogoutTokens(trx, now);
		if (!(await repo.recordLogoutToken(trx, { provider: provider.id, jti, expiresAt })))
			return null;
		if (sid) return repo.deleteProviderSessions(trx, provider.id, { sid });
		const user = await repo.findLinkedUser(trx, provider.id, sub!);
		return user ? repo.deleteProviderSessions(trx, provider.id, { userId: user.id }) : 0;
	});
	if (ended === null) return { ok: false, reason: 'replayed' };
	return { ok: true, ended };
}

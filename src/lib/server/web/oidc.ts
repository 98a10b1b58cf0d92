// Signing in through an identity provider, over HTTP: the button's post sends the browser to the
// provider with a random key in a short-lived cookie (httpOnly, SameSite=Lax so it comes back on
// the provider's redirect, only under /aanmelden); the provider's answer is completed with that
// key, and a session is made like a password's, with the level reached and the identity on it.
// Linking (from "Mijn account", signed in with a password) keeps the session it began in.
// Signing out of a provider's session sends the browser on to the provider's end-session address
// (RP-initiated logout); the provider's own server ends sessions here with a logout token
// (back-channel logout).
import { json, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { isAssuranceLevel, type AssuranceLevel } from '$lib/process/assurance';
import { createSessionWith, invalidateSession } from '../auth/session';
import * as backchannel from '../oidc/backchannel';
import type { Provider } from '../oidc/config';
import { findProvider, getProviders } from '../oidc/providers';
import * as oidc from '../oidc/service';
import { safeReturnPath } from './guards';
import { keepSignOutReturn } from './sign-out-return';
import { writeSessionCookie } from './session-cookie';

const FLOW_COOKIE = 'oidc_flow';
const FLOW_PATH = '/aanmelden';

/** Where the provider sends the browser back: registered with the provider (README). */
export function redirectUri(url: URL, provider: Provider): string {
	return `${url.origin}${FLOW_PATH}/${provider.id}/terug`;
}

function writeFlowCookie(cookies: Cookies, key: string): void {
	cookies.set(FLOW_COOKIE, key, {
		path: FLOW_PATH,
		httpOnly: true,
		sameSite: 'lax',
		maxAge: oidc.FLOW_LIFETIME_MS / 1000
	});
}

/** The posted sign-in: where to come back to, the level the page needs, and whether to link. */
export async function startSignIn(event: RequestEvent, provider: Provider) {
	const form = await event.request.formData().catch(() => null);
	const field = (name: string) => {
		const value = form?.get(name);
		return typeof value === 'string' ? value : null;
	};
	const wanted = field('niveau');
	const level: AssuranceLevel = isAssuranceLevel(wanted) ? wanted : 'low';
	const link = field('koppelen') === '1' && event.locals.user ? event.locals.user.id : undefined;
	const begun = await oidc.begin(provider, {
		redirectUri: redirectUri(event.url, provider),
		returnTo: link ? '/mijn-account?gekoppeld' : safeReturnPath(field('next')),
		level,
		linkUserId: link,
		locale: event.locals.locale
	});
	if (begun.ok) writeFlowCookie(event.cookies, begun.key);
	return begun;
}

/** The provider's answer: a session (or a linked identity), or why not. The key is used up. */
export async function finishSignIn(event: RequestEvent, provider: Provider) {
	const key = event.cookies.get(FLOW_COOKIE);
	event.cookies.delete(FLOW_COOKIE, { path: FLOW_PATH });
	const result = await oidc.complete(provider, { key, callbackUrl: event.url });
	if (!result.ok) {
		// Logged without tokens or codes: which provider, which step.
		console.warn(
			`Sign-in through ${provider.id} refused: ${result.reason}${result.claim ? ` (${result.claim})` : ''}`
		);
		return result;
	}
	if (!result.linked) {
		// Signing in again at a higher level replaces the session it was signed in with.
		if (event.locals.session) await invalidateSession(event.locals.session.id);
		const { token, session } = await createSessionWith(result.userId, {
			provider: provider.id,
			assurance: result.level,
			identity: result.identity,
			idToken: result.idToken,
			providerSession: result.providerSession
		});
		writeSessionCookie(event.cookies, token, session.expiresAt);
	}
	return result;
}

/**
 * Where the provider this session was signed in with ends its own session (RP-initiated logout),
 * or null (a password's session, a provider without an end-session endpoint). The provider sends
 * the browser back to our home page, which must be registered with it as a post-logout redirect
 * URI (README); `next` (a path on this site) waits for it there under the `state` the provider
 * gives back (sign-out-return.ts). Called before the session is deleted.
 */
export async function providerSignOutUrl(
	event: RequestEvent,
	next: string | null = null
): Promise<string | null> {
	const session = event.locals.session;
	const provider = session?.provider ? findProvider(session.provider) : undefined;
	if (!session || !provider) return null;
	const url = await oidc.endSessionUrl(provider, {
		sessionId: session.id,
		postLogoutRedirectUri: postLogoutRedirectUri(event.url),
		locale: event.locals.locale,
		state: safeReturnPath(next) === '/' ? undefined : keepSignOutReturn(event.cookies, next)
	});
	return url?.href ?? null;
}

/** Where a provider sends the browser back after signing out there: registered with it (README). */
export function postLogoutRedirectUri(url: URL): string {
	return `${url.origin}/`;
}

/**
 * A provider's back-channel logout: `logout_token` in a form post. 200 when it was valid (the
 * sessions it names are ended, if any were left), 400 with an OAuth-style JSON error otherwise;
 * never stored by a cache. Logged without the token.
 */
export async function receiveBackchannelLogout(
	event: RequestEvent,
	provider: Provider
): Promise<Response> {
	const headers = { 'cache-control': 'no-store' };
	const form = await event.request.formData().catch(() => null);
	const token = form?.get('logout_token');
	if (typeof token !== 'string' || token === '')
		return json(
			{ error: 'invalid_request', error_description: 'logout_token is missing' },
			{ status: 400, headers }
		);
	const result = await backchannel.logout(provider, token);
	if (!result.ok) {
		console.warn(`Back-channel logout from ${provider.id} refused: ${result.reason}`);
		return json(
			{ error: 'invalid_request', error_description: `logout_token refused: ${result.reason}` },
			{ status: 400, headers }
		);
	}
	return new Response(null, { status: 200, headers });
}

/**
 * The origins a page's CSP `form-action` must allow for these providers: the sign-in button's
 * post is answered with a redirect to the authorization endpoint, the sign-out's to the
 * end-session endpoint, and browsers hold such redirects to `form-action`. The issuer's origin,
 * and the origins of the endpoints discovery found (a provider may serve them from another host
 * than its issuer).
 */
export function formActionOrigins(
	providers: Pick<Provider, 'issuer'>[],
	endpointsOf: (provider: Pick<Provider, 'issuer'>, index: number) => string[] | undefined
): string[] {
	const origins = new Set<string>();
	providers.forEach((provider, i) => {
		origins.add(new URL(provider.issuer).origin);
		for (const endpoint of endpointsOf(provider, i) ?? []) {
			try {
				const url = new URL(endpoint);
				if (url.protocol === 'https:' || url.protocol === 'http:') origins.add(url.origin);
			} catch {
				// Not an address: nothing to allow.
			}
		}
	});
	return [...origins];
}

/** When discovery was last asked for, per provider, so a provider that is down is not asked on every page. */
const discoveryAsked = new Map<string, number>();
const DISCOVERY_RETRY_MS = 60_000;

/**
 * The configured providers' origins for `form-action` (`formActionOrigins`), from what discovery
 * has found so far: without waiting for the network. A provider not discovered yet is asked in the
 * background (at most once a minute), so the next page allows its endpoints; its issuer's origin
 * is allowed meanwhile. The start asks each provider once (`discoverProviders`).
 */
export function providerOrigins(now = Date.now()): string[] {
	const providers = getProviders();
	return formActionOrigins(providers, (_, i) => {
		const provider = providers[i];
		const known = oidc.knownEndpoints(provider);
		if (!known) discoverInBackground(provider, now);
		return known;
	});
}

function discoverInBackground(provider: Provider, now: number): void {
	const asked = discoveryAsked.get(provider.id);
	if (asked !== undefined && now - asked < DISCOVERY_RETRY_MS) return;
	discoveryAsked.set(provider.id, now);
	oidc.providerConfiguration(provider).catch(() => {
		// Down now: the sign-in says so; its issuer's origin stays allowed.
	});
}

/** Reads every provider's discovery document once, in the background (at the start). */
export function discoverProviders(): void {
	for (const provider of getProviders()) discoverInBackground(provider, Date.now());
}

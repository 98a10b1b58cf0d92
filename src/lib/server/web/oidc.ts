// Signing in through an identity provider, over HTTP: the button's post sends the browser to the
// provider with a random key in a short-lived cookie (httpOnly, SameSite=Lax so it comes back on
// the provider's redirect, only under /aanmelden); the provider's answer is completed with that
// key, and a session is made like a password's, with the level reached and the identity on it.
// Linking (from "Mijn account", signed in with a password) keeps the session it began in.
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { isAssuranceLevel, type AssuranceLevel } from '$lib/process/assurance';
import { createSessionWith, invalidateSession } from '../auth/session';
import type { Provider } from '../oidc/config';
import * as oidc from '../oidc/service';
import { safeReturnPath } from './guards';
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

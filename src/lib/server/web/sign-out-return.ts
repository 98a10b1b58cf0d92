// Signing out of a provider's session and coming back to `next` (a path on this site): the
// provider sends the browser back to the one address registered with it (the home page, README),
// with the `state` it was given. `next` waits in a short-lived cookie under that state; the home
// page goes on to it when the state it came back with is the cookie's. Only paths on this site.
import type { Cookies } from '@sveltejs/kit';
import { generateToken } from '../tokens';
import { safeReturnPath } from './guards';

const COOKIE = 'oidc_signout';
/** How long signing out at the provider may take before `next` is forgotten (then: home). */
const LIFETIME_S = 10 * 60;

/** The cookie's value: the state and the path, or null when there is nowhere to go but home. */
export function signOutReturnValue(state: string, next: string | null | undefined): string | null {
	const path = safeReturnPath(next);
	return path === '/' ? null : `${state} ${path}`;
}

/** Where to go on, for the state the provider sent back: the cookie's path, when its state. */
export function readSignOutReturn(
	value: string | null | undefined,
	state: string | null
): string | null {
	if (!value || !state) return null;
	const space = value.indexOf(' ');
	if (space < 1 || value.slice(0, space) !== state) return null;
	const path = safeReturnPath(value.slice(space + 1));
	return path === '/' ? null : path;
}

/** Keeps `next` for the way back from the provider; the state to give it, or undefined. */
export function keepSignOutReturn(cookies: Cookies, next: string | null): string | undefined {
	const state = generateToken();
	const value = signOutReturnValue(state, next);
	if (!value) return undefined;
	cookies.set(COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: LIFETIME_S });
	return state;
}

/** Back from signing out at the provider (the home page): where to go on, once, or null. */
export function takeSignOutReturn(cookies: Cookies, url: URL): string | null {
	if (url.pathname !== '/') return null;
	const value = cookies.get(COOKIE);
	if (!value) return null;
	const state = url.searchParams.get('state');
	if (!state) return null;
	cookies.delete(COOKIE, { path: '/' });
	return readSignOutReturn(value, state);
}

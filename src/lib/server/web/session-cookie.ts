// The session cookie: the raw session token, httpOnly and SameSite=Lax; SvelteKit marks it Secure
// everywhere but on http://localhost. It lives as long as the session it carries.
import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'session';

export function readSessionToken(cookies: Cookies): string | undefined {
	return cookies.get(SESSION_COOKIE);
}

export function writeSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

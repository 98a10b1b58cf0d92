// A one-time notice carried across a redirect in a short-lived cookie: set by an action, shown
// and removed by the root layout on the next page.
import type { Cookies } from '@sveltejs/kit';

const FLASH_COOKIE = 'flash';
export type Flash = 'welcome';

export function setWelcomeFlash(cookies: Cookies): void {
	cookies.set(FLASH_COOKIE, 'welcome', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

export function takeFlash(cookies: Cookies): Flash | null {
	const value = cookies.get(FLASH_COOKIE);
	if (!value) return null;
	cookies.delete(FLASH_COOKIE, { path: '/' });
	return value === 'welcome' ? value : null;
}

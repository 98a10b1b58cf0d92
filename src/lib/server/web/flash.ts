// A one-time notice carried across a redirect in a short-lived cookie: set by an action, shown
// and removed by the root layout on the next page (or by the page it leads to, which reads the
// layout's `flash`).
import type { Cookies } from '@sveltejs/kit';

const FLASH_COOKIE = 'flash';
const FLASHES = ['password-reset', 'signed-out', 'signed-out-everywhere', 'handed-over'] as const;
export type Flash = (typeof FLASHES)[number];

export function setFlash(cookies: Cookies, flash: Flash): void {
	cookies.set(FLASH_COOKIE, flash, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 });
}

export function takeFlash(cookies: Cookies): Flash | null {
	const value = cookies.get(FLASH_COOKIE);
	if (!value) return null;
	cookies.delete(FLASH_COOKIE, { path: '/' });
	return (FLASHES as readonly string[]).includes(value) ? (value as Flash) : null;
}

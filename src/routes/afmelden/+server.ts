import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/web/session-cookie';
import { setFlash } from '$lib/server/web/flash';
import { safeReturnPath } from '$lib/server/web/guards';
import { providerSignOutUrl } from '$lib/server/web/oidc';
import { invalidateSession } from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

/**
 * Signs out (POST only, so a link or an image cannot do it): ends the session, then home, or to
 * `next` on this site (the login page, to sign in as someone else). A session made by a provider
 * with an end-session endpoint goes on to the provider, which ends its own session and sends the
 * browser back home, from where it goes on to `next` (kept for it); "U bent afgemeld" waits.
 */
export const POST: RequestHandler = async (event) => {
	const { locals, cookies, request } = event;
	const form = await request.formData().catch(() => null);
	const posted = form?.get('next');
	const next = typeof posted === 'string' ? posted : null;
	const atProvider = await providerSignOutUrl(event, next);
	if (locals.session) await invalidateSession(locals.session.id);
	clearSessionCookie(cookies);
	if (atProvider) {
		setFlash(cookies, 'signed-out');
		redirect(303, atProvider);
	}
	redirect(303, safeReturnPath(next));
};

import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/web/session-cookie';
import { safeReturnPath } from '$lib/server/web/guards';
import { invalidateSession } from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

/**
 * Signs out (POST only, so a link or an image cannot do it): ends the session, then home, or to
 * `next` on this site (the login page, to sign in as someone else).
 */
export const POST: RequestHandler = async ({ locals, cookies, request }) => {
	const form = await request.formData().catch(() => null);
	const next = form?.get('next');
	if (locals.session) await invalidateSession(locals.session.id);
	clearSessionCookie(cookies);
	redirect(303, safeReturnPath(typeof next === 'string' ? next : null));
};

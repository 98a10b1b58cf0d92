import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/web/session-cookie';
import { invalidateSession } from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

/** Signs out (POST only, so a link or an image cannot do it): ends the session, then home. */
export const POST: RequestHandler = async ({ locals, cookies }) => {
	if (locals.session) await invalidateSession(locals.session.id);
	clearSessionCookie(cookies);
	redirect(303, '/');
};

import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** Switches the interface language (works without JavaScript) and returns to the same page. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const to = form.get('to');
	const next = String(form.get('next') ?? '/');
	if (isLocale(to))
		cookies.set(cookieName, to, {
			path: '/',
			// Not httpOnly: Paraglide reads the same cookie in the browser, so hydration renders
			// the language the server rendered. A language choice is no secret.
			httpOnly: false,
			sameSite: 'lax',
			maxAge: cookieMaxAge
		});
	// Only same-site paths: never send someone to another site through this form.
	redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
};

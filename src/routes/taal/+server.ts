import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** Switches the interface language (works without JavaScript) and returns to the same page. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const to = form.get('to');
	const next = String(form.get('next') ?? '/');
	if (isLocale(to))
		cookies.set('lang', to, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			maxAge: 60 * 60 * 24 * 365
		});
	// Only same-site paths: never send someone to another site through this form.
	redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
};

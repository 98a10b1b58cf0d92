import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { writeSessionCookie } from '$lib/server/web/session-cookie';
import { safeReturnPath } from '$lib/server/web/guards';
import { createSession } from '$lib/server/auth/session';
import * as users from '$lib/server/users/service';
import { parseForm, readText, type FieldErrors } from '$lib/server/auth/form';
import { providerChoices } from '$lib/server/oidc/providers';
import type { Actions, PageServerLoad } from './$types';

// Built per request: the messages follow the locale of the request.
const loginSchema = () =>
	z.object({
		email: z.string().trim().min(1, m.authEmailRequired()).max(254, m.authEmailInvalid()),
		password: z.string().min(1, m.authPasswordRequired()).max(1000, m.authLoginInvalid())
	});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next')));
	return { providers: providerChoices() };
};

export const actions: Actions = {
	default: async (event) => {
		const formData = await event.request.formData();
		const email = readText(formData, 'email');
		const parsed = parseForm(loginSchema(), formData);
		if (!parsed.ok)
			return fail(400, { email, errors: parsed.errors, notice: null as string | null });
		const result = await users.authenticate({ ...parsed.data, ip: event.getClientAddress() });
		const errors: FieldErrors = {};
		if (!result.ok && result.reason === 'rate-limited') {
			const minutes = Math.ceil(result.retryAfterSeconds / 60);
			return fail(429, { email, errors, notice: m.authRateLimited({ minutes }) });
		}
		// Only someone who knows the password hears this, with a way to have the link sent again.
		if (!result.ok && result.reason === 'unverified')
			return fail(403, { email, errors, notice: null, unverified: true });
		if (!result.ok)
			return fail(400, {
				email,
				errors: { password: m.authLoginInvalid() },
				notice: null as string | null
			});
		const { token, session } = await createSession(result.user.id);
		writeSessionCookie(event.cookies, token, session.expiresAt);
		redirect(303, safeReturnPath(event.url.searchParams.get('next')));
	}
};

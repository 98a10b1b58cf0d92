import { fail, redirect } from '@sveltejs/kit';
import { writeSessionCookie } from '$lib/server/web/session-cookie';
import { safeReturnPath } from '$lib/server/web/guards';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { createSession } from '$lib/server/auth/session';
import * as users from '$lib/server/users/service';
import { setWelcomeFlash } from '$lib/server/web/flash';
import { accountRefusalError, accountSchema, parseForm, readText } from '$lib/server/auth/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next')));
	return { passwordMinLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const formData = await request.formData();
		const values = { name: readText(formData, 'name'), email: readText(formData, 'email') };
		const parsed = parseForm(accountSchema(), formData);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = await users.registerUser(parsed.data);
		if (!result.ok) return fail(400, { values, errors: accountRefusalError(result.reason) });
		const { token, session } = await createSession(result.user.id);
		writeSessionCookie(cookies, token, session.expiresAt);
		setWelcomeFlash(cookies);
		redirect(303, safeReturnPath(url.searchParams.get('next')));
	}
};

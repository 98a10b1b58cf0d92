import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { writeSessionCookie } from '$lib/server/web/session-cookie';
import { postedForm, refuse, withhold } from '$lib/server/web/forms';
import { safeReturnPath } from '$lib/server/web/guards';
import { signedInNow, wantedLevel } from '$lib/server/web/sign-in-level';
import { meetsAssurance } from '$lib/process/assurance';
import { createSession } from '$lib/server/auth/session';
import { loginSchema } from '$lib/server/auth/form';
import * as users from '$lib/server/users/service';
import { providerChoices } from '$lib/server/oidc/providers';
import { passwordsOffered } from '$lib/server/auth/password-login';
import { getPasswordLogin } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	// Signed in at the level the page that sent them here needs: back to it. Signed in lower (a
	// process that needs eID): this page, to sign in again at that level.
	const level = wantedLevel(url);
	if (locals.user && meetsAssurance(signedInNow(locals)?.assurance ?? null, level))
		redirect(303, safeReturnPath(url.searchParams.get('next')));
	return {
		providers: providerChoices(),
		passwords: getPasswordLogin(),
		level,
		signedInBelow: locals.user !== null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate(await postedForm(event.request), zod4(loginSchema));
		const { password } = withhold(form, 'password');
		const passwordLogin = getPasswordLogin();
		if (!passwordsOffered(passwordLogin))
			return message(form, { text: m.authPasswordsOff(), tone: 'error' }, { status: 403 });
		if (!form.valid) return fail(400, { form });
		// A password reaches `low` only: the page did not offer it for more.
		if (wantedLevel(event.url) !== 'low')
			return message(form, { text: m.assurancePasswordTooLow(), tone: 'error' }, { status: 403 });
		const ip = event.getClientAddress();
		const result = await users.authenticate({
			email: form.data.email,
			password,
			ip,
			passwordLogin
		});
		if (!result.ok && result.reason === 'password-off')
			return message(form, { text: m.authPasswordOff(), tone: 'error' }, { status: 403 });
		if (!result.ok && result.reason === 'rate-limited') {
			const text = m.authRateLimited({ minutes: Math.ceil(result.retryAfterSeconds / 60) });
			return message(form, { text, tone: 'error' }, { status: 429 });
		}
		// Only someone who knows the password hears this, with a way to have the link sent again.
		if (!result.ok && result.reason === 'unverified') return fail(403, { form, unverified: true });
		if (!result.ok) return refuse(form, { password: m.authLoginInvalid() });
		const { token, session } = await createSession(result.user.id);
		writeSessionCookie(event.cookies, token, session.expiresAt);
		redirect(303, safeReturnPath(event.url.searchParams.get('next')));
	}
};

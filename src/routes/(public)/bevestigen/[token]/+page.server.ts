import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { verifySchema } from '$lib/server/auth/form';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import * as users from '$lib/server/users/service';
import * as selfService from '$lib/server/users/self-service';
import { postedForm, refuse, withhold } from '$lib/server/web/forms';
import { writeSessionCookie } from '$lib/server/web/session-cookie';
import { getPasswordLogin } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

// The link from the verification e-mail. Opening it changes nothing (mail scanners and link
// previews open links too); the button, with the account's password (so nobody confirms an
// account someone else registered with their address), confirms the address, once, and signs the
// account in (a
// new account gets no session before this). Someone already signed in stays who they are. After
// that, the requests filed with that address without an account can be added to it on /mijn-account.
export const load: PageServerLoad = async ({ params }) => ({
	usable: await users.canVerifyEmail(params.token)
});

export const actions: Actions = {
	default: async ({ params, locals, cookies, request }) => {
		const form = await superValidate(await postedForm(request), zod4(verifySchema));
		const { password } = withhold(form, 'password');
		if (!form.valid) return fail(400, { form });
		const result = await users.verifyEmail(params.token, password);
		if (!result.ok && result.reason === 'wrong-password')
			return refuse(form, { password: m.authVerifyPasswordWrong() });
		if (!result.ok) return fail(400, { form, verified: false, signedIn: false, claimable: 0 });
		// An address confirmed is signed in, as a password's sign-in would: not where citizens
		// use no passwords (PASSWORD_LOGIN; an account registered before the switch).
		const signedIn = !locals.user && getPasswordLogin().citizens;
		if (signedIn) {
			const { token, session } = await createSession(result.userId);
			writeSessionCookie(cookies, token, session.expiresAt);
			// This response already shows the account as signed in (without JavaScript it is the
			// page itself, rendered after this action).
			const valid = await validateSessionToken(token);
			locals.user = valid?.user ?? null;
			locals.session = valid?.session ?? null;
		}
		const claimable = (await selfService.findClaimableDossiers({ id: result.userId })).length;
		return { form, verified: true, signedIn, claimable };
	}
};

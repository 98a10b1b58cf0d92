import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { writeSessionCookie } from '$lib/server/web/session-cookie';
import { setFlash } from '$lib/server/web/flash';
import { postedForm, refuse, withhold } from '$lib/server/web/forms';
import { accountRefusalError, newPasswordSchema } from '$lib/server/auth/form';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import * as selfService from '$lib/server/users/self-service';
import { passwordsOffered } from '$lib/server/auth/password-login';
import { getPasswordLogin } from '$lib/server/settings';
import { m } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

// The link from the reset e-mail. Opening it only looks at the token (mail scanners open links
// too); the token is used when the new password is posted.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	if (!passwordsOffered(getPasswordLogin()))
		return { offered: false, valid: false, passwordMinLength: PASSWORD_MIN_LENGTH };
	const checked = await selfService.checkResetToken(params.token);
	return { offered: true, valid: checked.ok, passwordMinLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, params, cookies }) => {
		const passwordLogin = getPasswordLogin();
		if (!passwordsOffered(passwordLogin)) error(403, m.resetOff());
		const form = await superValidate(await postedForm(request), zod4(newPasswordSchema));
		const { password } = withhold(form, 'password');
		if (!form.valid) return fail(400, { form });
		const result = await selfService.resetPassword({
			token: params.token,
			password,
			passwordLogin
		});
		if (!result.ok) {
			if (result.reason === 'invalid') return fail(410, { form, invalid: true });
			if (result.reason === 'password-off') return fail(403, { form, passwordOff: true });
			return refuse(form, accountRefusalError(result.reason));
		}
		writeSessionCookie(cookies, result.token, result.session.expiresAt);
		setFlash(cookies, 'password-reset');
		redirect(303, '/mijn-account');
	}
};

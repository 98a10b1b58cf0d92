import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { writeSessionCookie } from '$lib/server/web/session-cookie';
import { setFlash } from '$lib/server/web/flash';
import { accountRefusalError, parseForm, type FieldErrors } from '$lib/server/auth/form';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import * as selfService from '$lib/server/users/self-service';
import type { Actions, PageServerLoad } from './$types';

const newPasswordSchema = () => z.object({ password: z.string().min(1, m.authPasswordRequired()) });

// The link from the reset e-mail. Opening it only looks at the token (mail scanners open links
// too); the token is used when the new password is posted.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	const checked = await selfService.checkResetToken(params.token);
	return { valid: checked.ok, passwordMinLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, params, cookies }) => {
		const formData = await request.formData();
		const parsed = parseForm(newPasswordSchema(), formData);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, invalid: false });
		const result = await selfService.resetPassword(params.token, parsed.data.password);
		if (!result.ok) {
			if (result.reason === 'invalid')
				return fail(410, { errors: {} as FieldErrors, invalid: true });
			return fail(400, { errors: accountRefusalError(result.reason), invalid: false });
		}
		writeSessionCookie(cookies, result.token, result.session.expiresAt);
		setFlash(cookies, 'password-reset');
		redirect(303, '/mijn-account');
	}
};

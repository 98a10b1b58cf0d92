import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { postedForm, refuse, withhold } from '$lib/server/web/forms';
import { writeSessionCookie } from '$lib/server/web/session-cookie';
import { accountRefusalError } from '$lib/server/auth/form';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { invalidateSession } from '$lib/server/auth/session';
import * as admin from '$lib/server/users/admin';
import { acceptSchema } from '$lib/server/users/admin-form';
import { mayUsePassword } from '$lib/server/auth/password-login';
import { getPasswordLogin } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

// The link from the invitation mail. Opening it only shows the form (mail scanners open links
// too); posting a good password uses the invitation once and signs the new colleague in.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const invitation = await admin.findInvitation(params.token);
	const passwordOff = invitation !== null && !mayUsePassword(invitation, getPasswordLogin());
	return { invitation, passwordOff, passwordMinLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, locals }) => {
		const form = await superValidate(await postedForm(request), zod4(acceptSchema));
		const { password } = withhold(form, 'password');
		if (!form.valid) return fail(400, { form });
		const result = await admin.acceptInvitation(params.token, {
			name: form.data.name,
			password,
			passwordLogin: getPasswordLogin()
		});
		if (!result.ok) {
			if (result.reason === 'invalid') return fail(410, { form, invalid: true });
			if (result.reason === 'password-off') return fail(403, { form, passwordOff: true });
			return refuse(form, accountRefusalError(result.reason));
		}
		// Whoever was signed in in this browser is not any more: the invited person is.
		if (locals.session) await invalidateSession(locals.session.id);
		writeSessionCookie(cookies, result.token, result.session.expiresAt);
		redirect(303, '/backoffice');
	}
};

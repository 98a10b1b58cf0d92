import { fail, redirect } from '@sveltejs/kit';
import { writeSessionCookie } from '$lib/server/web/session-cookie';
import { accountRefusalError } from '$lib/server/auth/form';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { invalidateSession } from '$lib/server/auth/session';
import * as admin from '$lib/server/users/admin';
import { readAcceptForm } from '$lib/server/users/admin-form';
import type { Actions, PageServerLoad } from './$types';

// The link from the invitation mail. Opening it only shows the form (mail scanners open links
// too); posting a good password uses the invitation once and signs the new colleague in.
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const invitation = await admin.findInvitation(params.token);
	return { invitation, passwordMinLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, locals }) => {
		const form = readAcceptForm(await request.formData());
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors, invalid: false });
		const result = await admin.acceptInvitation(params.token, form.input);
		if (!result.ok) {
			if (result.reason === 'invalid')
				return fail(410, { values: form.values, errors: {}, invalid: true });
			const errors = accountRefusalError(result.reason);
			return fail(400, { values: form.values, errors, invalid: false });
		}
		// Whoever was signed in in this browser is not any more: the invited person is.
		if (locals.session) await invalidateSession(locals.session.id);
		writeSessionCookie(cookies, result.token, result.session.expiresAt);
		redirect(303, '/backoffice');
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { safeReturnPath } from '$lib/server/web/guards';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import * as users from '$lib/server/users/service';
import { accountRefusalError, accountSchema, parseForm, readText } from '$lib/server/auth/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next')));
	return { passwordMinLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	default: async ({ request }) => {
		const formData = await request.formData();
		const values = { name: readText(formData, 'name'), email: readText(formData, 'email') };
		const parsed = parseForm(accountSchema(), formData);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors, sent: false });
		const result = await users.registerUser(parsed.data);
		// An address that has an account gets the same answer as a new one (its owner is mailed),
		// so this page never tells whether someone has an account here.
		if (!result.ok && result.reason !== 'email-taken')
			return fail(400, { values, errors: accountRefusalError(result.reason), sent: false });
		// No session yet: the account signs in once the link in the mail has confirmed the address.
		return { values: { name: '', email: parsed.data.email.trim() }, errors: {}, sent: true };
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { postedForm, refuse, withhold } from '$lib/server/web/forms';
import { safeReturnPath } from '$lib/server/web/guards';
import { accountRefusalError, accountSchema } from '$lib/server/auth/form';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import * as users from '$lib/server/users/service';
import { getPasswordLogin } from '$lib/server/settings';
import { m } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next')));
	// An account made here is a citizen's with a password: not offered where citizens use none.
	return { passwordMinLength: PASSWORD_MIN_LENGTH, offered: getPasswordLogin().citizens };
};

export const actions: Actions = {
	default: async ({ request }) => {
		if (!getPasswordLogin().citizens) error(403, m.authRegisterOff());
		const form = await superValidate(await postedForm(request), zod4(accountSchema));
		const { password } = withhold(form, 'password');
		if (!form.valid) return fail(400, { form });
		const result = await users.registerUser({ ...form.data, password });
		// An address that has an account gets the same answer as a new one (its owner is mailed),
		// so this page never tells whether someone has an account here.
		if (!result.ok && result.reason !== 'email-taken')
			return refuse(form, accountRefusalError(result.reason));
		// No session yet: the account signs in once the link in the mail has confirmed the address.
		return { form, sent: true };
	}
};

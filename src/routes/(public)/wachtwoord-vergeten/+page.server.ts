import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { postedForm } from '$lib/server/web/forms';
import { m } from '$lib/i18n';
import { getLocale } from '$lib/paraglide/runtime';
import { emailLinkSchema } from '$lib/server/auth/form';
import * as selfService from '$lib/server/users/self-service';
import { passwordsOffered } from '$lib/server/auth/password-login';
import { getPasswordLogin } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ offered: passwordsOffered(getPasswordLogin()) });

/** "Forgot your password": the same answer whether or not the address has an account. */
export const actions: Actions = {
	default: async (event) => {
		const passwordLogin = getPasswordLogin();
		if (!passwordsOffered(passwordLogin)) error(403, m.resetOff());
		const form = await superValidate(await postedForm(event.request), zod4(emailLinkSchema));
		if (!form.valid) return fail(400, { form });
		const result = await selfService.requestPasswordReset({
			email: form.data.email,
			ip: event.getClientAddress(),
			language: getLocale(),
			passwordLogin
		});
		if (!result.ok) {
			const text = m.resetRateLimited({ minutes: Math.ceil(result.retryAfterSeconds / 60) });
			return message(form, { text, tone: 'error' }, { status: 429 });
		}
		return { form, sent: true };
	}
};

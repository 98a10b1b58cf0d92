import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { postedForm } from '$lib/server/web/forms';
import { emailLinkSchema } from '$lib/server/auth/form';
import * as users from '$lib/server/users/service';
import type { Actions } from './$types';

/** "Send the verification mail again": the same answer whether or not the address has an account. */
export const actions: Actions = {
	default: async ({ request }) => {
		const form = await superValidate(await postedForm(request), zod4(emailLinkSchema));
		if (!form.valid) return fail(400, { form });
		await users.resendVerification(form.data.email);
		return { form, sent: true };
	}
};

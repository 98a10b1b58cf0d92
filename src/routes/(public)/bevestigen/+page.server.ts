import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { parseForm, readText, type FieldErrors } from '$lib/server/auth/form';
import * as users from '$lib/server/users/service';
import type { Actions } from './$types';

// Built per request: the messages follow the locale of the request.
const resendSchema = () =>
	z.object({
		email: z
			.string()
			.trim()
			.min(1, m.authEmailRequired())
			.max(254, m.authEmailInvalid())
			.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, m.authEmailInvalid())
	});

/** "Send the verification mail again": the same answer whether or not the address has an account. */
export const actions: Actions = {
	default: async ({ request }) => {
		const formData = await request.formData();
		const email = readText(formData, 'email');
		const errors: FieldErrors = {};
		const parsed = parseForm(resendSchema(), formData);
		if (!parsed.ok) return fail(400, { email, errors: parsed.errors, sent: false });
		await users.resendVerification(parsed.data.email);
		return { email: parsed.data.email, errors, sent: true };
	}
};

import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { getLocale } from '$lib/paraglide/runtime';
import { parseForm, readText, type FieldErrors } from '$lib/server/auth/form';
import * as selfService from '$lib/server/users/self-service';
import type { Actions } from './$types';

// Built per request: the messages follow the locale of the request.
const resetRequestSchema = () =>
	z.object({
		email: z
			.string()
			.trim()
			.min(1, m.authEmailRequired())
			.max(254, m.authEmailInvalid())
			.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, m.authEmailInvalid())
	});

/** "Forgot your password": the same answer whether or not the address has an account. */
export const actions: Actions = {
	default: async (event) => {
		const formData = await event.request.formData();
		const email = readText(formData, 'email');
		const errors: FieldErrors = {};
		const parsed = parseForm(resetRequestSchema(), formData);
		if (!parsed.ok) return fail(400, { email, errors: parsed.errors, notice: null, sent: false });
		const result = await selfService.requestPasswordReset({
			email: parsed.data.email,
			ip: event.getClientAddress(),
			language: getLocale()
		});
		if (!result.ok) {
			const notice = m.resetRateLimited({ minutes: Math.ceil(result.retryAfterSeconds / 60) });
			return fail(429, { email, errors, notice, sent: false });
		}
		return { email: parsed.data.email, errors, notice: null, sent: true };
	}
};

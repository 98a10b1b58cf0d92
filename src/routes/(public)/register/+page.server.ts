import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { writeSessionCookie } from '$lib/server/auth/cookie';
import { safeReturnPath } from '$lib/server/auth/guards';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { createSession } from '$lib/server/auth/session';
import * as users from '$lib/server/users/service';
import { setWelcomeFlash } from '$lib/server/auth/flash';
import { parseForm, readText } from '$lib/server/auth/form';
import type { Actions, PageServerLoad } from './$types';

// Built per request: the messages follow the locale of the request. The password policy itself
// is the service's; only "filled in" is checked here.
const registerSchema = () =>
	z.object({
		name: z.string().trim().min(1, m.authNameRequired()).max(200, m.authNameTooLong()),
		email: z.string().trim().min(1, m.authEmailRequired()),
		password: z.string().min(1, m.authPasswordRequired())
	});

/** Each refusal of the service as a message next to the field it is about. */
function refusalMessage(reason: users.AccountRefusal): { field: string; message: string } {
	const min = PASSWORD_MIN_LENGTH;
	const max = PASSWORD_MAX_LENGTH;
	const byReason: Record<users.AccountRefusal, [string, string]> = {
		'email-taken': ['email', m.authEmailTaken()],
		'invalid-email': ['email', m.authEmailInvalid()],
		'too-short': ['password', m.authPasswordTooShort({ min })],
		'too-long': ['password', m.authPasswordTooLong({ max })],
		'contains-email': ['password', m.authPasswordContainsEmail()],
		'contains-name': ['password', m.authPasswordContainsName()],
		common: ['password', m.authPasswordCommon()]
	};
	const [field, message] = byReason[reason];
	return { field, message };
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next')));
	return { passwordMinLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const formData = await request.formData();
		const values = { name: readText(formData, 'name'), email: readText(formData, 'email') };
		const parsed = parseForm(registerSchema(), formData);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = await users.registerUser(parsed.data);
		if (!result.ok) {
			const { field, message } = refusalMessage(result.reason);
			return fail(400, { values, errors: { [field]: message } });
		}
		const { token, session } = await createSession(result.user.id);
		writeSessionCookie(cookies, token, session.expiresAt);
		setWelcomeFlash(cookies);
		redirect(303, safeReturnPath(url.searchParams.get('next')));
	}
};

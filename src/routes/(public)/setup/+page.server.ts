import { error, fail, redirect } from '@sveltejs/kit';
import { writeSessionCookie } from '$lib/server/auth/cookie';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import * as sessions from '$lib/server/auth/session';
import * as users from '$lib/server/users/service';
import { setupSchema, toErrors } from './form';
import type { Actions, PageServerLoad } from './$types';

/** /setup exists only while there is no admin; afterwards it is not found, for GET and POST. */
async function requireNoAdmin(): Promise<void> {
	if ((await users.countAdmins()) > 0) error(404, 'Not found');
}

export const load: PageServerLoad = async ({ setHeaders }) => {
	await requireNoAdmin();
	setHeaders({ 'cache-control': 'no-store' });
	return { minLength: PASSWORD_MIN_LENGTH };
};

export const actions: Actions = {
	create: async ({ request, cookies }) => {
		await requireNoAdmin();
		const form = await request.formData();
		const text = (name: string) => {
			const value = form.get(name);
			return typeof value === 'string' ? value : '';
		};
		const values = { name: text('name'), email: text('email') };
		const parsed = setupSchema.safeParse({ ...values, password: text('password') });
		if (!parsed.success) {
			const codes = parsed.error.issues.map((i) => i.message);
			return fail(400, { values, errors: toErrors(codes, PASSWORD_MIN_LENGTH) });
		}
		const result = await users.createFirstAdmin(parsed.data);
		if (!result.ok) {
			if (result.reason === 'admin-exists') error(404, 'Not found');
			return fail(400, { values, errors: toErrors([result.reason], PASSWORD_MIN_LENGTH) });
		}
		const { token, session } = await sessions.createSession(result.user.id);
		writeSessionCookie(cookies, token, session.expiresAt);
		redirect(303, '/backoffice');
	}
};

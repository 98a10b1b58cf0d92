import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { postedForm, refuse, withhold } from '$lib/server/web/forms';
import { writeSessionCookie } from '$lib/server/web/session-cookie';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import * as sessions from '$lib/server/auth/session';
import * as users from '$lib/server/users/service';
import { accountRefusalError, accountSchema } from '$lib/server/auth/form';
import type { Actions, PageServerLoad } from './$types';

/** /installeren exists only while there is no admin; afterwards it is not found, for GET and POST. */
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
		const form = await superValidate(await postedForm(request), zod4(accountSchema));
		const { password } = withhold(form, 'password');
		if (!form.valid) return fail(400, { form });
		const result = await users.createFirstAdmin({ ...form.data, password });
		if (!result.ok) {
			if (result.reason === 'admin-exists') error(404, 'Not found');
			return refuse(form, accountRefusalError(result.reason));
		}
		const { token, session } = await sessions.createSession(result.user.id);
		writeSessionCookie(cookies, token, session.expiresAt);
		redirect(303, '/backoffice');
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { putErrors, postedForm } from '$lib/server/web/forms';
import { canAdminister } from '$lib/server/auth/policies';
import * as admin from '$lib/server/users/admin';
import { inviteRefusalError, inviteSchema } from '$lib/server/users/admin-form';
import type { Actions, PageServerLoad } from './$types';

/** The admin invites a staff member, clerk or admin by e-mail. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return { roles: admin.INVITABLE_ROLES, form: await superValidate(zod4(inviteSchema)) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireAllowed(event, canAdminister);
		const form = await superValidate(await postedForm(event.request), zod4(inviteSchema));
		if (!form.valid) return fail(400, { form, existing: null });
		const result = await admin.inviteUser(actor, form.data, { language: event.locals.locale });
		if (result.ok) redirect(303, `/backoffice/users/${result.user.id}?invited`);
		if (result.reason === 'forbidden') error(403, m.errorForbidden());
		// An address with an account: point to that account instead of making a second one.
		const existing =
			'userId' in result
				? { id: result.userId, pending: result.reason === 'invitation-pending' }
				: null;
		putErrors(form, inviteRefusalError(result));
		return fail(existing ? 409 : 400, { form, existing });
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canAdminister } from '$lib/server/auth/policies';
import * as admin from '$lib/server/users/admin';
import { inviteRefusalError, readInviteForm } from '$lib/server/users/admin-form';
import type { Actions, PageServerLoad } from './$types';

/** The admin invites a staff member, clerk or admin by e-mail. */
export const load: PageServerLoad = (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return { roles: admin.INVITABLE_ROLES };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireAllowed(event, canAdminister);
		const form = readInviteForm(await event.request.formData());
		if (!form.ok) return fail(400, { values: form.values, errors: form.errors, existing: null });
		const result = await admin.inviteUser(actor, form.input, { language: event.locals.locale });
		if (result.ok) redirect(303, `/backoffice/users/${result.user.id}?invited`);
		if (result.reason === 'forbidden') error(403, m.errorForbidden());
		// An address with an account: point to that account instead of making a second one.
		const existing =
			'userId' in result
				? { id: result.userId, pending: result.reason === 'invitation-pending' }
				: null;
		return fail(existing ? 409 : 400, {
			values: form.values,
			errors: inviteRefusalError(result),
			existing
		});
	}
};

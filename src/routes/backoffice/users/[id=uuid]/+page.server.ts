import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canAdminister } from '$lib/server/auth/policies';
import * as admin from '$lib/server/users/admin';
import { readRoles, readVersion, roleRefusalMessage } from '$lib/server/users/admin-form';
import type { Actions, PageServerLoad } from './$types';

/** One account for an admin: its details, its roles to change, its invitation to send again. */
export const load: PageServerLoad = async (event) => {
	const actor = requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const user = await admin.getUser(actor, event.params.id);
	if (!user) error(404, 'Not found');
	return { user, isSelf: user.id === actor.id, invited: event.url.searchParams.has('invited') };
};

export const actions: Actions = {
	roles: async (event) => {
		const actor = requireAllowed(event, canAdminister);
		const formData = await event.request.formData();
		const roles = readRoles(formData);
		const expectedUpdatedAt = readVersion(formData);
		const result = await admin.changeRoles(actor, {
			userId: event.params.id,
			roles,
			expectedUpdatedAt
		});
		if (result.ok) return { saved: true };
		if (result.reason === 'forbidden') error(403, m.errorForbidden());
		if (result.reason === 'not-found') error(404, 'Not found');
		// A stale form shows the roles as they are now (the page is loaded again), not the posted ones.
		const stale = result.reason === 'stale';
		return fail(stale ? 409 : 400, {
			rolesError: roleRefusalMessage(result.reason),
			roles: stale ? null : roles
		});
	},
	resend: async (event) => {
		const actor = requireAllowed(event, canAdminister);
		const result = await admin.resendInvitation(actor, event.params.id, {
			language: event.locals.locale
		});
		if (result.ok) return { resent: true };
		if (result.reason === 'forbidden') error(403, m.errorForbidden());
		if (result.reason === 'not-found') error(404, 'Not found');
		return fail(409, {
			resendError: result.reason === 'closed' ? m.usersErrorClosed() : m.usersResendNotPending()
		});
	}
};

import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { postedForm } from '$lib/server/web/forms';
import { canAdminister } from '$lib/server/auth/policies';
import * as admin from '$lib/server/users/admin';
import { roleRefusalMessage, rolesSchema, versionOf } from '$lib/server/users/admin-form';
import type { Actions, PageServerLoad } from './$types';

/** One account for an admin: its details, its roles to change, its invitation to send again. */
export const load: PageServerLoad = async (event) => {
	const actor = requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const user = await admin.getUser(actor, event.params.id);
	if (!user) error(404, 'Not found');
	const values = { roles: [...user.roles], updatedAt: user.updatedAt.toISOString() };
	return {
		user,
		isSelf: user.id === actor.id,
		invited: event.url.searchParams.has('invited'),
		form: await superValidate(values, zod4(rolesSchema), { errors: false })
	};
};

export const actions: Actions = {
	roles: async (event) => {
		const actor = requireAllowed(event, canAdminister);
		const form = await superValidate(await postedForm(event.request), zod4(rolesSchema));
		if (!form.valid) return fail(400, { form });
		const result = await admin.changeRoles(actor, {
			userId: event.params.id,
			roles: form.data.roles,
			expectedUpdatedAt: versionOf(form.data.updatedAt)
		});
		if (result.ok) return message(form, { text: m.usersRolesSaved(), tone: 'info' });
		if (result.reason === 'forbidden') error(403, m.errorForbidden());
		if (result.reason === 'not-found') error(404, 'Not found');
		// A stale form comes back with the roles and version as they are now, not the posted ones.
		const stale = result.reason === 'stale';
		const now = stale ? await admin.getUser(actor, event.params.id) : null;
		if (now) form.data = { roles: [...now.roles], updatedAt: now.updatedAt.toISOString() };
		return setError(form, 'roles._errors', roleRefusalMessage(result.reason), {
			status: stale ? 409 : 400
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

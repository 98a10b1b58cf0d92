import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireAllowed } from '$lib/server/web/guards';
import {
	canAdminister,
	canConfigureProcesses,
	canEnterBackoffice,
	canFileForCitizens,
	canHandleDossiers,
	canManageReplyTemplates
} from '$lib/server/auth/policies';
import { bulkSchema } from '$lib/server/dossiers/form';
import { keepLocale } from '$lib/process/text';
import * as inbox from '$lib/server/inbox/service';
import { savedFilterError, savedFilterSchema } from '$lib/server/inbox/form';
import { refuse, postedForm } from '$lib/server/web/forms';
import { bulkAction } from '$lib/server/web/inbox-bulk';
import type { Actions, PageServerLoad } from './$types';

/** The back-office start page: who is signed in, their links and, for staff, the inbox. */
export const load: PageServerLoad = async (event) => {
	const user = requireAllowed(event, canEnterBackoffice);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		user: { name: user.name, email: user.email, roles: user.roles },
		can: {
			administer: canAdminister(user),
			configureProcesses: canConfigureProcesses(user),
			manageReplyTemplates: canManageReplyTemplates(user),
			fileForCitizens: canFileForCitizens(user)
		},
		// Process and state names in the page's language (and Dutch) only.
		inbox: canHandleDossiers(user)
			? keepLocale(await inbox.getStaffInbox(user, event.url.searchParams), event.locals.locale)
			: null,
		// The bulk form offers "me" first.
		bulkForm: await superValidate({ assignee: 'me' }, zod4(bulkSchema), { errors: false }),
		saveFilterForm: await superValidate(zod4(savedFilterSchema))
	};
};

export const actions: Actions = {
	bulk: async (event) => bulkAction(event, requireAllowed(event, canHandleDossiers)),
	saveFilter: async (event) => {
		const user = requireAllowed(event, canHandleDossiers);
		const form = await superValidate(await postedForm(event.request), zod4(savedFilterSchema));
		if (!form.valid) return fail(400, { form });
		const result = await inbox.saveFilter(user.id, form.data);
		if (!result.ok) return refuse(form, { name: savedFilterError(result.reason) });
		const query = inbox.filterToQuery(inbox.parseFilter(new URLSearchParams(form.data.query)));
		redirect(303, `/backoffice${query ? `?${query}` : ''}`);
	},
	deleteFilter: async (event) => {
		const user = requireAllowed(event, canHandleDossiers);
		const form = await event.request.formData();
		await inbox.deleteSavedFilter(user.id, String(form.get('id') ?? ''));
		const query = inbox.filterToQuery(
			inbox.parseFilter(new URLSearchParams(String(form.get('query') ?? '')))
		);
		redirect(303, `/backoffice${query ? `?${query}` : ''}`);
	}
};

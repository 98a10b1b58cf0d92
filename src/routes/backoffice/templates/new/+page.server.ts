import { fail, redirect } from '@sveltejs/kit';
import { requireAllowed } from '$lib/server/web/guards';
import { canManageReplyTemplates } from '$lib/server/auth/policies';
import { readTemplateForm, refusalErrors } from '$lib/server/replies/form';
import * as templates from '$lib/server/replies/service';
import type { Actions, PageServerLoad } from './$types';

/** A new standard reply, for one process (?process= preselects it) or for all. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canManageReplyTemplates);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		processes: await templates.listProcessOptions(),
		processId: event.url.searchParams.get('process') ?? ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireAllowed(event, canManageReplyTemplates);
		const values = readTemplateForm(await event.request.formData());
		const result = await templates.saveTemplate(user.id, values);
		if (result.ok) redirect(303, '/backoffice/templates?saved');
		const errors = 'refusal' in result ? refusalErrors(result.refusal, event.locals.locale) : {};
		return fail(400, { values, errors });
	}
};

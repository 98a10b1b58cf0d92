import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canManageReplyTemplates } from '$lib/server/auth/policies';
import { readTemplateForm, refusalErrors } from '$lib/server/replies/form';
import * as templates from '$lib/server/replies/service';
import type { Actions, PageServerLoad } from './$types';

/** One standard reply: change it or delete it. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canManageReplyTemplates);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const [template, processes] = await Promise.all([
		templates.getTemplate(event.params.id),
		templates.listProcessOptions()
	]);
	if (!template) error(404, m.templateNotFound());
	return { template, processes };
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireAllowed(event, canManageReplyTemplates);
		const values = readTemplateForm(await event.request.formData());
		const result = await templates.saveTemplate(user.id, values, event.params.id);
		if (result.ok) redirect(303, '/backoffice/templates?saved');
		if ('reason' in result) error(404, m.templateNotFound());
		return fail(400, { values, errors: refusalErrors(result.refusal, event.locals.locale) });
	},
	delete: async (event) => {
		requireAllowed(event, canManageReplyTemplates);
		if (!(await templates.deleteTemplate(event.params.id))) error(404, m.templateNotFound());
		redirect(303, '/backoffice/templates?deleted');
	}
};

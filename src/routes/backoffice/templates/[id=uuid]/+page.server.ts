import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { refuse, postedForm } from '$lib/server/web/forms';
import { canManageReplyTemplates } from '$lib/server/auth/policies';
import { refusalErrors, templateSchema } from '$lib/server/replies/form';
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
	const { title, bodyNl, bodyEn, bodyFr } = template;
	const values = { processId: template.processId ?? '', title, bodyNl, bodyEn, bodyFr };
	return {
		template,
		processes,
		form: await superValidate(values, zod4(templateSchema), { errors: false })
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireAllowed(event, canManageReplyTemplates);
		const form = await superValidate(await postedForm(event.request), zod4(templateSchema));
		if (!form.valid) return fail(400, { form });
		const result = await templates.saveTemplate(user.id, form.data, event.params.id);
		if (result.ok) redirect(303, '/backoffice/templates?saved');
		if ('reason' in result) error(404, m.templateNotFound());
		return refuse(form, refusalErrors(result.refusal, event.locals.locale));
	},
	delete: async (event) => {
		requireAllowed(event, canManageReplyTemplates);
		if (!(await templates.deleteTemplate(event.params.id))) error(404, m.templateNotFound());
		redirect(303, '/backoffice/templates?deleted');
	}
};

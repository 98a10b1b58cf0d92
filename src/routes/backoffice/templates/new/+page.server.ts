import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireAllowed } from '$lib/server/web/guards';
import { refuse, postedForm } from '$lib/server/web/forms';
import { canManageReplyTemplates } from '$lib/server/auth/policies';
import { refusalErrors, templateSchema } from '$lib/server/replies/form';
import * as templates from '$lib/server/replies/service';
import type { Actions, PageServerLoad } from './$types';

/** A new standard reply, for one process (?process= preselects it) or for all. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canManageReplyTemplates);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const processId = event.url.searchParams.get('process') ?? '';
	return {
		processes: await templates.listProcessOptions(),
		form: await superValidate({ processId }, zod4(templateSchema), { errors: false })
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireAllowed(event, canManageReplyTemplates);
		const form = await superValidate(await postedForm(event.request), zod4(templateSchema));
		if (!form.valid) return fail(400, { form });
		const result = await templates.saveTemplate(user.id, form.data);
		if (result.ok) redirect(303, '/backoffice/templates?saved');
		return refuse(
			form,
			'refusal' in result ? refusalErrors(result.refusal, event.locals.locale) : {}
		);
	}
};

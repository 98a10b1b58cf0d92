import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireAllowed } from '$lib/server/web/guards';
import { refuse, postedForm } from '$lib/server/web/forms';
import { canAdminister } from '$lib/server/auth/policies';
import * as departments from '$lib/server/departments/service';
import { departmentEditSchema, updateErrors } from '$lib/server/departments/form';
import { asLocalText, localize } from '$lib/process/text';
import { m } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/** One department: its name, who works in it, which processes it handles; removing it. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const page = await departments.get(event.params.id);
	if (!page) error(404, 'Not found');
	const locale = event.locals.locale;
	const { department, memberIds: members, processIds: processes } = page;
	return {
		department,
		candidates: page.candidates,
		processes: page.processes.map((p) => {
			const title = asLocalText(p.title);
			return { id: p.id, title: title ? localize(title, locale) : p.id };
		}),
		created: event.url.searchParams.has('nieuw'),
		saved: event.url.searchParams.has('bewaard'),
		form: await superValidate(
			{ name: department.name, members, processes },
			zod4(departmentEditSchema),
			{ errors: false }
		)
	};
};

export const actions: Actions = {
	save: async (event) => {
		requireAllowed(event, canAdminister);
		const form = await superValidate(await postedForm(event.request), zod4(departmentEditSchema));
		if (!form.valid) return fail(400, { form });
		const { name, members: memberIds, processes: processIds } = form.data;
		const result = await departments.update(event.params.id, { name, memberIds, processIds });
		if (result.ok) redirect(303, `/backoffice/departments/${event.params.id}?bewaard`);
		if ('reason' in result) error(404, 'Not found');
		return refuse(form, updateErrors(result.issues));
	},
	remove: async (event) => {
		requireAllowed(event, canAdminister);
		const result = await departments.remove(event.params.id);
		if (result.ok) redirect(303, '/backoffice/departments?verwijderd');
		if (result.reason === 'not-found') error(404, 'Not found');
		const message =
			result.reason === 'orphans'
				? m.departmentsOrphans({ processes: result.processIds.join(', ') })
				: result.reason === 'default'
					? m.departmentsRemoveDefault()
					: m.departmentsRemoveHandedOver();
		return fail(409, { on: 'remove' as const, message });
	}
};

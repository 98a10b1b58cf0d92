import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireAllowed } from '$lib/server/web/guards';
import { refuse, postedForm } from '$lib/server/web/forms';
import { canAdminister } from '$lib/server/auth/policies';
import * as departments from '$lib/server/departments/service';
import { departmentSchema, nameError } from '$lib/server/departments/form';
import type { Actions, PageServerLoad } from './$types';

/** The municipality's departments, and the form to add one. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		departments: await departments.list(),
		removed: event.url.searchParams.has('verwijderd'),
		form: await superValidate(zod4(departmentSchema))
	};
};

export const actions: Actions = {
	default: async (event) => {
		requireAllowed(event, canAdminister);
		const form = await superValidate(await postedForm(event.request), zod4(departmentSchema));
		if (!form.valid) return fail(400, { form });
		const result = await departments.create(form.data);
		if (!result.ok) return refuse(form, { name: nameError(result.name) });
		redirect(303, `/backoffice/departments/${result.department.id}?nieuw`);
	}
};

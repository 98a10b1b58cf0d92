import { fail, redirect } from '@sveltejs/kit';
import { requireAllowed } from '$lib/server/web/guards';
import { canAdminister } from '$lib/server/auth/policies';
import { readText } from '$lib/server/auth/form';
import * as departments from '$lib/server/departments/service';
import { departmentNameError } from '$lib/server/web/department-form';
import type { Actions, PageServerLoad } from './$types';

/** The municipality's departments, and the form to add one. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		departments: await departments.list(),
		removed: event.url.searchParams.has('verwijderd')
	};
};

export const actions: Actions = {
	default: async (event) => {
		requireAllowed(event, canAdminister);
		const name = readText(await event.request.formData(), 'name');
		const result = await departments.create({ name });
		if (!result.ok) return fail(400, { name, error: departmentNameError(result.name) });
		redirect(303, `/backoffice/departments/${result.department.id}?nieuw`);
	}
};

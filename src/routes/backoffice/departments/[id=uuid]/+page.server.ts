import { error, fail, redirect } from '@sveltejs/kit';
import { requireAllowed } from '$lib/server/web/guards';
import { canAdminister } from '$lib/server/auth/policies';
import { readText } from '$lib/server/auth/form';
import * as departments from '$lib/server/departments/service';
import { departmentNameError } from '$lib/server/web/department-form';
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
	return {
		department: page.department,
		memberIds: page.memberIds,
		processIds: page.processIds,
		candidates: page.candidates,
		processes: page.processes.map((p) => {
			const title = asLocalText(p.title);
			return { id: p.id, title: title ? localize(title, locale) : p.id };
		}),
		created: event.url.searchParams.has('nieuw'),
		saved: event.url.searchParams.has('bewaard')
	};
};

const ids = (data: FormData, name: string) =>
	data
		.getAll(name)
		.filter((v): v is string => typeof v === 'string')
		.slice(0, 1000);

export const actions: Actions = {
	save: async (event) => {
		requireAllowed(event, canAdminister);
		const data = await event.request.formData();
		const values = {
			name: readText(data, 'name'),
			memberIds: ids(data, 'members'),
			processIds: ids(data, 'processes')
		};
		const result = await departments.update(event.params.id, values);
		if (result.ok) redirect(303, `/backoffice/departments/${event.params.id}?bewaard`);
		if ('reason' in result) error(404, 'Not found');
		const errors: Record<string, string> = {};
		if (result.issues.name) errors.name = departmentNameError(result.issues.name);
		if (result.issues.orphans)
			errors.processes = m.departmentsOrphans({ processes: result.issues.orphans.join(', ') });
		if (result.issues.unknown) errors.members = m.departmentsUnknown();
		return fail(400, { on: 'save' as const, values, errors });
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

import { fail, redirect } from '@sveltejs/kit';
import { superValidate, withFiles } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireAllowed } from '$lib/server/web/guards';
import { putErrors, refuse, postedForm } from '$lib/server/web/forms';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as lifecycle from '$lib/server/processes/lifecycle';
import * as forms from '$lib/server/processes/lifecycle-form';
import type { Actions, PageServerLoad } from './$types';

// Two forms on one page: each answer names its form, so only that one shows its errors.
const create = { id: 'create' };
const upload = { id: 'import' };

/** Clerks and admins: every process with its versions; a new process or an imported one. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		processes: await lifecycle.listProcesses(),
		createForm: await superValidate(zod4(forms.newProcessSchema), create),
		importForm: await superValidate(zod4(forms.importSchema), upload)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const form = await superValidate(
			await postedForm(event.request),
			zod4(forms.newProcessSchema),
			create
		);
		if (!form.valid) return fail(400, { form });
		const from = forms.toSource(form.data.from);
		const result = await lifecycle.createProcess({ ...form.data, from, actorId: user.id });
		if (result.ok) redirect(303, `/backoffice/processes/${result.id}?created`);
		return refuse(form, forms.newProcessErrors(result.refusal));
	},
	import: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const form = await superValidate(
			await postedForm(event.request),
			zod4(forms.importSchema),
			upload
		);
		if (!form.valid) return fail(400, withFiles({ form, problems: [] as string[] }));
		const result = await lifecycle.importDefinition(await form.data.file.text(), user.id);
		if (result.ok)
			redirect(303, `/backoffice/processes/${result.processId}?imported=${result.version}`);
		const { errors, problems } = forms.importErrors(result);
		putErrors(form, errors);
		return fail(400, withFiles({ form, problems }));
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as lifecycle from '$lib/server/processes/lifecycle';
import * as forms from '$lib/server/processes/lifecycle-form';
import type { Actions, PageServerLoad } from './$types';

/** Clerks and admins: every process with its versions; a new process or an imported one. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return { processes: await lifecycle.listProcesses() };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const values = forms.readNewProcessForm(await event.request.formData());
		const from = forms.parseSource(values.from);
		const result =
			from === 'invalid'
				? ({ ok: false, refusal: { from: 'unknown' } } as const)
				: await lifecycle.createProcess({ ...values, from, actorId: user.id });
		if (result.ok) redirect(303, `/backoffice/processes/${result.id}?created`);
		return fail(400, { create: { values, errors: forms.newProcessErrors(result.refusal) } });
	},
	import: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const file = await forms.readImportFile(await event.request.formData());
		if (!file.ok) return fail(400, { import: { errors: { file: file.error }, problems: [] } });
		const result = await lifecycle.importDefinition(file.text, user.id);
		if (result.ok)
			redirect(303, `/backoffice/processes/${result.processId}?imported=${result.version}`);
		return fail(400, { import: forms.importErrors(result) });
	}
};

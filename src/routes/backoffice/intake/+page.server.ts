import { fail, redirect } from '@sveltejs/kit';
import { readText } from '$lib/server/auth/form';
import { canFileForCitizens } from '$lib/server/auth/policies';
import * as intakes from '$lib/server/intake/service';
import { requireAllowed } from '$lib/server/web/guards';
import { intakePath, startErrors, writeIntakeToken } from '$lib/server/web/intake';
import type { Actions, PageServerLoad } from './$types';

/** Filing a request for a citizen: the processes of the staff member's departments, the start form. */
export const load: PageServerLoad = async (event) => {
	const user = requireAllowed(event, canFileForCitizens);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const [processes, open] = await Promise.all([
		intakes.listProcesses(user.id),
		intakes.listOpen(user)
	]);
	return { processes, open };
};

export const actions: Actions = {
	start: async (event) => {
		const user = requireAllowed(event, canFileForCitizens);
		const data = await event.request.formData();
		const values = {
			processId: readText(data, 'processId'),
			channel: readText(data, 'channel'),
			name: readText(data, 'name'),
			email: readText(data, 'email')
		};
		const result = await intakes.start(user, values, event.locals.locale);
		if (!result.ok)
			return fail(result.kind === 'forbidden' ? 403 : 400, {
				values,
				errors: startErrors(result.issues)
			});
		writeIntakeToken(event.cookies, result.intake.draft.id, result.token);
		redirect(303, intakePath(result.intake.draft.id));
	}
};

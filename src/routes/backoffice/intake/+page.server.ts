import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { canFileForCitizens } from '$lib/server/auth/policies';
import { discardSchema, startSchema } from '$lib/server/intake/form';
import * as intakes from '$lib/server/intake/service';
import { postedForm, putErrors } from '$lib/server/web/forms';
import { requireAllowed } from '$lib/server/web/guards';
import { intakePath, startErrors, writeIntakeToken } from '$lib/server/web/intake';
import type { Actions, PageServerLoad } from './$types';

/** Filing a request for a citizen: the processes of the staff member's departments, the start form. */
export const load: PageServerLoad = async (event) => {
	const user = requireAllowed(event, canFileForCitizens);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const [processes, open, form] = await Promise.all([
		intakes.listProcesses(user.id),
		intakes.listOpen(user),
		superValidate({ language: event.locals.locale }, zod4(startSchema), { errors: false })
	]);
	return { processes, open, form };
};

export const actions: Actions = {
	start: async (event) => {
		const user = requireAllowed(event, canFileForCitizens);
		const form = await superValidate(await postedForm(event.request), zod4(startSchema));
		if (!form.valid) return fail(400, { form });
		const result = await intakes.start(user, form.data, form.data.language);
		if (!result.ok) {
			putErrors(form, startErrors(result.issues));
			return fail(result.kind === 'forbidden' ? 403 : 400, { form });
		}
		writeIntakeToken(event.cookies, result.intake.draft.id, result.token);
		redirect(303, intakePath(result.intake.draft.id));
	},
	discard: async (event) => {
		const user = requireAllowed(event, canFileForCitizens);
		const form = await superValidate(await postedForm(event.request), zod4(discardSchema));
		const dropped = form.valid ? await intakes.discard(form.data.id, user) : null;
		if (!dropped) return fail(404, { discarded: null });
		return { discarded: { title: dropped.title, name: dropped.applicantName } };
	}
};

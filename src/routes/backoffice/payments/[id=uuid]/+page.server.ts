import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { canImportPayments } from '$lib/server/auth/policies';
import { assignErrors, assignLineSchema } from '$lib/server/payments/form';
import * as payments from '$lib/server/payments/service';
import { postedForm, refuse } from '$lib/server/web/forms';
import { requireAllowed } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

/** Admins: link an amount received that matched nothing to the dossier it is for. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canImportPayments);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const line = await payments.findUnmatched(event.params.id);
	if (!line) error(404, 'Not found');
	return { line, form: await superValidate(zod4(assignLineSchema)) };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireAllowed(event, canImportPayments);
		const form = await superValidate(await postedForm(event.request), zod4(assignLineSchema));
		if (!form.valid) return fail(400, { form });
		const result = await payments.assignBankLine(
			{ lineId: event.params.id, reference: form.data.reference },
			user.id
		);
		if (!result.ok && result.reason === 'line-gone') error(404, 'Not found');
		if (!result.ok) return refuse(form, assignErrors(result.reason), 409);
		const { reference, state, movedOn } = result.matched;
		redirect(
			303,
			`/backoffice/payments?gekoppeld=${encodeURIComponent(reference)}&betaling=${state}${movedOn ? '&verder' : ''}`
		);
	}
};

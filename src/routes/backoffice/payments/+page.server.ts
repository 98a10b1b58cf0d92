import { fail } from '@sveltejs/kit';
import { superValidate, withFiles } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { canImportPayments } from '$lib/server/auth/policies';
import { codaSchema } from '$lib/server/payments/form';
import * as payments from '$lib/server/payments/service';
import { postedForm, putErrors } from '$lib/server/web/forms';
import { readCodaFile, importErrors } from '$lib/server/web/payments';
import { requireAllowed } from '$lib/server/web/guards';
import type { PaymentState } from '$lib/views/payment';
import type { Actions, PageServerLoad } from './$types';

/** Admins: import a bank statement (CODA); the amounts received that no dossier claimed. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canImportPayments);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		assigned: readAssigned(event.url.searchParams),
		unmatched: await payments.listUnmatched(),
		form: await superValidate(zod4(codaSchema))
	};
};

const STATES: readonly string[] = ['unpaid', 'partly', 'paid'] satisfies PaymentState[];

/** After linking a line by hand (payments/[id]): what it did, as the redirect says. */
function readAssigned(
	params: URLSearchParams
): { reference: string; state: PaymentState; movedOn: boolean } | null {
	const reference = params.get('gekoppeld');
	const state = params.get('betaling') ?? '';
	if (!reference || !STATES.includes(state)) return null;
	return { reference, state: state as PaymentState, movedOn: params.has('verder') };
}

export const actions: Actions = {
	import: async (event) => {
		const user = requireAllowed(event, canImportPayments);
		const form = await superValidate(await postedForm(event.request), zod4(codaSchema));
		if (!form.valid) return fail(400, withFiles({ form, problems: [] as string[] }));
		const result = await payments.importCoda(await readCodaFile(form.data.file), user.id);
		if (!result.ok) {
			const { errors, problems } = importErrors(result);
			putErrors(form, errors);
			return fail(400, withFiles({ form, problems }));
		}
		return withFiles({ form, summary: result.summary });
	}
};

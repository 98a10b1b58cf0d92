import { fail } from '@sveltejs/kit';
import { canImportPayments } from '$lib/server/auth/policies';
import * as payments from '$lib/server/payments/service';
import { readCodaUpload, importErrors } from '$lib/server/web/payments';
import { requireAllowed } from '$lib/server/web/guards';
import type { Actions, PageServerLoad } from './$types';

/** Admins: import a bank statement (CODA); the amounts received that no dossier claimed. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canImportPayments);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return { unmatched: await payments.listUnmatched() };
};

export const actions: Actions = {
	import: async (event) => {
		const user = requireAllowed(event, canImportPayments);
		const file = await readCodaUpload(await event.request.formData());
		const result = await payments.importCoda(file, user.id);
		if (!result.ok) return fail(400, importErrors(result));
		return { summary: result.summary };
	}
};

import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { postedForm } from '$lib/server/web/forms';
import { canAdminister } from '$lib/server/auth/policies';
import * as tokens from '$lib/server/api/tokens';
import { revokeSchema } from '$lib/server/api/token-form';
import * as lifecycle from '$lib/server/processes/lifecycle';
import type { Actions, PageServerLoad } from './$types';

const CALLS_SHOWN = 100;
const noStore = (event: Pick<RequestEvent, 'setHeaders'>) =>
	event.setHeaders({ 'cache-control': 'private, no-store' });

/** One API token for an admin: its details, the audit trail of its calls, and revoking it. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	// After a post without JavaScript this load renders the action's answer, which set the header.
	if (event.request.method !== 'POST') noStore(event);
	const [token, processes] = await Promise.all([
		tokens.findToken(event.params.id, undefined, CALLS_SHOWN),
		lifecycle.listProcesses()
	]);
	if (!token) error(404, 'Not found');
	return {
		token,
		callsShown: CALLS_SHOWN,
		processes: processes.map((p) => ({ id: p.id, title: p.title })),
		form: await superValidate(zod4(revokeSchema))
	};
};

export const actions: Actions = {
	revoke: async (event) => {
		noStore(event);
		const admin = requireAllowed(event, canAdminister);
		const form = await superValidate(await postedForm(event.request), zod4(revokeSchema));
		if (!form.valid) return fail(400, { form });
		if (await tokens.revokeToken(admin.id, event.params.id))
			return message(form, { text: m.apiTokensRevoked(), tone: 'info' });
		if (!(await tokens.findToken(event.params.id, undefined, 0))) error(404, 'Not found');
		return setError(form, 'confirm', m.apiTokensAlreadyRevoked(), { status: 409 });
	}
};

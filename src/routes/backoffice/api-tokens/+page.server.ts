import { fail, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireAllowed } from '$lib/server/web/guards';
import { refuse, postedForm } from '$lib/server/web/forms';
import { canAdminister } from '$lib/server/auth/policies';
import * as tokens from '$lib/server/api/tokens';
import { tokenErrors, tokenSchema } from '$lib/server/api/token-form';
import * as lifecycle from '$lib/server/processes/lifecycle';
import type { Actions, PageServerLoad } from './$types';

const noStore = (event: Pick<RequestEvent, 'setHeaders'>) =>
	event.setHeaders({ 'cache-control': 'private, no-store' });

/** The admin's API tokens and the form for a new one. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	// After a post without JavaScript this load renders the action's answer, which set the header.
	if (event.request.method !== 'POST') noStore(event);
	const [list, processes] = await Promise.all([tokens.listTokens(), lifecycle.listProcesses()]);
	return {
		tokens: list,
		processes: processes.map((p) => ({ id: p.id, title: p.title })),
		form: await superValidate(zod4(tokenSchema))
	};
};

export const actions: Actions = {
	// The new token is in this answer only: never in a URL, a cookie, a flash or a later page.
	create: async (event) => {
		noStore(event);
		const admin = requireAllowed(event, canAdminister);
		const form = await superValidate(await postedForm(event.request), zod4(tokenSchema));
		if (!form.valid) return fail(400, { form });
		const result = await tokens.createToken(admin.id, form.data);
		if (!result.ok) return refuse(form, tokenErrors(result.issues));
		return { form, created: { id: result.id, name: form.data.name, token: result.token } };
	}
};

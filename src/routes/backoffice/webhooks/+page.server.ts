import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { requireAllowed } from '$lib/server/web/guards';
import { refuse, postedForm } from '$lib/server/web/forms';
import { canAdminister } from '$lib/server/auth/policies';
import { WEBHOOK_EVENTS } from '$lib/server/webhooks/events';
import { issueMessages, webhookSchema } from '$lib/server/webhooks/form';
import * as webhooks from '$lib/server/webhooks/service';
import type { Actions, PageServerLoad } from './$types';

/** The admin's webhooks, and the form to add one. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		webhooks: await webhooks.list(),
		events: WEBHOOK_EVENTS,
		deleted: event.url.searchParams.has('deleted'),
		form: await superValidate(zod4(webhookSchema))
	};
};

export const actions: Actions = {
	// The secret is in this answer only: it is shown once, and never put in an address.
	default: async (event) => {
		const actor = requireAllowed(event, canAdminister);
		const form = await superValidate(await postedForm(event.request), zod4(webhookSchema));
		if (!form.valid) return fail(400, { form });
		const result = await webhooks.create(actor.id, form.data);
		if (!result.ok) return refuse(form, issueMessages(result.issues));
		const { id, name } = result.webhook;
		return { form, created: { id, name, secret: result.secret } };
	}
};

import { fail } from '@sveltejs/kit';
import { requireAllowed } from '$lib/server/web/guards';
import { canAdminister } from '$lib/server/auth/policies';
import { WEBHOOK_EVENTS } from '$lib/server/webhooks/events';
import { issueMessages, readWebhookForm } from '$lib/server/webhooks/form';
import * as webhooks from '$lib/server/webhooks/service';
import type { Actions, PageServerLoad } from './$types';

/** The admin's webhooks, and the form to add one. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		webhooks: await webhooks.list(),
		events: WEBHOOK_EVENTS,
		deleted: event.url.searchParams.has('deleted')
	};
};

export const actions: Actions = {
	// The secret is in this answer only: it is shown once, and never put in an address.
	default: async (event) => {
		const actor = requireAllowed(event, canAdminister);
		const values = readWebhookForm(await event.request.formData(), false);
		const result = await webhooks.create(actor.id, values);
		if (!result.ok) return fail(400, { values, errors: issueMessages(result.issues) });
		return { created: { id: result.webhook.id, name: result.webhook.name, secret: result.secret } };
	}
};

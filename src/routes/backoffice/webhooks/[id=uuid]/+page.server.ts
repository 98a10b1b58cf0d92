import { error, fail, redirect } from '@sveltejs/kit';
import { requireAllowed } from '$lib/server/web/guards';
import { canAdminister } from '$lib/server/auth/policies';
import { WEBHOOK_EVENTS } from '$lib/server/webhooks/events';
import { issueMessages, readWebhookForm } from '$lib/server/webhooks/form';
import * as webhooks from '$lib/server/webhooks/service';
import type { Actions, PageServerLoad } from './$types';

/** One webhook: its settings, test event, secret, deletion and the log of its deliveries. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const webhook = await webhooks.find(event.params.id);
	if (!webhook) error(404, 'Not found');
	return {
		webhook,
		events: WEBHOOK_EVENTS,
		deliveries: await webhooks.listDeliveries(webhook.id)
	};
};

export const actions: Actions = {
	update: async (event) => {
		requireAllowed(event, canAdminister);
		const values = readWebhookForm(await event.request.formData(), true);
		const result = await webhooks.update(event.params.id, values);
		if (result.ok) return { saved: true };
		if (result.reason === 'not-found') error(404, 'Not found');
		return fail(400, { values, errors: issueMessages(result.issues) });
	},
	test: async (event) => {
		requireAllowed(event, canAdminister);
		const deliveryId = await webhooks.sendTestEvent(event.params.id);
		if (!deliveryId) error(404, 'Not found');
		return { testSent: deliveryId };
	},
	// The new secret is in this answer only.
	rotate: async (event) => {
		requireAllowed(event, canAdminister);
		const secret = await webhooks.rotateSecret(event.params.id);
		if (!secret) error(404, 'Not found');
		return { secret };
	},
	delete: async (event) => {
		requireAllowed(event, canAdminister);
		const confirmed = (await event.request.formData()).get('confirm') === 'yes';
		if (!(await webhooks.find(event.params.id))) error(404, 'Not found');
		if (!confirmed) return fail(400, { confirmError: true });
		await webhooks.remove(event.params.id);
		redirect(303, '/backoffice/webhooks?deleted');
	}
};

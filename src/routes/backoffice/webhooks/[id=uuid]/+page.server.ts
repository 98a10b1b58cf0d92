import { error, fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { refuse, postedForm } from '$lib/server/web/forms';
import { canAdminister } from '$lib/server/auth/policies';
import { WEBHOOK_EVENTS } from '$lib/server/webhooks/events';
import { issueMessages, webhookDeleteSchema, webhookEditSchema } from '$lib/server/webhooks/form';
import * as webhooks from '$lib/server/webhooks/service';
import type { Actions, PageServerLoad } from './$types';

/** One webhook: its settings, test event, secret, deletion and the log of its deliveries. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const webhook = await webhooks.find(event.params.id);
	if (!webhook) error(404, 'Not found');
	const { name, url, events, active } = webhook;
	return {
		webhook,
		events: WEBHOOK_EVENTS,
		deliveries: await webhooks.listDeliveries(webhook.id),
		form: await superValidate({ name, url, events, active }, zod4(webhookEditSchema), {
			errors: false
		}),
		deleteForm: await superValidate(zod4(webhookDeleteSchema))
	};
};

export const actions: Actions = {
	update: async (event) => {
		requireAllowed(event, canAdminister);
		const form = await superValidate(await postedForm(event.request), zod4(webhookEditSchema));
		if (!form.valid) return fail(400, { form });
		const result = await webhooks.update(event.params.id, form.data);
		if (result.ok) return message(form, { text: m.webhooksSaved(), tone: 'info' });
		if (result.reason === 'not-found') error(404, 'Not found');
		return refuse(form, issueMessages(result.issues));
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
		if (!(await webhooks.find(event.params.id))) error(404, 'Not found');
		const form = await superValidate(await postedForm(event.request), zod4(webhookDeleteSchema));
		if (!form.valid) return fail(400, { form });
		await webhooks.remove(event.params.id);
		redirect(303, '/backoffice/webhooks?deleted');
	}
};

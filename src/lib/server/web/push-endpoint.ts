// The JSON endpoint a dossier page talks to when the citizen turns notifications on or off on a
// device, shared by the owner's route (/push) and the guest's (/volg/[token]/push). The routes say
// whose notifications the browser may receive (the scope); this maps the request to the service:
// GET ?endpoint= asks whether this browser is subscribed, POST subscribes it with the body of
// PushSubscription.toJSON(), DELETE { endpoint } unsubscribes it. JSON bodies cannot be posted
// across sites without a CORS preflight, which we never grant.
import { error, json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import * as push from '../push/service';

async function readBody<T extends z.ZodType>(event: RequestEvent, schema: T): Promise<z.infer<T>> {
	const body: unknown = await event.request.json().catch(() => null);
	const result = schema.safeParse(body);
	if (!result.success) error(400, 'Invalid push subscription');
	return result.data;
}

const noStore = { 'cache-control': 'private, no-store' };

export async function handlePushRequest(
	event: RequestEvent,
	scope: push.PushScope
): Promise<Response> {
	switch (event.request.method) {
		case 'GET': {
			const endpoint = event.url.searchParams.get('endpoint') ?? '';
			const subscribed = endpoint.length <= 2048 && (await push.isSubscribed(scope, endpoint));
			return json({ subscribed }, { headers: noStore });
		}
		case 'POST': {
			const subscription = await readBody(event, push.subscriptionBody);
			await push.subscribe(scope, subscription, event.locals.locale);
			return json({ subscribed: true }, { status: 201, headers: noStore });
		}
		case 'DELETE': {
			const { endpoint } = await readBody(event, push.endpointBody);
			await push.unsubscribe(scope, endpoint);
			return json({ subscribed: false }, { headers: noStore });
		}
		default:
			error(405, 'Method not allowed');
	}
}

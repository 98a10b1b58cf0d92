import { error } from '@sveltejs/kit';
import { handlePushRequest } from '$lib/server/web/push-endpoint';
import * as push from '$lib/server/push/service';
import type { RequestHandler } from './$types';

/** A guest's device: notifications about the one dossier this tracking link leads to. */
const handle: RequestHandler = async (event) => {
	const scope = await push.findGuestScope(event.params.token);
	if (!scope) error(404, 'Not found');
	return handlePushRequest(event, scope);
};

export const GET = handle;
export const POST = handle;
export const DELETE = handle;

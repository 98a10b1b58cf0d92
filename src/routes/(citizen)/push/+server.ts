import { requireUser } from '$lib/server/web/guards';
import { handlePushRequest } from '$lib/server/web/push-endpoint';
import * as push from '$lib/server/push/service';
import type { RequestHandler } from './$types';

/** A signed-in citizen's device: notifications about all of their own dossiers. */
const handle: RequestHandler = (event) =>
	handlePushRequest(event, push.accountScope(requireUser(event).id));

export const GET = handle;
export const POST = handle;
export const DELETE = handle;

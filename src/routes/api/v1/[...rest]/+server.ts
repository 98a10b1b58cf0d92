import { problem } from '$lib/server/api/problem';
import type { RequestHandler } from './$types';

/** An address below /api/v1 that is not in the API: a problem in JSON, not the HTML 404 page. */
const notFound: RequestHandler = () =>
	problem('not-found', 404, { detail: 'No such endpoint: see /api/v1/openapi.json.' });

export const GET = notFound;
export const POST = notFound;

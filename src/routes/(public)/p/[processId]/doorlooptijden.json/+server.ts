import { error, json } from '@sveltejs/kit';
import * as handlingTimes from '$lib/server/handling-times/service';
import * as processes from '$lib/server/processes/service';
import type { RequestHandler } from './$types';

/** Open data: how long this process took over the last twelve months (README, "Open data"). */
export const GET: RequestHandler = async ({ params, setHeaders }) => {
	if (!(await processes.findProduct(params.processId))) error(404, 'Not found');
	setHeaders({ 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' });
	return json(await handlingTimes.getHandlingTimes(params.processId));
};

import { error } from '@sveltejs/kit';
import * as handlingTimes from '$lib/server/handling-times/service';
import * as processes from '$lib/server/processes/service';
import type { RequestHandler } from './$types';

/** Open data: the same figures as doorlooptijden.json, as CSV (README, "Open data"). */
export const GET: RequestHandler = async ({ params }) => {
	if (!(await processes.findProduct(params.processId))) error(404, 'Not found');
	const figures = await handlingTimes.getHandlingTimes(params.processId);
	return new Response(handlingTimes.toCsv(figures), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="doorlooptijden-${params.processId}.csv"`,
			'cache-control': 'public, max-age=3600',
			'access-control-allow-origin': '*'
		}
	});
};

import { error, json } from '@sveltejs/kit';
import * as processes from '$lib/server/processes/service';
import type { RequestHandler } from './$types';

/**
 * The form of a process's current version, for filling it in on a device without a connection:
 * the service worker keeps it with the product page. Public, like the product page.
 */
export const GET: RequestHandler = async ({ params }) => {
	const product = await processes.findProduct(params.processId);
	if (!product) error(404, 'Not found');
	const { id, title, pages, leadTimes, auth } = product.definition;
	return json({ id, version: product.version, title, pages, leadTimes, auth });
};

import { error } from '@sveltejs/kit';
import * as processes from '$lib/server/processes/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const product = await processes.findProduct(params.processId);
	if (!product) error(404, 'Not found');
	return { product: product.definition };
};

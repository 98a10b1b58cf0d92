import { error } from '@sveltejs/kit';
import * as handlingTimes from '$lib/server/handling-times/service';
import * as processes from '$lib/server/processes/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const product = await processes.findProduct(params.processId);
	if (!product) error(404, 'Not found');
	// The measured handling time is extra: the page does without it if it cannot be read.
	const measured = await handlingTimes.getHandlingTimes(product.definition.id).catch(() => null);
	return { product: product.definition, measured };
};

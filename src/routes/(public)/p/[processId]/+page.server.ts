import { error } from '@sveltejs/kit';
import * as handlingTimes from '$lib/server/handling-times/service';
import * as processes from '$lib/server/processes/service';
import { keepLocale } from '$lib/process/text';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const product = await processes.findProduct(params.processId);
	if (!product) error(404, 'Not found');
	// The measured handling time is extra: the page does without it if it cannot be read.
	const measured = await handlingTimes.getHandlingTimes(product.definition.id).catch(() => null);
	// The texts in the page's language (and the Dutch they fall back to) only.
	return { product: keepLocale(product.definition, locals.locale), measured };
};

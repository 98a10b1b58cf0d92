import { error } from '@sveltejs/kit';
import * as handlingTimes from '$lib/server/handling-times/service';
import * as processes from '$lib/server/processes/service';
import { keepLocale } from '$lib/process/text';
import type { PageServerLoad } from './$types';

// The product page is read, not used: it has nothing that needs kit's client (about 40 kB of
// JavaScript compressed, the whole of a phone's budget, issue 21). Its links and the language
// buttons are plain links and forms; the page registers the service worker with a small script
// of its own (static/sw-register.js) so that a citizen who lands here can still file offline later.
export const csr = false;

export const load: PageServerLoad = async ({ params, locals }) => {
	const product = await processes.findProduct(params.processId);
	if (!product) error(404, 'Not found');
	// The measured handling time is extra: the page does without it if it cannot be read.
	const measured = await handlingTimes.getHandlingTimes(product.definition.id).catch(() => null);
	// The texts in the page's language (and the Dutch they fall back to) only.
	return { product: keepLocale(product.definition, locals.locale), measured };
};

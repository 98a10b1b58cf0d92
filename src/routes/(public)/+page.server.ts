import { parseCatalogueFilter } from '$lib/catalogue';
import * as processes from '$lib/server/processes/service';
import { keepLocale } from '$lib/process/text';
import type { PageServerLoad } from './$types';

// The whole catalogue goes to the page, with the filter from the GET form: the server renders
// the filtered list (no JavaScript needed), and the browser filters the same list as one types.
export const load: PageServerLoad = async ({ url, locals }) => {
	return {
		// Texts in the visitor's language and Dutch: the filter matches on both (lib/catalogue.ts).
		catalogue: keepLocale(await processes.listCatalogue(), locals.locale),
		filter: parseCatalogueFilter(url.searchParams)
	};
};

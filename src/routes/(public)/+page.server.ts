import { parseCatalogueFilter } from '$lib/catalogue';
import * as processes from '$lib/server/processes/service';
import type { PageServerLoad } from './$types';

// The whole catalogue goes to the page, with the filter from the GET form: the server renders
// the filtered list (no JavaScript needed), and the browser filters the same list as one types.
export const load: PageServerLoad = async ({ url }) => {
	return {
		catalogue: await processes.listCatalogue(),
		filter: parseCatalogueFilter(url.searchParams)
	};
};

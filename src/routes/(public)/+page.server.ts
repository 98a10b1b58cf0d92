import * as processes from '$lib/server/processes/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	return { catalogue: await processes.listCatalogue() };
};

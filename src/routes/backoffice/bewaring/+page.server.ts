import { canAdminister } from '$lib/server/auth/policies';
import { requireAllowed } from '$lib/server/web/guards';
import * as retention from '$lib/server/retention/service';
import type { PageServerLoad } from './$types';

/**
 * Admins only: what the daily retention run will destroy or archive in the coming days, what it
 * did (runs and their dossiers), and the dossiers on legal hold.
 */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return await retention.getPageView();
};

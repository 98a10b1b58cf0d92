import { canHandleDossiers } from '$lib/server/auth/policies';
import { requireAllowed } from '$lib/server/web/guards';
import * as overview from '$lib/server/overview/service';
import type { PageServerLoad } from './$types';

/** The team leads' overview: inflow, open, waiting, overdue and handling times per process. */
export const load: PageServerLoad = async (event) => {
	const user = requireAllowed(event, canHandleDossiers);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return { overview: await overview.getOverviewFor(user.id, event.url.searchParams) };
};

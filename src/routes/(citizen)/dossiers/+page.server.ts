import { requireUser } from '$lib/server/web/guards';
import * as views from '$lib/server/dossiers/views';
import type { PageServerLoad } from './$types';

/** "Mijn dossiers": only the signed-in person's own dossiers. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return { dossiers: await views.listForOwner(user.id) };
};

import { canAdminister } from '$lib/server/auth/policies';
import { requireAllowed } from '$lib/server/web/guards';
import * as accessLog from '$lib/server/access-log/service';
import type { PageServerLoad } from './$types';

/**
 * Admins only: finds the dossiers of a data-protection request (one dossier, or a citizen's by
 * e-mail) and offers their access log as a download. Finding them is not yet a look at them.
 */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const subject = accessLog.parseSubject(event.url.searchParams);
	return { subject, found: subject ? await accessLog.findSubject(subject) : null };
};

import { requireRole } from '$lib/server/auth/guards';
import * as backoffice from '$lib/server/backoffice/service';
import type { PageServerLoad } from './$types';

/** The back-office start page: who is signed in, and the dossiers that came in most recently. */
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'staff', 'clerk', 'admin');
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		user: { name: user.name, email: user.email, roles: user.roles },
		dossiers: await backoffice.listRecentDossiers()
	};
};

import { requireUser } from '$lib/server/web/guards';
import { actingFor } from '$lib/server/web/sign-in-level';
import * as views from '$lib/server/dossiers/views';
import type { PageServerLoad } from './$types';

/**
 * "Mijn dossiers": the signed-in person's own dossiers and, signed in for an enterprise, that
 * enterprise's (whoever of it filed them), apart. A dossier filed for an enterprise is never in
 * the person's own list: it is the enterprise's, seen by who signs in for it.
 */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const enterprise = actingFor(event.locals);
	const [dossiers, enterpriseDossiers] = await Promise.all([
		views.listForOwner(user.id),
		enterprise ? views.listForEnterprise(enterprise.number) : null
	]);
	return {
		dossiers,
		enterprise: enterprise ? { name: enterprise.name, dossiers: enterpriseDossiers ?? [] } : null
	};
};

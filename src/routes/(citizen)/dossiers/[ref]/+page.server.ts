import { requireUser } from '$lib/server/web/guards';
import * as views from '$lib/server/dossiers/views';
import { citizenScope } from '$lib/server/web/sign-in-level';
import {
	loadCitizenDossier,
	refuseNotFound,
	replyAction,
	withdrawAction
} from '$lib/server/web/citizen-dossier-page';
import * as push from '$lib/server/push/service';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * The owner's dossier; anyone else's is "not found", whether it exists or not. One who acted for an
 * enterprise, not signed in for it now, is told to sign in for it (403).
 */
async function findOwn(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const user = requireUser(event);
	const scope = citizenScope(event.locals, user);
	const dossier = await views.findForCitizen(event.params.ref, scope);
	if (!dossier) return refuseNotFound(event, scope);
	return { user, dossier };
}

export const load: PageServerLoad = async (event) => {
	const { dossier } = await findOwn(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		dossier: await loadCitizenDossier(dossier, event.locals.locale),
		guest: false,
		pushKey: await push.getPublicKey()
	};
};

export const actions: Actions = {
	reply: async (event) => {
		const { user, dossier } = await findOwn(event);
		return replyAction(event, dossier, { kind: 'citizen', userId: user.id });
	},
	withdraw: async (event) => {
		const { user, dossier } = await findOwn(event);
		return withdrawAction(event, dossier, { kind: 'citizen', userId: user.id });
	}
};

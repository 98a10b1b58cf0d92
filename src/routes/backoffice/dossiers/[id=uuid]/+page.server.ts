import { error } from '@sveltejs/kit';
import { requireAllowed } from '$lib/server/web/guards';
import { canHandleDossiers, canTakeDossiers } from '$lib/server/auth/policies';
import {
	assignAction,
	handOverAction,
	loadStaffDossier,
	messageAction,
	staffDossierForms,
	transitionAction
} from '$lib/server/web/staff-dossier-page';
import * as views from '$lib/server/dossiers/views';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * Staff (and admins) handle the dossiers of their departments; clerks configure processes and do
 * not see them. Another department's dossier is not found.
 */
async function findDossier(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const user = requireAllowed(event, canHandleDossiers);
	const dossier = await views.findForStaff(event.params.id, user);
	if (!dossier) error(404, 'Not found');
	return { user, dossier };
}

export const load: PageServerLoad = async (event) => {
	const { user, dossier } = await findDossier(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const all = event.url.searchParams.get('inzage') === 'alle';
	const view = await loadStaffDossier(dossier, user, event.locals.locale, { allLooks: all });
	return {
		dossier: view,
		forms: await staffDossierForms(view.actions),
		canTake: canTakeDossiers(user)
	};
};

export const actions: Actions = {
	transition: async (event) => {
		const { user, dossier } = await findDossier(event);
		return transitionAction(event, dossier, user);
	},
	assign: async (event) => {
		const { user, dossier } = await findDossier(event);
		return assignAction(event, dossier, user);
	},
	message: async (event) => {
		const { user, dossier } = await findDossier(event);
		return messageAction(event, dossier, user);
	},
	handOver: async (event) => {
		const { user, dossier } = await findDossier(event);
		return handOverAction(event, dossier, user);
	}
};

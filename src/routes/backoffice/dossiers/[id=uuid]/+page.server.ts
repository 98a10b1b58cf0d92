import { canTakeDossiers } from '$lib/server/auth/policies';
import {
	assignAction,
	findStaffDossier,
	handOverAction,
	loadStaffDossier,
	messageAction,
	staffDossierForms,
	transitionAction
} from '$lib/server/web/staff-dossier-page';
import type { Actions, PageServerLoad } from './$types';

/**
 * Staff (and admins) handle the dossiers of their departments; clerks configure processes and do
 * not see them. Another department's dossier is not found.
 */
export const load: PageServerLoad = async (event) => {
	const { user, dossier } = await findStaffDossier(event);
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
		const { user, dossier } = await findStaffDossier(event);
		return transitionAction(event, dossier, user);
	},
	assign: async (event) => {
		const { user, dossier } = await findStaffDossier(event);
		return assignAction(event, dossier, user);
	},
	message: async (event) => {
		const { user, dossier } = await findStaffDossier(event);
		return messageAction(event, dossier, user);
	},
	handOver: async (event) => {
		const { user, dossier } = await findStaffDossier(event);
		return handOverAction(event, dossier, user);
	}
};

import { error } from '@sveltejs/kit';
import * as views from '$lib/server/dossiers/views';
import {
	loadCitizenDossier,
	replyAction,
	withdrawAction
} from '$lib/server/web/citizen-dossier-page';
import * as push from '$lib/server/push/service';
import type { Actions, PageServerLoad } from './$types';

const guest = { kind: 'citizen', userId: null } as const;

async function findTracked(token: string) {
	const dossier = await views.findForGuest(token);
	if (!dossier) error(404, 'Not found');
	return dossier;
}

/** A guest's private tracking link: the same page as the owner's, for whoever holds the link. */
export const load: PageServerLoad = async ({ params, setHeaders, locals }) => {
	const dossier = await findTracked(params.token);
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	return {
		dossier: await loadCitizenDossier(dossier, locals.locale),
		guest: true,
		pushKey: await push.getPublicKey()
	};
};

export const actions: Actions = {
	reply: async (event) => replyAction(event, await findTracked(event.params.token), guest),
	withdraw: async (event) => withdrawAction(event, await findTracked(event.params.token), guest)
};

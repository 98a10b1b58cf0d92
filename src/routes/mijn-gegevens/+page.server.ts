import { requireUser } from '$lib/server/web/guards';
import * as myData from '$lib/server/users/my-data';
import { getProviders } from '$lib/server/oidc/providers';
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** "Mijn gegevens": what Loket holds about the signed-in person, only ever their own. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const data = await myData.collect(user, event.locals.locale);
	// A session of an account deleted a moment ago: nothing is held any more.
	if (!data) redirect(303, '/mijn-account/afgesloten');
	return {
		mine: myData.toView(data, getProviders(), event.locals.session?.id ?? null)
	};
};

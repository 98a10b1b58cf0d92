import { requireAllowed } from '$lib/server/web/guards';
import { canAdminister } from '$lib/server/auth/policies';
import * as admin from '$lib/server/users/admin';
import type { PageServerLoad } from './$types';

/** The admin's list of accounts: searched with ?q=, 50 a page with ?page= (offset pagination). */
export const load: PageServerLoad = async (event) => {
	const user = requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const page = Number.parseInt(event.url.searchParams.get('page') ?? '1', 10);
	const list = await admin.listUsers(user, { q: event.url.searchParams.get('q'), page });
	return { list, selfId: user.id };
};

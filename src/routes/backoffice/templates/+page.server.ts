import { requireAllowed } from '$lib/server/web/guards';
import { canManageReplyTemplates } from '$lib/server/auth/policies';
import * as templates from '$lib/server/replies/service';
import type { PageServerLoad } from './$types';

/** Clerks and admins: every standard reply, by process. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canManageReplyTemplates);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const [list, processes] = await Promise.all([
		templates.listTemplates(),
		templates.listProcessOptions()
	]);
	return {
		templates: list,
		processes,
		notice: event.url.searchParams.has('deleted')
			? ('deleted' as const)
			: event.url.searchParams.has('saved')
				? ('saved' as const)
				: null
	};
};

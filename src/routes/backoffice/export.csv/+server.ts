import { requireAllowed } from '$lib/server/web/guards';
import { canHandleDossiers } from '$lib/server/auth/policies';
import * as inbox from '$lib/server/inbox/service';
import type { RequestHandler } from './$types';

/** The filtered inbox as a CSV download (same query string as /backoffice), streamed. */
export const GET: RequestHandler = (event) => {
	const user = requireAllowed(event, canHandleDossiers);
	const day = new Date().toISOString().slice(0, 10);
	return new Response(inbox.exportCsv(user.id, event.url.searchParams, event.locals.locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="dossiers-${day}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};

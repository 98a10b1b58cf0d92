import { localize } from '$lib/i18n';
import { canHandleDossiers } from '$lib/server/auth/policies';
import { requireAllowed } from '$lib/server/web/guards';
import * as overview from '$lib/server/overview/service';
import type { RequestHandler } from './$types';

/** The overview's figures as CSV, for the same period and process as the page. */
export const GET: RequestHandler = async (event) => {
	const user = requireAllowed(event, canHandleDossiers);
	const o = await overview.getOverviewFor(user.id, event.url.searchParams);
	const csv = overview.overviewCsv(o, (t, id) => (t ? localize(t, event.locals.locale) : id));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="overzicht-${o.from}-${o.to}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};

import { requireAllowed } from '$lib/server/web/guards';
import { canHandleDossiers } from '$lib/server/auth/policies';
import * as inbox from '$lib/server/inbox/service';
import type { RequestEvent, RequestHandler } from './$types';

function csv(event: RequestEvent, params: URLSearchParams) {
	const user = requireAllowed(event, canHandleDossiers);
	const day = new Date().toISOString().slice(0, 10);
	return new Response(inbox.exportCsv(user, params, event.locals.locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="dossiers-${day}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
}

/** The filtered inbox as a CSV download (same query string as /backoffice), streamed. */
export const GET: RequestHandler = (event) => csv(event, event.url.searchParams);

/**
 * The dossiers chosen in the inbox's table (posted by its bulk form: `dossier` = `id:version`,
 * `query` = the inbox's filter), as the same CSV.
 */
export const POST: RequestHandler = async (event) => {
	requireAllowed(event, canHandleDossiers);
	const form = await event.request.formData();
	const params = new URLSearchParams(String(form.get('query') ?? ''));
	params.delete('id');
	for (const value of form.getAll('dossier')) params.append('id', String(value).split(':')[0]);
	if (!params.has('id')) params.append('id', '');
	return csv(event, params);
};

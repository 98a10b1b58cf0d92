import { error } from '@sveltejs/kit';
import { canAdminister } from '$lib/server/auth/policies';
import { requireAllowed } from '$lib/server/web/guards';
import * as accessLog from '$lib/server/access-log/service';
import type { RequestHandler } from './$types';

/**
 * Admins only: the access log of one dossier (`?dossier=<reference or id>`) or of all dossiers of a
 * citizen (`?email=`), as CSV for a data-protection request. The export is itself on record.
 */
export const GET: RequestHandler = async (event) => {
	const user = requireAllowed(event, canAdminister);
	const subject = accessLog.parseSubject(event.url.searchParams);
	if (!subject) error(400, 'Name a dossier or an e-mail address');
	const result = await accessLog.exportForSubject(user, subject, event.locals.locale);
	if (!result.ok) error(result.reason === 'not-found' ? 404 : 400, 'Not found');
	const day = new Date().toISOString().slice(0, 10);
	return new Response(result.csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="inzage-${day}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};

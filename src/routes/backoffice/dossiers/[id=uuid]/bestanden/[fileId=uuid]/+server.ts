import { error } from '@sveltejs/kit';
import { requireAllowed } from '$lib/server/web/guards';
import { canHandleDossiers } from '$lib/server/auth/policies';
import * as views from '$lib/server/dossiers/views';
import { fileResponse } from '$lib/server/files/response';
import type { RequestHandler } from './$types';

/**
 * A file of a dossier, for staff of a department that handles it, as a download. The browser says
 * when it loads the file as an image (a photo's preview on the dossier page): the access log
 * records that as seen on the page rather than downloaded.
 */
export const GET: RequestHandler = async (event) => {
	const user = requireAllowed(event, canHandleDossiers);
	const dossier = await views.findForStaff(event.params.id, user);
	const preview = event.request.headers.get('sec-fetch-dest') === 'image';
	const file = dossier
		? await views.openFile(dossier, event.params.fileId, { kind: 'staff', user, preview })
		: null;
	if (!file) error(404, 'Not found');
	return fileResponse(file);
};

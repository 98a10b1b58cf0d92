import { error } from '@sveltejs/kit';
import * as views from '$lib/server/dossiers/views';
import { fileResponse } from '$lib/server/files/response';
import type { RequestHandler } from './$types';

/** A file of the dossier this tracking link leads to, as a download. */
export const GET: RequestHandler = async ({ params }) => {
	const dossier = await views.findForGuest(params.token);
	const file = dossier ? await views.openFile(dossier, params.fileId, { kind: 'citizen' }) : null;
	if (!file) error(404, 'Not found');
	return fileResponse(file);
};

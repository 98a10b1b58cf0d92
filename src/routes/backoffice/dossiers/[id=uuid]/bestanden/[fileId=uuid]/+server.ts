import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/web/guards';
import * as views from '$lib/server/dossiers/views';
import { fileResponse } from '$lib/server/files/response';
import type { RequestHandler } from './$types';

/** A file of a dossier, for staff, as a download. */
export const GET: RequestHandler = async (event) => {
	requireRole(event, 'staff', 'admin');
	const dossier = await views.findById(event.params.id);
	const file = dossier ? await views.openFile(dossier, event.params.fileId) : null;
	if (!file) error(404, 'Not found');
	return fileResponse(file);
};

import { error } from '@sveltejs/kit';
import { requireAllowed } from '$lib/server/web/guards';
import { canHandleDossiers } from '$lib/server/auth/policies';
import * as views from '$lib/server/dossiers/views';
import * as documents from '$lib/server/documents/service';
import { fileResponse } from '$lib/server/files/response';
import type { RequestHandler } from './$types';

/** A document issued for a dossier, for staff of a department that handles it, as a download. */
export const GET: RequestHandler = async (event) => {
	const user = requireAllowed(event, canHandleDossiers);
	const dossier = await views.findForStaff(event.params.id, user);
	const file = dossier
		? await documents.openDocument(dossier, event.params.documentId, {
				kind: 'staff',
				user
			})
		: null;
	if (!file) error(404, 'Not found');
	return fileResponse(file);
};

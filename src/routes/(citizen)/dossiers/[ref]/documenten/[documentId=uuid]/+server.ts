import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/web/guards';
import * as views from '$lib/server/dossiers/views';
import { citizenScope } from '$lib/server/web/sign-in-level';
import * as documents from '$lib/server/documents/service';
import { fileResponse } from '$lib/server/files/response';
import type { RequestHandler } from './$types';

/** A document the municipality issued for the owner's dossier, as a download. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const dossier = await views.findForCitizen(event.params.ref, citizenScope(event.locals, user));
	const file = dossier
		? await documents.openDocument(dossier, event.params.documentId, { kind: 'citizen' })
		: null;
	if (!file) error(404, 'Not found');
	return fileResponse(file);
};

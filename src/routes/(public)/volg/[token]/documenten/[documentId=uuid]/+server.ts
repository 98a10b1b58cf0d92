import { error } from '@sveltejs/kit';
import * as views from '$lib/server/dossiers/views';
import * as documents from '$lib/server/documents/service';
import { fileResponse } from '$lib/server/files/response';
import type { RequestHandler } from './$types';

/** A document the municipality issued for the dossier this tracking link leads to. */
export const GET: RequestHandler = async ({ params }) => {
	const dossier = await views.findForGuest(params.token);
	const file = dossier
		? await documents.openDocument(dossier, params.documentId, { kind: 'citizen' })
		: null;
	if (!file) error(404, 'Not found');
	return fileResponse(file);
};

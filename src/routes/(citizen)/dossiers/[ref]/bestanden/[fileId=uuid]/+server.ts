import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/web/guards';
import * as views from '$lib/server/dossiers/views';
import { citizenScope } from '$lib/server/web/sign-in-level';
import { fileResponse } from '$lib/server/files/response';
import type { RequestHandler } from './$types';

/** A file of the owner's dossier, as a download; for anyone else it does not exist. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const dossier = await views.findForCitizen(event.params.ref, citizenScope(event.locals, user));
	const file = dossier
		? await views.openFile(dossier, event.params.fileId, { kind: 'citizen' })
		: null;
	if (!file) error(404, 'Not found');
	return fileResponse(file);
};

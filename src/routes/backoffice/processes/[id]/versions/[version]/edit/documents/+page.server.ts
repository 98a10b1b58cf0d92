import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import { describeDocumentEditor } from '$lib/server/processes/editor-form';
import { editAction } from '../editing';
import type { Actions, PageServerLoad } from './$types';

/** The documents the process issues: their kind, texts and the transitions that issue them. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	const { draft } = await event.parent();
	return { editor: describeDocumentEditor(draft.definition) };
};

export const actions: Actions = {
	addDocument: editAction('add-document'),
	setDocument: editAction('set-document'),
	// The confirmation is asked in the address (?verwijderen=…): after the removal the page opens
	// without it, so the next template does not ask to be removed.
	removeDocument: editAction(
		'remove-document',
		(event, subject) =>
			`/backoffice/processes/${event.params.id}/versions/${event.params.version}/edit/documents?verwijderd=${encodeURIComponent(subject)}`
	)
};

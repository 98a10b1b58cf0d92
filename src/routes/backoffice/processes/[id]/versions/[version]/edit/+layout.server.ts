import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as editor from '$lib/server/processes/editor';
import type { LayoutServerLoad } from './$types';

/**
 * The draft being edited, for every editor page. `versions/new/edit` opens the process's draft
 * (copying its newest version when there is none) and goes to it.
 */
export const load: LayoutServerLoad = async (event) => {
	const user = requireAllowed(event, canConfigureProcesses);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const { id } = event.params;
	const version = editor.parseVersion(event.params.version);
	if (version === 'new') {
		const opened = await editor.openEditor(id, user.id);
		if (opened === null) error(404, m.editorNotADraft());
		redirect(303, `/backoffice/processes/${id}/versions/${opened}/edit`);
	}
	const draft = version === null ? null : await editor.findEditable(id, version);
	if (!draft || draft.status !== 'draft') error(404, m.editorNotADraft());
	const { definition, revision, problems } = draft;
	return { draft: { id, version: draft.version, definition, revision, problems } };
};

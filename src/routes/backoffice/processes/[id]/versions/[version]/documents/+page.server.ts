import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as editor from '$lib/server/processes/editor';
import { describeDocumentEditor } from '$lib/server/processes/editor-form';
import { parseVersion } from '$lib/server/processes/lifecycle-form';
import type { PageServerLoad } from './$types';

/** The document templates of any version, read-only (a draft's are changed in the editor). */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const version = parseVersion(event.params.version);
	const found = version === null ? null : await editor.findEditable(event.params.id, version);
	if (!found) error(404, m.procNotFound());
	const { documents, transitions } = describeDocumentEditor(found.definition);
	return {
		process: { id: found.processId, version: found.version, status: found.status },
		title: found.definition.title,
		documents,
		transitions
	};
};

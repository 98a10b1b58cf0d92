import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import { describeRetentionEditor } from '$lib/server/processes/editor-form';
import { editAction } from '../editing';
import type { Actions, PageServerLoad } from './$types';

/** How long a closed dossier is kept per outcome, and whether it is then destroyed or archived. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	const { draft } = await event.parent();
	return { editor: describeRetentionEditor(draft.definition) };
};

export const actions: Actions = {
	addRetention: editAction('add-retention'),
	setRetention: editAction('set-retention'),
	removeRetention: editAction('remove-retention')
};

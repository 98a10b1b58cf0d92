import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import { describeConditionBuilder, describeFieldEditor } from '$lib/server/processes/editor-form';
import { editAction } from '../../editing';
import type { Actions, PageServerLoad } from './$types';

/** One field: its properties (any kind), its options and its condition. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	const { draft } = await event.parent();
	const field = describeFieldEditor(draft.definition, event.params.key);
	if (!field) error(404, m.editorRefusedNotFound());
	return { field, condition: describeConditionBuilder(draft.definition, event.params.key) };
};

export const actions: Actions = {
	setField: editAction('set-field'),
	renameField: editAction(
		'rename-field',
		(e, key) => `${e.url.pathname.replace(/[^/]+$/, '')}${key}`
	),
	addOption: editAction('add-option'),
	setOption: editAction('set-option'),
	moveOption: editAction('move-option'),
	removeOption: editAction('remove-option'),
	setCondition: editAction('set-condition')
};

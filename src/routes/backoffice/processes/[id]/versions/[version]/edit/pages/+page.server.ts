import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import { describeConditionBuilder } from '$lib/server/processes/editor-form';
import { toDraft } from '$lib/process/edit';
import { fieldTypes } from '$lib/process/fields';
import { pageControls } from '$lib/process/properties';
import { editAction } from '../editing';
import type { Actions, PageServerLoad } from './$types';

/** The pages of the form with their fields: add, rename, move and remove them. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	const { draft } = await event.parent();
	const pages = toDraft(draft.definition).pages;
	return {
		pageControls,
		fieldTypes,
		conditions: pages.map((_, page) => describeConditionBuilder(draft.definition, { page }))
	};
};

export const actions: Actions = {
	addPage: editAction('add-page'),
	setPage: editAction('set-page'),
	setPageCondition: editAction('set-page-condition'),
	movePage: editAction('move-page'),
	removePage: editAction('remove-page'),
	addField: editAction('add-field'),
	moveField: editAction('move-field'),
	removeField: editAction('remove-field')
};

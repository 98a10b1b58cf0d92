import { requireRole } from '$lib/server/auth/guards';
import { fieldTypes } from '$lib/process/fields';
import { pageControls } from '$lib/process/properties';
import { editAction } from '../editing';
import type { Actions, PageServerLoad } from './$types';

/** The pages of the form with their fields: add, rename, move and remove them. */
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'clerk', 'admin');
	await event.parent();
	return { pageControls, fieldTypes };
};

export const actions: Actions = {
	addPage: editAction('add-page'),
	setPage: editAction('set-page'),
	movePage: editAction('move-page'),
	removePage: editAction('remove-page'),
	addField: editAction('add-field'),
	moveField: editAction('move-field'),
	removeField: editAction('remove-field')
};

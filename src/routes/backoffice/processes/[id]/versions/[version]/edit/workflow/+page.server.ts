import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import { toDraft } from '$lib/process/edit';
import { describeTransitionControls, stateControls } from '$lib/process/properties';
import { editAction } from '../editing';
import type { Actions, PageServerLoad } from './$types';

/** The workflow: its states, the initial state and the transitions between them. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	const { draft } = await event.parent();
	const ids = toDraft(draft.definition).workflow.states.map((s) => s.id);
	return { stateControls, transitionControls: describeTransitionControls(ids) };
};

export const actions: Actions = {
	addState: editAction('add-state'),
	setState: editAction('set-state'),
	removeState: editAction('remove-state'),
	setInitial: editAction('set-initial'),
	addTransition: editAction('add-transition'),
	setTransition: editAction('set-transition'),
	removeTransition: editAction('remove-transition')
};

import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as editor from '$lib/server/processes/editor';
import { generalControls, requirementControls } from '$lib/process/properties';
import { describeFeeEditor } from '$lib/server/processes/editor-form';
import { conflictMessage, draftVersion, editAction } from './editing';
import type { Actions, PageServerLoad } from './$types';

/** The draft's texts and settings, all its problems, publishing and discarding. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	const { draft } = await event.parent();
	return { generalControls, requirementControls, fee: describeFeeEditor(draft.definition) };
};

async function lifecycle(event: Parameters<Actions[string]>[0], kind: 'publish' | 'discard') {
	const user = requireAllowed(event, canConfigureProcesses);
	const version = draftVersion(event);
	const form = await event.request.formData();
	const revision = Number(form.get('revision'));
	const input = { processId: event.params.id, version, revision, actorId: user.id };
	const result = await (kind === 'publish' ? editor.publish(input) : editor.discard(input));
	if (result.ok)
		redirect(
			303,
			`/backoffice/processes/${event.params.id}?${kind === 'publish' ? 'published' : 'discarded'}=${version}`
		);
	if (result.reason === 'problems')
		return fail(400, { at: String(form.get('at') ?? ''), refusal: m.editorPublishRefused() });
	if (result.reason === 'conflict')
		return fail(409, { conflict: conflictMessage(result, event.locals.locale) });
	error(404, m.editorNotADraft());
}

export const actions: Actions = {
	setGeneral: editAction('set-general'),
	setFeeOptions: editAction('set-fee-options'),
	addRequirement: editAction('add-requirement'),
	setRequirement: editAction('set-requirement'),
	removeRequirement: editAction('remove-requirement'),
	publish: (event) => lifecycle(event, 'publish'),
	discard: (event) => lifecycle(event, 'discard')
};

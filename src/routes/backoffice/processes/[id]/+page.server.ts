import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { refuse, postedForm } from '$lib/server/web/forms';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as lifecycle from '$lib/server/processes/lifecycle';
import * as forms from '$lib/server/processes/lifecycle-form';
import * as draftVersions from '$lib/server/processes/draft-versions';
import type { Actions, PageServerLoad } from './$types';

// The copy form is a superform; the other actions are buttons (discarding posts the version and
// revision it is about in hidden fields, read by its schema, and answers with a sentence).
const duplicate = { id: 'duplicate' };

/** One process: its versions, its draft, copying, retiring, comparing and its change log. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const [process, events] = await Promise.all([
		lifecycle.findProcess(event.params.id),
		lifecycle.listEvents(event.params.id)
	]);
	if (!process) error(404, m.procNotFound());
	const q = event.url.searchParams;
	const notice = (
		['created', 'imported', 'published', 'retired', 'reopened', 'discarded'] as const
	).find((n) => q.has(n));
	return {
		process,
		events,
		notice,
		duplicateForm: await superValidate(zod4(forms.duplicateSchema), duplicate),
		importedVersion: forms.parseVersion(q.get('imported')),
		publishedVersion: forms.parseVersion(q.get('published'))
	};
};

const back = (id: string, notice: string) => `/backoffice/processes/${id}?${notice}`;

export const actions: Actions = {
	openDraft: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const opened = await draftVersions.openDraft(event.params.id, user.id);
		if (!opened) error(404, m.procNotFound());
		redirect(303, `/backoffice/processes/${event.params.id}/versions/${opened.version}/edit`);
	},
	discardDraft: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const form = await superValidate(
			await postedForm(event.request),
			zod4(forms.discardDraftSchema)
		);
		if (!form.valid) return fail(400, { discard: m.procErrorNoDraft() });
		const result = await draftVersions.discardDraft({
			processId: event.params.id,
			...form.data,
			actorId: user.id
		});
		if (result.ok) redirect(303, back(event.params.id, 'discarded'));
		return fail(409, {
			discard: result.reason === 'conflict' ? m.procErrorConflict() : m.procErrorNoDraft()
		});
	},
	duplicate: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const form = await superValidate(
			await postedForm(event.request),
			zod4(forms.duplicateSchema),
			duplicate
		);
		if (!form.valid) return fail(400, { form });
		const { newId, version } = form.data;
		const result = await lifecycle.duplicateProcess(event.params.id, version, newId, user.id);
		if (result.ok) redirect(303, back(result.id, 'created'));
		return refuse(form, forms.newProcessErrors(result.refusal, 'newId'));
	},
	retire: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const result = await lifecycle.retireProcess(event.params.id, user.id);
		if (!result.ok && result.reason === 'not-found') error(404, m.procNotFound());
		redirect(303, back(event.params.id, 'retired'));
	},
	reopen: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const result = await lifecycle.reopenProcess(event.params.id, user.id);
		if (!result.ok && result.reason === 'not-found') error(404, m.procNotFound());
		redirect(303, back(event.params.id, 'reopened'));
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { readText } from '$lib/server/auth/form';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as lifecycle from '$lib/server/processes/lifecycle';
import * as forms from '$lib/server/processes/lifecycle-form';
import * as draftVersions from '$lib/server/processes/draft-versions';
import type { Actions, PageServerLoad } from './$types';

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
		const data = await event.request.formData();
		const [version, revision] = [data.get('version'), data.get('revision')].map(forms.parseVersion);
		if (version === null || revision === null) return fail(400, { discard: m.procErrorNoDraft() });
		const result = await draftVersions.discardDraft({
			processId: event.params.id,
			version,
			revision,
			actorId: user.id
		});
		if (result.ok) redirect(303, back(event.params.id, 'discarded'));
		return fail(409, {
			discard: result.reason === 'conflict' ? m.procErrorConflict() : m.procErrorNoDraft()
		});
	},
	duplicate: async (event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const data = await event.request.formData();
		const newId = readText(data, 'newId');
		const version = forms.parseVersion(data.get('version'));
		const result = version
			? await lifecycle.duplicateProcess(event.params.id, version, newId, user.id)
			: ({ ok: false, refusal: { from: 'unknown' } } as const);
		if (result.ok) redirect(303, back(result.id, 'created'));
		return fail(400, {
			duplicate: { newId, errors: forms.newProcessErrors(result.refusal, 'newId') }
		});
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

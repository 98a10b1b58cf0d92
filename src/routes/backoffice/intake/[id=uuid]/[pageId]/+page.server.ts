import type { RequestEvent } from '@sveltejs/kit';
import { getFileStorage } from '$lib/server/files';
import { serverAnswerOptions } from '$lib/server/filing/options';
import * as intakes from '$lib/server/intake/service';
import { loadFormPage, postFormPage } from '$lib/server/web/form-runner';
import { openOpenIntake } from '$lib/server/web/intake';
import type { Actions, PageServerLoad } from './$types';

/** The staff member's intake as the runner's answer store (checked on every load and post). */
async function openStore(event: RequestEvent<{ id: string; pageId: string }>) {
	const { intake } = await openOpenIntake(event);
	const opts = serverAnswerOptions(event.locals.locale);
	return { intake, opts, store: intakes.answerStore(intake, { storage: getFileStorage(), opts }) };
}

export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const { intake, opts, store } = await openStore(event);
	const page = await loadFormPage(store, event.params.pageId, { url: event.url, opts });
	const { id, title, pages, leadTimes } = intake.definition;
	return {
		...page,
		definition: { id, title, pages, leadTimes },
		intake: {
			id: intake.draft.id,
			channel: intake.channel,
			applicantName: intake.applicantName
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { opts, store } = await openStore(event);
		return postFormPage(store, event.params.pageId, { url: event.url, opts, body: event.request });
	}
};

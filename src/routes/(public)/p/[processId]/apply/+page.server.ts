import { error, redirect } from '@sveltejs/kit';
import { serverAnswerOptions } from '$lib/server/filing/options';
import * as drafts from '$lib/server/drafts/service';
import { readDraftToken, writeDraftToken } from '$lib/server/filing/cookies';
import { findStartStep } from '$lib/server/filing/service';
import * as processes from '$lib/server/processes/service';
import type { PageServerLoad } from './$types';

/** Starts or resumes the citizen's draft and sends them to the first page still to fill in. */
export const load: PageServerLoad = async ({ params, cookies, locals }) => {
	const product = await processes.findProduct(params.processId);
	if (!product) error(404, 'Not found');
	// Accounts arrive with the accounts issue; until then a process that needs a login says so.
	if (product.definition.auth === 'required') return { title: product.definition.title };
	const opened = await drafts.openDraft({
		processId: params.processId,
		token: readDraftToken(cookies, params.processId),
		ownerId: null,
		language: locals.locale
	});
	if (!opened) error(404, 'Not found');
	writeDraftToken(cookies, params.processId, opened.token);
	const step = findStartStep(
		opened.view.definition,
		opened.view.answers,
		serverAnswerOptions(locals.locale)
	);
	redirect(303, `/p/${params.processId}/apply/${step}`);
};

import { error, redirect } from '@sveltejs/kit';
import * as drafts from '$lib/server/drafts/service';
import { readDraftToken, writeDraftToken } from '$lib/server/web/draft-cookie';
import { signInFirst } from '$lib/server/web/sign-in-level';
import { serverAnswerOptions } from '$lib/server/filing/options';
import { findStartStep } from '$lib/server/filing/service';
import * as processes from '$lib/server/processes/service';
import type { RequestHandler } from './$types';

/** Starts or resumes the citizen's draft and sends them to the first page still to fill in. */
export const GET: RequestHandler = async ({ params, cookies, locals, url }) => {
	const product = await processes.findProduct(params.processId);
	if (!product) error(404, 'Not found');
	const signIn = signInFirst(locals, product.definition, url.pathname);
	if (signIn) redirect(303, signIn);
	const opened = await drafts.openDraft({
		processId: params.processId,
		token: readDraftToken(cookies, params.processId),
		ownerId: locals.user?.id ?? null,
		account: locals.user,
		identity: locals.session?.identity,
		language: locals.locale
	});
	if (!opened) error(404, 'Not found');
	writeDraftToken(cookies, params.processId, opened.token);
	const step = findStartStep(
		opened.view.definition,
		opened.view.answers,
		serverAnswerOptions(locals.locale)
	);
	redirect(303, `/p/${params.processId}/aanvragen/${step}`);
};

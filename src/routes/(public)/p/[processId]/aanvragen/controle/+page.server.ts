import { error, fail, redirect } from '@sveltejs/kit';
import { displayWords } from '$lib/i18n/answers';
import { serverAnswerOptions } from '$lib/server/filing/options';
import { m } from '$lib/i18n';
import { findLeadTimes, summarizeAnswers } from '$lib/process/answers';
import { findFeeToPay } from '$lib/process/fees';
import * as dossiers from '$lib/server/dossiers/service';
import { findRequestDraft } from '$lib/server/web/filing-request';
import { signedInNow, signInFirst, signInPath } from '$lib/server/web/sign-in-level';
import * as filing from '$lib/server/filing/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { params, locals } = event;
	const view = (await findRequestDraft(event))?.view;
	if (!view) redirect(303, `/p/${params.processId}/aanvragen`);
	if (view.draft.dossierId) redirect(303, `/p/${params.processId}/aanvragen/ontvangen`);
	const signIn = signInFirst(locals, view.definition, event.url.pathname);
	if (signIn) redirect(303, signIn);
	const opts = serverAnswerOptions(locals.locale);
	const start = filing.findStartStep(view.definition, view.answers, opts);
	if (start !== filing.CHECK_PAGE) redirect(303, `/p/${params.processId}/aanvragen/${start}`);
	return {
		title: view.definition.title,
		sections: summarizeAnswers(view.definition, view.answers, locals.locale, displayWords()),
		warnings: findLeadTimes(view.definition, view.answers, opts).filter(
			(l) => l.severity === 'warning'
		),
		fee: findFeeToPay(view.definition.fee, view.answers),
		submissionId: view.draft.submissionId
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { params, locals, request } = event;
		const found = await findRequestDraft(event);
		if (!found) redirect(303, `/p/${params.processId}/aanvragen`);
		const { view, token } = found;
		const form = await request.formData();
		// The idempotency key the page carried must be this draft's: a stale tab cannot file twice.
		if (form.get('submissionId') !== view.draft.submissionId) error(409, m.staleForm());
		const result = await dossiers.submitDraft(view, {
			ownerId: locals.user?.id ?? null,
			opts: serverAnswerOptions(locals.locale),
			trackingToken: token,
			signedIn: signedInNow(locals)
		});
		if (!result.ok && 'needs' in result)
			redirect(303, signInPath(`/p/${params.processId}/aanvragen/controle`, result.needs));
		if (!result.ok) return fail(400, { issues: result.issues });
		redirect(303, `/p/${params.processId}/aanvragen/ontvangen`);
	}
};

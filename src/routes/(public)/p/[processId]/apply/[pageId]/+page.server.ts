import { error, fail, redirect, type Cookies } from '@sveltejs/kit';
import { message, setError, superValidate, withFiles } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { serverAnswerOptions } from '$lib/server/filing/options';
import { m } from '$lib/i18n';
import { listPageValues, readPage } from '$lib/process/answers';
import { toPageSchema } from '$lib/process/answers/schema';
import * as drafts from '$lib/server/drafts/service';
import { findRequestDraft } from '$lib/server/filing/request';
import * as filing from '$lib/server/filing/service';
import { getFileStorage } from '$lib/server/files';
import type { Actions, PageServerLoad } from './$types';

type PageEvent = {
	params: { processId: string; pageId: string };
	cookies: Cookies;
	locals: App.Locals;
};

/** The draft and the page this request is about, or a redirect to where the citizen should be. */
async function openPage(event: PageEvent) {
	const { params, locals } = event;
	const view = (await findRequestDraft(event))?.view;
	if (!view || view.draft.dossierId) redirect(303, `/p/${params.processId}/apply`);
	const opts = serverAnswerOptions(locals.locale);
	const at = filing.resolvePage(view.definition, params.pageId, view.answers, opts);
	if (at.kind === 'notFound') error(404, 'Not found');
	if (at.kind === 'redirect') redirect(303, `/p/${params.processId}/apply/${at.pageId}`);
	return { view, at, opts };
}

export const load: PageServerLoad = async ({ params, cookies, locals, url }) => {
	const { view, at, opts } = await openPage({ params, cookies, locals });
	const values = listPageValues(view.definition, at.pageIndex, view.answers);
	const fromCheck = url.searchParams.get('terug') === filing.CHECK_PAGE;
	const { id, title, pages, leadTimes, auth } = view.definition;
	return {
		// The same shape superforms gives after a post; a plain GET needs no validation.
		form: { data: values as Record<string, unknown>, errors: {}, message: undefined },
		definition: { id, title, pages, leadTimes, auth },
		version: view.draft.processVersion,
		pageIndex: at.pageIndex,
		position: at.position,
		total: at.total,
		answers: view.answers,
		today: opts.today,
		previous: fromCheck
			? filing.CHECK_PAGE
			: filing.findPreviousStep(view.definition, at.pageIndex, view.answers)
	};
};

export const actions: Actions = {
	default: async ({ params, cookies, locals, request, url }) => {
		const { view, at, opts } = await openPage({ params, cookies, locals });
		const adapter = zod4(toPageSchema(view.definition, at.pageIndex, view.answers, opts));
		let formData: FormData;
		try {
			formData = await request.formData();
		} catch {
			// Larger than BODY_SIZE_LIMIT: say so, rather than show an empty form (STACK.md pitfall 9).
			// Show what is saved (not an empty form): posting again must not drop stored files.
			const saved = listPageValues(view.definition, at.pageIndex, view.answers);
			const form = await superValidate(saved, adapter, { errors: false });
			return message(form, { type: 'error', text: m.uploadTooLarge() }, { status: 413 });
		}
		const unknown = filing.findUnknownNames(
			view.definition,
			at.pageIndex,
			view.answers,
			formData.keys()
		);
		if (unknown.length > 0) error(400, m.unknownFields({ names: unknown.join(', ') }));
		const form = await superValidate(formData, adapter);
		const empty = filing.findEmptyUploads(
			view.definition,
			at.pageIndex,
			view.answers,
			formData,
			opts
		);
		for (const issue of empty) setError(form, issue.name as never, issue.message);
		if (!form.valid || empty.length > 0) return fail(400, withFiles({ form }));
		const reading = readPage(view.definition, at.pageIndex, form.data, view.answers, opts);
		const saved = await drafts.savePage(view, reading, { storage: getFileStorage(), opts });
		if (!saved.ok) {
			for (const issue of saved.issues) setError(form, issue.name as never, issue.message);
			return fail(400, withFiles({ form }));
		}
		const next =
			url.searchParams.get('terug') === filing.CHECK_PAGE
				? filing.findStartStep(view.definition, saved.answers, opts)
				: filing.findNextStep(view.definition, at.pageIndex, saved.answers);
		redirect(303, `/p/${params.processId}/apply/${next}`);
	}
};

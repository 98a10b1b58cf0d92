// The form runner over HTTP: a form page's load and its POST for any answer store, so the filing
// route and the builder's preview are the same few lines. It adds to the pure runner
// ($lib/process/runner) only what HTTP needs: the form data, 303 redirects between steps, 400 with
// the page's errors, 400 for a tampered form, 413 for a post over the body limit, 404. Every page
// is a real POST, so the form works without JavaScript.
import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import type { AnswerMap, AnswerOptions } from '$lib/process/answers';
import {
	acceptPage,
	CHECK_PAGE,
	groupIssues,
	listSeenIssues,
	openPage,
	readPostedPage,
	type AnswerStore,
	type Arrival,
	type PageView
} from '$lib/process/runner';

/**
 * A page's form as the form components show it: values, errors per name, a notice (an error about
 * the whole post, or that an answer brought up a question).
 */
export type FormState = {
	data: Record<string, unknown>;
	errors: Record<string, string[]>;
	message?: { type: 'error' | 'added'; text: string };
};

export type FormPage = Omit<PageView, 'values'> & {
	form: FormState;
	answers: AnswerMap;
	today: string;
};

/** The request a form page serves: its URL, the answer options, the words for a page not found. */
type PageRequest = { url: URL; opts: AnswerOptions; notFound?: string };

function arrivalOf(url: URL): Arrival {
	return { fromCheck: url.searchParams.get('terug') === CHECK_PAGE };
}

/** The page to show, its answers and options; redirects to the page to fill in instead. */
async function open(store: AnswerStore, pageId: string, { url, opts, notFound }: PageRequest) {
	const answers = await store.load();
	const opened = openPage(store.form, pageId, answers, opts, arrivalOf(url));
	if (opened.kind === 'notFound') error(404, notFound ?? 'Not found');
	if (opened.kind === 'redirect') redirect(303, store.locate(opened.step));
	return { answers, view: opened.view };
}

/** A form page's data for its `load`. */
export async function loadFormPage(
	store: AnswerStore,
	pageId: string,
	request: PageRequest
): Promise<FormPage> {
	const { answers, view } = await open(store, pageId, request);
	const { values, ...where } = view;
	return {
		...where,
		// The same shape a refused post gives back; a plain GET needs no validation.
		form: { data: values, errors: {} },
		answers,
		today: request.opts.today
	};
}

/** A form page's POST: on to the next step (303), or the page again with why it was refused. */
export async function postFormPage(
	store: AnswerStore,
	pageId: string,
	request: PageRequest & { body: Request }
) {
	const { answers, view } = await open(store, pageId, request);
	const { opts } = request;
	let formData: FormData;
	try {
		formData = await request.body.formData();
	} catch {
		// Larger than BODY_SIZE_LIMIT: say so, rather than show an empty form (STACK.md pitfall 9).
		// Show what is saved (not an empty form): posting again must not drop stored files.
		const form: FormState = {
			data: view.values,
			errors: {},
			message: { type: 'error', text: m.uploadTooLarge() }
		};
		return fail(413, { form });
	}
	const posted = readPostedPage(store.form, view.pageIndex, answers, formData, opts);
	if (posted.kind === 'refused') error(400, m.unknownFields({ names: posted.unknown.join(', ') }));
	if (posted.added.length > 0) {
		// Without JavaScript an answer brought up a question the citizen has not seen: ask it.
		const count = posted.added.length;
		const form: FormState = {
			data: posted.values,
			errors: groupIssues(listSeenIssues(posted.reading.issues, posted.added)),
			message: { type: 'added', text: m.formQuestionsAdded({ count }) }
		};
		return fail(400, { form });
	}
	const accepted = await acceptPage(
		store,
		view.pageIndex,
		posted.reading,
		opts,
		arrivalOf(request.url)
	);
	if (accepted.kind === 'refused') {
		const form: FormState = { data: posted.values, errors: groupIssues(accepted.issues) };
		return fail(400, { form });
	}
	redirect(303, store.locate(accepted.step));
}

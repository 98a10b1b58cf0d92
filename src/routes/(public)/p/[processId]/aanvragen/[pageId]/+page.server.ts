import { redirect, type RequestEvent } from '@sveltejs/kit';
import * as drafts from '$lib/server/drafts/service';
import { getFileStorage } from '$lib/server/files';
import { serverAnswerOptions } from '$lib/server/filing/options';
import { findRequestDraft } from '$lib/server/web/filing-request';
import { signInFirst } from '$lib/server/web/sign-in-level';
import { lockedAnswers, shownLocked } from '$lib/process/identity';
import { keepLocale } from '$lib/process/text';
import { providerName } from '$lib/server/oidc/providers';
import { loadFormPage, postFormPage } from '$lib/server/web/form-runner';
import type { Actions, PageServerLoad } from './$types';

/** The request's draft as the runner's answer store; back to the start without an open one. */
async function openStore(event: RequestEvent<{ processId: string; pageId: string }>) {
	const view = (await findRequestDraft(event))?.view;
	if (!view || view.draft.dossierId) redirect(303, `/p/${event.params.processId}/aanvragen`);
	const signIn = signInFirst(event.locals, view.definition, event.url.pathname);
	if (signIn) redirect(303, signIn);
	const opts = serverAnswerOptions(event.locals.locale);
	// What an identity provider vouched for (eID, itsme) is shown as confirmed and cannot change.
	const locked = lockedAnswers(view.definition, event.locals.session?.identity);
	const store = drafts.answerStore(view, { storage: getFileStorage(), opts, locked });
	return { view, opts, store, locked };
}

export const load: PageServerLoad = async (event) => {
	const { view, opts, store, locked } = await openStore(event);
	const page = await loadFormPage(store, event.params.pageId, { url: event.url, opts });
	const { id, title, pages, leadTimes, auth } = view.definition;
	const provider = event.locals.session?.provider;
	return {
		...page,
		confirmed: {
			values: shownLocked(view.definition, locked),
			by: provider ? providerName(provider, event.locals.locale) : null
		},
		// The texts in the page's language (and the Dutch they fall back to) only.
		definition: keepLocale({ id, title, pages, leadTimes, auth }, event.locals.locale),
		version: view.draft.processVersion
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { opts, store } = await openStore(event);
		return postFormPage(store, event.params.pageId, { url: event.url, opts, body: event.request });
	}
};

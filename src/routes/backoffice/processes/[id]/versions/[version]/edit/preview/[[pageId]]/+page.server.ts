import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import { serverAnswerOptions } from '$lib/server/filing/options';
import * as preview from '$lib/server/web/preview';
import { loadFormPage, postFormPage } from '$lib/server/web/form-runner';
import { draftVersion } from '../../editing';
import type { Actions, PageServerLoad } from './$types';

type Event = RequestEvent<{ id: string; version: string; pageId?: string }>;

/** The preview this request is about: its answer store and page, or its end, or a broken draft. */
async function openPreview(event: Event) {
	requireAllowed(event, canConfigureProcesses);
	const version = draftVersion(event);
	const opened = await preview.openPreview(event.params.id, version);
	if (opened.kind === 'not-found') error(404, m.editorNotADraft());
	const base = `/backoffice/processes/${event.params.id}/versions/${version}/edit/preview`;
	if (event.url.searchParams.has('opnieuw')) {
		preview.clearAnswers(event.cookies, base);
		redirect(303, base);
	}
	const textLocale = preview.previewLanguage(event.cookies, event.url, base, event.locals.locale);
	if (opened.kind === 'broken') return { kind: 'broken' as const, base, version, textLocale };
	const def = opened.definition;
	const pageId = event.params.pageId ?? def.pages[0].id;
	if (pageId === preview.END) return { kind: 'end' as const, base, version, textLocale };
	const scope = `${event.params.id}@${version}`;
	const store = preview.answerStore(def, event.cookies, scope, base);
	const page = { url: event.url, opts: serverAnswerOptions(event.locals.locale) };
	return { kind: 'page' as const, base, version, textLocale, def, store, pageId, page };
}

export const load: PageServerLoad = async (event) => {
	const open = await openPreview(event);
	const view = {
		kind: open.kind,
		base: open.base,
		version: open.version,
		textLocale: open.textLocale
	};
	if (open.kind !== 'page') return { view };
	const { id, title, pages, leadTimes } = open.def;
	const page = await loadFormPage(open.store, open.pageId, {
		...open.page,
		notFound: m.editorRefusedNotFound()
	});
	return { view, ...page, definition: { id, title, pages, leadTimes } };
};

export const actions: Actions = {
	default: async (event) => {
		const open = await openPreview(event);
		if (open.kind !== 'page') error(404, m.editorRefusedNotFound());
		return postFormPage(open.store, open.pageId, {
			...open.page,
			notFound: m.editorRefusedNotFound(),
			body: event.request
		});
	}
};

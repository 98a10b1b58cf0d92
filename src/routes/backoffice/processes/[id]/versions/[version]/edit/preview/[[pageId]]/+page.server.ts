import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { setError, superValidate, withFiles } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { listPageValues } from '$lib/process/answers';
import { toPageSchema } from '$lib/process/answers/schema';
import { requireRole } from '$lib/server/web/guards';
import { serverAnswerOptions } from '$lib/server/filing/options';
import * as preview from '$lib/server/processes/preview';
import { draftVersion } from '../../editing';
import type { Actions, PageServerLoad } from './$types';

type Event = RequestEvent<{ id: string; version: string; pageId?: string }>;

/** The draft and the page of the preview this request is about (or where to go instead). */
async function openPage(event: Event) {
	requireRole(event, 'clerk', 'admin');
	const version = draftVersion(event);
	const opened = await preview.openPreview(event.params.id, version);
	if (opened.kind === 'not-found') error(404, m.editorNotADraft());
	const base = `/backoffice/processes/${event.params.id}/versions/${version}/edit/preview`;
	const scope = `${event.params.id}@${version}`;
	if (event.url.searchParams.has('opnieuw')) {
		preview.clearAnswers(event.cookies, base);
		redirect(303, base);
	}
	const answers = preview.readAnswers(event.cookies, scope);
	const opts = serverAnswerOptions(event.locals.locale);
	if (opened.kind === 'broken') return { kind: 'broken' as const, base, version };
	const def = opened.definition;
	const pageId = event.params.pageId ?? def.pages[0].id;
	if (pageId === preview.END) return { kind: 'end' as const, base, version, def };
	const at = preview.resolvePage(def, pageId, answers, opts);
	if (at.kind === 'notFound') error(404, m.editorRefusedNotFound());
	if (at.kind === 'redirect') redirect(303, `${base}/${at.pageId}`);
	return { kind: 'page' as const, base, version, def, at, answers, opts, scope };
}

export const load: PageServerLoad = async (event) => {
	const open = await openPage(event);
	if (open.kind !== 'page')
		return { view: { kind: open.kind, base: open.base, version: open.version } };
	const { def, at, answers, opts } = open;
	const previous = preview.findPreviousStep(def, at.pageIndex, answers);
	return {
		view: { kind: 'page' as const, base: open.base, version: open.version },
		form: {
			data: listPageValues(def, at.pageIndex, answers) as Record<string, unknown>,
			errors: {},
			message: undefined
		},
		definition: { id: def.id, title: def.title, pages: def.pages, leadTimes: def.leadTimes },
		pageIndex: at.pageIndex,
		position: at.position,
		total: at.total,
		answers,
		today: opts.today,
		previous
	};
};

export const actions: Actions = {
	default: async (event) => {
		const open = await openPage(event);
		if (open.kind !== 'page') error(404, m.editorRefusedNotFound());
		const { def, at, answers, opts } = open;
		const form = await superValidate(
			event.request,
			zod4(toPageSchema(def, at.pageIndex, answers, opts))
		);
		if (!form.valid) return fail(400, withFiles({ form }));
		const result = preview.answerPage(def, at.pageIndex, form.data, answers, opts);
		if (result.issues.length > 0) {
			for (const issue of result.issues) setError(form, issue.name as never, issue.message);
			return fail(400, withFiles({ form }));
		}
		preview.writeAnswers(event.cookies, open.scope, open.base, result.answers);
		redirect(303, `${open.base}/${result.next}`);
	}
};

// The walk through a form: which page comes next, which page a citizen may open (never one whose
// earlier pages are incomplete: editing the URL does not skip a page), and which names a page may
// post (anything else is tampering and is refused).
import {
	findFirstIncompletePage,
	listPageNames,
	listVisiblePages,
	type AnswerMap,
	type AnswerOptions
} from '$lib/process/answers';
import type { ProcessDefinition } from '$lib/process/definition';

export const CHECK_PAGE = 'controle';

/** Names superforms and our own forms add to every post. */
const FORM_META = new Set(['__superform_id', '__superform_json', '__superform_file', 'terug']);

export type PageResolution =
	| { kind: 'page'; pageIndex: number; position: number; total: number }
	| { kind: 'redirect'; pageId: string }
	| { kind: 'notFound' };

/** The page to show for `pageId`, or where to go instead. */
export function resolvePage(
	def: ProcessDefinition,
	pageId: string,
	answers: AnswerMap,
	opts: AnswerOptions
): PageResolution {
	const pageIndex = def.pages.findIndex((p) => p.id === pageId);
	if (pageIndex < 0) return { kind: 'notFound' };
	const visible = listVisiblePages(def, answers);
	const firstIncomplete = findFirstIncompletePage(def, answers, opts);
	if (firstIncomplete !== null && firstIncomplete < pageIndex)
		return { kind: 'redirect', pageId: def.pages[firstIncomplete].id };
	if (!visible.includes(pageIndex))
		return { kind: 'redirect', pageId: findNextStep(def, pageIndex, answers) };
	return {
		kind: 'page',
		pageIndex,
		position: visible.indexOf(pageIndex) + 1,
		total: visible.length
	};
}

/** Where a citizen goes after this page: the next page that applies, or the check page. */
export function findNextStep(
	def: ProcessDefinition,
	pageIndex: number,
	answers: AnswerMap
): string {
	const next = listVisiblePages(def, answers).find((i) => i > pageIndex);
	return next === undefined ? CHECK_PAGE : def.pages[next].id;
}

/** The page before this one that applies, for the back link. */
export function findPreviousStep(
	def: ProcessDefinition,
	pageIndex: number,
	answers: AnswerMap
): string | null {
	const previous = listVisiblePages(def, answers)
		.filter((i) => i < pageIndex)
		.pop();
	return previous === undefined ? null : def.pages[previous].id;
}

/** The first page to fill in: the first incomplete one, or the check page when all are done. */
export function findStartStep(
	def: ProcessDefinition,
	answers: AnswerMap,
	opts: AnswerOptions
): string {
	const first = findFirstIncompletePage(def, answers, opts);
	return first === null ? CHECK_PAGE : def.pages[first].id;
}

/** Posted names this page does not have: a tampered form, refused as a whole. */
export function findUnknownNames(
	def: ProcessDefinition,
	pageIndex: number,
	answersBefore: AnswerMap,
	posted: Iterable<string>
): string[] {
	const allowed = new Set(listPageNames(def, pageIndex, answersBefore));
	return [...new Set(posted)].filter((name) => !allowed.has(name) && !FORM_META.has(name));
}

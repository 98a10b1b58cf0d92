// The walk through a form: which page comes next, and which page a citizen may open (never one
// whose earlier pages are incomplete: editing the URL does not skip a page). The same on the
// server, which enforces it, and on a phone filling the form in without a connection.
import {
	findFirstIncompletePage,
	listVisiblePages,
	type AnswerMap,
	type AnswerOptions
} from './answers';
import type { ProcessDefinition } from './definition';

/** Only the form is needed: a phone holds no more than that. */
type Form = Pick<ProcessDefinition, 'pages' | 'leadTimes'>;

export const CHECK_PAGE = 'controle';

export type PageResolution =
	| { kind: 'page'; pageIndex: number; position: number; total: number }
	| { kind: 'redirect'; pageId: string }
	| { kind: 'notFound' };

/** The page to show for `pageId`, or where to go instead. */
export function resolvePage(
	def: Form,
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
export function findNextStep(def: Form, pageIndex: number, answers: AnswerMap): string {
	const next = listVisiblePages(def, answers).find((i) => i > pageIndex);
	return next === undefined ? CHECK_PAGE : def.pages[next].id;
}

/** The page before this one that applies, for the back link. */
export function findPreviousStep(def: Form, pageIndex: number, answers: AnswerMap): string | null {
	const previous = listVisiblePages(def, answers)
		.filter((i) => i < pageIndex)
		.pop();
	return previous === undefined ? null : def.pages[previous].id;
}

/** The first page to fill in: the first incomplete one, or the check page when all are done. */
export function findStartStep(def: Form, answers: AnswerMap, opts: AnswerOptions): string {
	const first = findFirstIncompletePage(def, answers, opts);
	return first === null ? CHECK_PAGE : def.pages[first].id;
}

// The walk through a form (shared with the browser: $lib/process/steps) and which names a page
// may post (anything else is tampering and is refused).
import { listPageNames, type AnswerMap } from '$lib/process/answers';
import type { ProcessDefinition } from '$lib/process/definition';

export {
	CHECK_PAGE,
	findNextStep,
	findPreviousStep,
	findStartStep,
	resolvePage,
	type PageResolution
} from '$lib/process/steps';

/** Names superforms and our own forms add to every post. */
const FORM_META = new Set(['__superform_id', '__superform_json', '__superform_file', 'terug']);

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

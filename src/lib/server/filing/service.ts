// The walk through a form (shared with the browser: $lib/process/steps) and which names a page
// may post (anything else is tampering and is refused).
import {
	listPageFields,
	listPageNames,
	type AnswerMap,
	type AnswerOptions,
	type Issue
} from '$lib/process/answers';
import type { ProcessDefinition } from '$lib/process/definition';
import { localize } from '$lib/process/text';
import { cleanFileName } from '../files/upload';

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

/**
 * Files chosen on this page that are empty (0 bytes: a failed download, a cloud file not on the
 * phone). The form library reads them as no file at all, so they are looked for in the post itself
 * and said at their field, rather than silently dropped.
 */
export function findEmptyUploads(
	def: ProcessDefinition,
	pageIndex: number,
	answersBefore: AnswerMap,
	posted: FormData,
	opts: AnswerOptions
): Issue[] {
	return listPageFields(def, pageIndex, answersBefore).flatMap((field) =>
		field.type !== 'file'
			? []
			: posted
					.getAll(field.key)
					.filter((v): v is File => v instanceof File && v.size === 0 && v.name !== '')
					.map((file) => ({
						name: field.key,
						message: opts.messages.fileEmpty({
							label: localize(field.label, opts.locale),
							name: cleanFileName(file.name, '')
						})
					}))
	);
}

// The walk through a form, shared with the browser: $lib/process/steps (the form runner,
// $lib/process/runner, walks it page by page and refuses names a page does not post).
import {
	listPageFields,
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

/**
 * Files chosen on this page that are empty (0 bytes: a failed download, a cloud file not on the
 * phone). The form library reads them as no file at all, so they are looked for in the post itself
 * and said at their field, rather than silently dropped.
 */
export function findEmptyUploads(
	def: Pick<ProcessDefinition, 'pages' | 'leadTimes'>,
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

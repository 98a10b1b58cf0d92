// The zod schema of one page's form, for a form that reads its posts with superforms: the names
// a page posts, read as the form runner reads them (`describePosted`), and one check that runs
// `readPage`. The citizen's form runner does not use it (see runner.ts for why). Kept apart from
// the rest of answers/ so the browser never loads the schema library.
import * as z from 'zod/mini';
import type { ProcessDefinition } from '../definition';
import type { InputField } from '../fields';
import { describePosted } from '../runner';
import { listPageFields, readPage, type AnswerMap, type AnswerOptions } from '.';

type Definition = Pick<ProcessDefinition, 'pages' | 'leadTimes'>;

const shapes = {
	text: () => z.optional(z.string()),
	list: () => z._default(z.array(z.string()), []),
	flag: () => z._default(z.boolean(), false),
	files: () => z.optional(z.array(z.file()))
};

/** The loose shape posted values are coerced with; real validation happens in `readField`. */
export function describeShape(f: InputField): Record<string, z.ZodMiniType> {
	return Object.fromEntries(describePosted(f).map(([name, kind]) => [name, shapes[kind]()]));
}

/** The zod schema of a page's form, for superforms. */
export function toPageSchema(
	def: Definition,
	pageIndex: number,
	answersBefore: AnswerMap,
	opts: AnswerOptions
) {
	const shape = Object.assign(
		{},
		...listPageFields(def, pageIndex, answersBefore).map(describeShape)
	) as Record<string, z.ZodMiniType>;
	return z.strictObject(shape).check(
		z.superRefine((value, ctx) => {
			for (const issue of readPage(def, pageIndex, value, answersBefore, opts).issues)
				ctx.issues.push({
					code: 'custom',
					message: issue.message,
					path: [issue.name],
					input: value
				});
		})
	);
}

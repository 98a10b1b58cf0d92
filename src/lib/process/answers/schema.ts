// The zod schema of one page's form, for superforms on the server: a loose shape that coerces the
// posted values, and one check that runs `readPage`, the same rules the browser runs. Kept apart
// from the rest of answers/ so the browser never loads the schema library.
import * as z from 'zod/mini';
import type { ProcessDefinition } from '../definition';
import type { InputField } from '../fields';
import type { Posted } from '../fields/module';
import { moduleOf } from '../fields/registry';
import { listPageFields, readPage, type AnswerMap, type AnswerOptions } from '.';

type Definition = Pick<ProcessDefinition, 'pages' | 'leadTimes'>;

/** How each kind of posted value is coerced (see `Posted`); real validation is the modules' `read`. */
const coerce: Record<Posted, () => z.ZodMiniType> = {
	text: () => z.optional(z.string()),
	texts: () => z._default(z.array(z.string()), []),
	flag: () => z._default(z.boolean(), false),
	files: () => z.optional(z.array(z.file()))
};

/** The loose shape a field's posted values are coerced with. */
export function describeShape(f: InputField): Record<string, z.ZodMiniType> {
	return Object.fromEntries(
		Object.entries(moduleOf(f).posted(f)).map(([name, posted]) => [name, coerce[posted]()])
	);
}

/** The zod schema of a page's form: superforms validates with it on the server and in the browser. */
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

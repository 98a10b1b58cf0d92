// The zod schema of one page's form, for superforms on the server: a loose shape that coerces the
// posted values, and one check that runs `readPage`, the same rules the browser runs. Kept apart
// from the rest of answers/ so the browser never loads the schema library.
import * as z from 'zod/mini';
import type { ProcessDefinition } from '../definition';
import type { InputField } from '../fields';
import { addressParts } from './values';
import { listPageFields, readPage, type AnswerMap, type AnswerOptions } from '.';

type Definition = Pick<ProcessDefinition, 'pages' | 'leadTimes'>;

const text = () => z.optional(z.string());

/** The loose shape posted values are coerced with; real validation happens in `readField`. */
export function describeShape(f: InputField): Record<string, z.ZodMiniType> {
	switch (f.type) {
		case 'checkboxes':
			return { [f.key]: z._default(z.array(z.string()), []) };
		case 'consent':
			return { [f.key]: z._default(z.boolean(), false) };
		case 'address':
			return Object.fromEntries(addressParts.map((p) => [`${f.key}.${p}`, text()]));
		case 'file':
			return {
				[f.key]: z.optional(z.array(z.file())),
				[`${f.key}.keep`]: z._default(z.array(z.string()), [])
			};
		default:
			return { [f.key]: text() };
	}
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

// A condition (`showIf`) decides whether a page or field applies, from the answers given so far.
// The same pure function runs in the browser, on the server and in the builder's preview, so a
// field is shown exactly when its answer is validated and kept.
import { z } from 'zod';
import type { Condition } from './evaluate';

export * from './evaluate';

export const fieldKey = z
	.string()
	.regex(/^[a-z][a-zA-Z0-9]*$/, 'must be camelCase: a lower-case letter, then letters or digits');

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const comparisons = {
	equals: z.strictObject({ field: fieldKey, equals: scalar }),
	notEquals: z.strictObject({ field: fieldKey, notEquals: scalar }),
	in: z.strictObject({ field: fieldKey, in: z.array(scalar).min(1) }),
	includes: z.strictObject({ field: fieldKey, includes: z.string() }),
	filled: z.strictObject({ field: fieldKey, filled: z.boolean() }),
	greaterThan: z.strictObject({ field: fieldKey, greaterThan: z.number() }),
	lessThan: z.strictObject({ field: fieldKey, lessThan: z.number() })
};

export const condition: z.ZodType<Condition> = z
	.union([
		...Object.values(comparisons),
		z.strictObject({
			get all() {
				return z.array(condition).min(1);
			}
		}),
		z.strictObject({
			get any() {
				return z.array(condition).min(1);
			}
		}),
		z.strictObject({
			get not() {
				return condition;
			}
		})
	])
	.meta({
		id: 'Condition',
		description:
			'Shows a page or field only when it holds: compare one earlier field ({ field, equals | notEquals | in | includes | filled | greaterThan | lessThan }) or combine ({ all | any | not })'
	});

// Evaluating conditions (`showIf`) against answers: pure and free of schema libraries, so the
// browser can run it on every keystroke without loading the definition schema.

export type Scalar = string | number | boolean;

export type Comparison =
	| { field: string; equals: Scalar }
	| { field: string; notEquals: Scalar }
	| { field: string; in: Scalar[] }
	| { field: string; includes: string }
	| { field: string; filled: boolean }
	| { field: string; greaterThan: number }
	| { field: string; lessThan: number };

export type Condition =
	Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export type Answers = Record<string, unknown>;

function isFilled(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return false;
	if (Array.isArray(value)) return value.length > 0;
	if (value instanceof Blob) return value.size > 0;
	return true;
}

/** True when the condition holds for these answers; an absent condition always holds. */
export function evaluateCondition(cond: Condition | undefined, answers: Answers): boolean {
	if (!cond) return true;
	if ('all' in cond) return cond.all.every((c) => evaluateCondition(c, answers));
	if ('any' in cond) return cond.any.some((c) => evaluateCondition(c, answers));
	if ('not' in cond) return !evaluateCondition(cond.not, answers);
	const value = answers[cond.field];
	if ('equals' in cond) return value === cond.equals;
	if ('notEquals' in cond) return value !== cond.notEquals;
	if ('in' in cond) return cond.in.some((v) => v === value);
	if ('includes' in cond) return Array.isArray(value) && value.includes(cond.includes);
	if ('filled' in cond) return isFilled(value) === cond.filled;
	if ('greaterThan' in cond) return typeof value === 'number' && value > cond.greaterThan;
	return typeof value === 'number' && value < cond.lessThan;
}

/** Every field key a condition reads, with the path of the `field` property inside it. */
export function listConditionFields(
	cond: Condition,
	path: (string | number)[] = []
): { field: string; path: (string | number)[]; comparison: Comparison }[] {
	if ('all' in cond) return cond.all.flatMap((c, i) => listConditionFields(c, [...path, 'all', i]));
	if ('any' in cond) return cond.any.flatMap((c, i) => listConditionFields(c, [...path, 'any', i]));
	if ('not' in cond) return listConditionFields(cond.not, [...path, 'not']);
	return [{ field: cond.field, path: [...path, 'field'], comparison: cond }];
}

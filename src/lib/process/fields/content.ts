// Content blocks: text between the questions. They have a key (so the builder can move them)
// and may be conditional, but they never hold an answer, so they have no field module.
import { z } from 'zod';
import { condition, fieldKey } from '../conditions';
import { localText } from '../local-text';

export const headingBlock = z.strictObject({
	type: z.literal('heading'),
	key: fieldKey,
	text: localText,
	showIf: condition.optional()
});

export const paragraphBlock = z.strictObject({
	type: z.literal('paragraph'),
	key: fieldKey,
	text: localText,
	variant: z.enum(['plain', 'info', 'warning']).default('plain'),
	showIf: condition.optional()
});

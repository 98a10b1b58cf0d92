// Several answers from a fixed list, as checkboxes, with an optional minimum and maximum.
import { z } from 'zod';
import { inputBase, option } from '../common';

export const checkboxesField = z.strictObject({
	type: z.literal('checkboxes'),
	...inputBase,
	options: z.array(option).min(1),
	minSelected: z.int().min(0).optional(),
	maxSelected: z.int().min(1).optional()
});

export type CheckboxesField = z.infer<typeof checkboxesField>;

// Several lines of free text (a description, a remark), bounded in length.
import { z } from 'zod';
import { inputBase } from '../common';

export const textareaField = z.strictObject({
	type: z.literal('textarea'),
	...inputBase,
	minLength: z.int().min(0).optional(),
	maxLength: z.int().min(1).max(10_000).default(2000),
	rows: z.int().min(2).max(20).default(5)
});

export type TextareaField = z.infer<typeof textareaField>;

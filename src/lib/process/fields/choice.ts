// Choices from a fixed list: a drop-down or radio buttons (one answer) and checkboxes (several).
// Option values are stable slugs; labels may change between versions without touching answers.
import { z } from 'zod';
import { inputBase, option } from './common';

export const selectField = z.strictObject({
	type: z.literal('select'),
	...inputBase,
	options: z.array(option).min(1)
});

export const radioField = z.strictObject({
	type: z.literal('radio'),
	...inputBase,
	options: z.array(option).min(2)
});

export const checkboxesField = z.strictObject({
	type: z.literal('checkboxes'),
	...inputBase,
	options: z.array(option).min(1),
	minSelected: z.int().min(0).optional(),
	maxSelected: z.int().min(1).optional()
});

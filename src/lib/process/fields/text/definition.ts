// One line of free text. Its length is bounded so a single answer can never fill the database.
import { z } from 'zod';
import { autocomplete, inputBase } from '../common';

export const textField = z.strictObject({
	type: z.literal('text'),
	...inputBase,
	minLength: z.int().min(0).optional(),
	maxLength: z.int().min(1).max(500).default(200),
	autocomplete
});

export type TextField = z.infer<typeof textField>;

// Free-text inputs: one line, several lines, e-mail and telephone. Lengths are bounded so a
// single answer can never fill the database.
import { z } from 'zod';
import { autocomplete, inputBase } from './common';

export const textField = z.strictObject({
	type: z.literal('text'),
	...inputBase,
	minLength: z.int().min(0).optional(),
	maxLength: z.int().min(1).max(500).default(200),
	autocomplete
});

export const textareaField = z.strictObject({
	type: z.literal('textarea'),
	...inputBase,
	minLength: z.int().min(0).optional(),
	maxLength: z.int().min(1).max(10_000).default(2000),
	rows: z.int().min(2).max(20).default(5)
});

export const emailField = z.strictObject({
	type: z.literal('email'),
	...inputBase,
	autocomplete
});

export const telField = z.strictObject({
	type: z.literal('tel'),
	...inputBase,
	autocomplete
});

// Uploaded documents (bijlagen). The accepted media types and sizes are part of the definition;
// the server sniffs the real type of every upload and enforces these limits.
import { z } from 'zod';
import { inputBase } from '../common';
import { mediaTypes } from '.';

export const fileField = z.strictObject({
	type: z.literal('file'),
	...inputBase,
	accept: z
		.array(z.enum(mediaTypes))
		.min(1)
		.default(['application/pdf', 'image/jpeg', 'image/png']),
	maxSizeMb: z.number().positive().max(20).default(10),
	maxFiles: z.int().min(1).max(10).default(1)
});

export type FileField = z.infer<typeof fileField>;

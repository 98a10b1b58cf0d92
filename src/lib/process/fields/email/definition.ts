// An e-mail address, for replies about the request.
import { z } from 'zod';
import { autocomplete, inputBase } from '../common';

export const emailField = z.strictObject({
	type: z.literal('email'),
	...inputBase,
	autocomplete
});

export type EmailField = z.infer<typeof emailField>;

// A telephone number, Belgian or international.
import { z } from 'zod';
import { autocomplete, inputBase } from '../common';

export const telField = z.strictObject({
	type: z.literal('tel'),
	...inputBase,
	autocomplete
});

export type TelField = z.infer<typeof telField>;

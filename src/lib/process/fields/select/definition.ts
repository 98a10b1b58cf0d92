// One answer from a fixed list, as a drop-down. Option values are stable slugs; labels may
// change between versions without touching answers.
import { z } from 'zod';
import { inputBase, option } from '../common';

export const selectField = z.strictObject({
	type: z.literal('select'),
	...inputBase,
	options: z.array(option).min(1)
});

export type SelectField = z.infer<typeof selectField>;

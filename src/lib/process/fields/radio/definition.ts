// One answer from a short fixed list, as radio buttons (each option may have a hint).
import { z } from 'zod';
import { inputBase, option } from '../common';

export const radioField = z.strictObject({
	type: z.literal('radio'),
	...inputBase,
	options: z.array(option).min(2)
});

export type RadioField = z.infer<typeof radioField>;

// A question answered with two radio buttons, yes and no.
import { z } from 'zod';
import { inputBase } from '../common';

export const yesNoField = z.strictObject({
	type: z.literal('yesNo'),
	...inputBase
});

export type YesNoField = z.infer<typeof yesNoField>;

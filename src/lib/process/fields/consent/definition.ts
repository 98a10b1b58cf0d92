// One checkbox: required means it must be ticked (a declaration on honour, agreeing to terms).
import { z } from 'zod';
import { inputBase } from '../common';

export const consentField = z.strictObject({
	type: z.literal('consent'),
	...inputBase
});

export type ConsentField = z.infer<typeof consentField>;

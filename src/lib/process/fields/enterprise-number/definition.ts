// A Belgian enterprise number (KBO), typed freely; see ../../validators.
import { z } from 'zod';
import { inputBase } from '../common';

export const enterpriseNumberField = z.strictObject({
	type: z.literal('enterpriseNumber'),
	...inputBase
});

export type EnterpriseNumberField = z.infer<typeof enterpriseNumberField>;

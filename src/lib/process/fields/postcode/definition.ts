// A Belgian postcode, checked against the official list where the server has it.
import { z } from 'zod';
import { inputBase } from '../common';

export const postcodeField = z.strictObject({
	type: z.literal('postcode'),
	...inputBase
});

export type PostcodeField = z.infer<typeof postcodeField>;

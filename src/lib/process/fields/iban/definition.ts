// A bank account number (IBAN), typed freely; Belgian accounts only when the definition says so.
import { z } from 'zod';
import { inputBase } from '../common';

export const ibanField = z.strictObject({
	type: z.literal('iban'),
	...inputBase,
	belgianOnly: z.boolean().default(false)
});

export type IbanField = z.infer<typeof ibanField>;

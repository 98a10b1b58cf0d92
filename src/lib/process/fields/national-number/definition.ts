// A Belgian national number (rijksregister or BIS), typed freely; see ../../validators.
import { z } from 'zod';
import { inputBase } from '../common';

export const nationalNumberField = z.strictObject({
	type: z.literal('nationalNumber'),
	...inputBase
});

export type NationalNumberField = z.infer<typeof nationalNumberField>;

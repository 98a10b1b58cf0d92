// A Belgian address: street, number, box, postcode and municipality as separate inputs, so each
// can be validated and the postcode checked against the municipality.
import { z } from 'zod';
import { inputBase } from '../common';

export const addressField = z.strictObject({
	type: z.literal('address'),
	...inputBase
});

export type AddressField = z.infer<typeof addressField>;

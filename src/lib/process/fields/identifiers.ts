// Belgian identifiers typed freely and normalised: national number (rijksregister or BIS),
// enterprise number (KBO), IBAN, licence plate and postcode. Their checks live in ../validators.
import { z } from 'zod';
import { inputBase } from './common';

export const nationalNumberField = z.strictObject({
	type: z.literal('nationalNumber'),
	...inputBase
});

export const enterpriseNumberField = z.strictObject({
	type: z.literal('enterpriseNumber'),
	...inputBase
});

export const ibanField = z.strictObject({
	type: z.literal('iban'),
	...inputBase,
	belgianOnly: z.boolean().default(false)
});

export const licensePlateField = z.strictObject({
	type: z.literal('licensePlate'),
	...inputBase
});

export const postcodeField = z.strictObject({
	type: z.literal('postcode'),
	...inputBase
});

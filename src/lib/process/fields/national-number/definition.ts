// A Belgian national number (rijksregister or BIS), typed freely; see ../../validators.
import { z } from 'zod';
import { inputBase } from '../common';

export const nationalNumberField = z.strictObject({
	type: z.literal('nationalNumber'),
	...inputBase,
	applicant: z.boolean().optional().meta({
		description:
			"The applicant's own national number: filled in from eID or itsme and locked after such a sign-in"
	})
});

export type NationalNumberField = z.infer<typeof nationalNumberField>;

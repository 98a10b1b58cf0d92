// A calendar date (no time), entered with the native date input. Bounds may be fixed dates or
// "today", so a birth date lies in the past and an event date in the future.
import { z } from 'zod';
import { inputBase } from '../common';

export const dateBound = z.union([z.literal('today'), z.iso.date()]);

export const dateField = z.strictObject({
	type: z.literal('date'),
	...inputBase,
	notBefore: dateBound.optional(),
	notAfter: dateBound.optional(),
	autocomplete: z.literal('bday').optional()
});

export type DateField = z.infer<typeof dateField>;

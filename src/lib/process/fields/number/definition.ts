// A number with bounds and an optional unit (m², liter, personen). Whole numbers by default,
// because most municipal questions count things.
import { z } from 'zod';
import { localText } from '../../local-text';
import { inputBase } from '../common';

export const numberField = z.strictObject({
	type: z.literal('number'),
	...inputBase,
	min: z.number().optional(),
	max: z.number().optional(),
	integer: z.boolean().default(true),
	unit: localText.optional().meta({ description: 'Shown after the input, e.g. m² or liter' })
});

export type NumberField = z.infer<typeof numberField>;

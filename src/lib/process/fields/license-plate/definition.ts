// A Belgian licence plate, typed freely; see ../../validators.
import { z } from 'zod';
import { inputBase } from '../common';

export const licensePlateField = z.strictObject({
	type: z.literal('licensePlate'),
	...inputBase
});

export type LicensePlateField = z.infer<typeof licensePlateField>;

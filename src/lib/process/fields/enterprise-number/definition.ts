// A Belgian enterprise number (KBO), typed freely; see ../../validators.
import { z } from 'zod';
import { inputBase } from '../common';

export const enterpriseNumberField = z.strictObject({
	type: z.literal('enterpriseNumber'),
	...inputBase,
	enterprise: z.boolean().optional().meta({
		description:
			'The number of the enterprise the applicant acts for: filled in and locked after signing in for an enterprise (eID or itsme through ACM/IDM)'
	})
});

export type EnterpriseNumberField = z.infer<typeof enterpriseNumberField>;

// The CODA upload as superforms reads it: one file, chosen and not over the size the import
// takes. Whether its lines are a bank statement is the import's to say (payments/service.ts).
import { z } from 'zod';
import { m } from '$lib/i18n';
import { MAX_CODA_BYTES } from './service';

export const codaSchema = z.object({
	file: z
		.file({ error: () => m.paymentsErrorEmpty() })
		.min(1, { error: () => m.paymentsErrorEmpty() })
		.max(MAX_CODA_BYTES, { error: () => m.paymentsErrorTooLarge() })
});

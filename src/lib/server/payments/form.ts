// The CODA upload as superforms reads it: one file, chosen and not over the size the import
// takes. Whether its lines are a bank statement is the import's to say (payments/service.ts).
import { z } from 'zod';
import { m } from '$lib/i18n';
import { MAX_CODA_BYTES, type AssignResult } from './service';

export const codaSchema = z.object({
	file: z
		.file({ error: () => m.paymentsErrorEmpty() })
		.min(1, { error: () => m.paymentsErrorEmpty() })
		.max(MAX_CODA_BYTES, { error: () => m.paymentsErrorTooLarge() })
});

/** Linking an amount received by hand: the dossier's number as staff read it (2026-000123). */
export const assignLineSchema = z.object({
	reference: z
		.string()
		.trim()
		.regex(/^\d{4}-\d{6}$/, { error: () => m.paymentsAssignErrorFormat() })
});

/** The service's refusal, next to the field. */
export function assignErrors(
	reason: Exclude<AssignResult, { ok: true }>['reason']
): Record<'reference', string> {
	return {
		reference:
			reason === 'unknown-dossier'
				? m.paymentsAssignErrorUnknown()
				: reason === 'nothing-owed'
					? m.paymentsAssignErrorNothingOwed()
					: m.paymentsAssignErrorTaken()
	};
}

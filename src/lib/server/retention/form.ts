// The legal-hold forms of the back-office: bounds and messages only; the rules are in holds.ts.
import { z } from 'zod';
import { m } from '$lib/i18n';

export const HOLD_REASON_MAX = 1000;

export const placeHoldSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.legalHoldReasonRequired() })
		.max(HOLD_REASON_MAX, { error: () => m.legalHoldReasonTooLong({ max: HOLD_REASON_MAX }) })
});

export const liftHoldSchema = z.object({});

export type PlaceHold = z.infer<typeof placeHoldSchema>;
export type LiftHold = z.infer<typeof liftHoldSchema>;

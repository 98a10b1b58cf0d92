// The account page's forms as superforms reads them: changing the password (both filled in),
// closing the account (the password and a ticked confirmation) and adding guest requests to it
// (the ids offered), with the service's refusals as a message next to the right field (its rules
// for a new password are the users service's). Every message is a function called while a post is
// read, so it follows that request's language.
import { z } from 'zod';
import { m } from '$lib/i18n';
import { accountRefusalError, type FieldErrors } from '../auth/form';
import type { ChangeOwnPasswordResult, CloseAccountResult } from './self-service';

export const changePasswordSchema = z.object({
	currentPassword: z.string().min(1, { error: () => m.authPasswordRequired() }),
	newPassword: z.string().min(1, { error: () => m.authPasswordRequired() })
});

type Refusal = Exclude<Extract<ChangeOwnPasswordResult, { ok: false }>['reason'], 'rate-limited'>;

/** A refused change: a wrong current password, or a new one the password rules refuse. */
export function changePasswordErrors(reason: Refusal): FieldErrors {
	return reason === 'invalid'
		? { currentPassword: m.accountCurrentPasswordWrong() }
		: { newPassword: accountRefusalError(reason).password };
}

/** Closing the account: the password and the box that says so, both at once. */
export const closeSchema = z.object({
	closePassword: z.string().min(1, { error: () => m.authPasswordRequired() }),
	closeConfirm: z.boolean().refine((ticked) => ticked, {
		error: () => m.accountCloseConfirmRequired()
	})
});

type CloseRefusal = Exclude<Extract<CloseAccountResult, { ok: false }>['reason'], 'rate-limited'>;

/** A refused closing: next to the field it is about, or (the last admin) as a notice. */
export function closeRefusal(reason: CloseRefusal): { errors: FieldErrors } | { notice: string } {
	switch (reason) {
		case 'last-admin':
			return { notice: m.accountCloseLastAdmin() };
		case 'not-confirmed':
			return { errors: { closeConfirm: m.accountCloseConfirmRequired() } };
		case 'invalid-password':
			return { errors: { closePassword: m.accountCurrentPasswordWrong() } };
	}
}

/** More ids than the page ever offers is not a choice made on it. */
const MAX_CLAIMS = 1000;

/** The guest requests ticked to add to the account: only a wish, the service checks each id. */
export const claimSchema = z.object({
	dossier: z.array(z.string().max(100)).max(MAX_CLAIMS)
});

// The account page's forms as superforms reads them: changing the password (both filled in),
// deleting the account (a ticked confirmation and the password, or the typed address) and adding guest requests to it
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

/**
 * Deleting the account: the box that says so, and the password (or, for an account without one,
 * the e-mail address typed in full); which of the two the account needs is the service's rule.
 */
export const closeSchema = z.object({
	closePassword: z.string().max(1000),
	closeEmail: z.string().max(320),
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
		case 'password-required':
			return { errors: { closePassword: m.authPasswordRequired() } };
		case 'invalid-password':
			return { errors: { closePassword: m.accountCurrentPasswordWrong() } };
		case 'email-mismatch':
			return { errors: { closeEmail: m.accountCloseEmailMismatch() } };
	}
}

/** More ids than the page ever offers is not a choice made on it. */
const MAX_CLAIMS = 1000;

/** The guest requests ticked to add to the account: only a wish, the service checks each id. */
export const claimSchema = z.object({
	dossier: z.array(z.string().max(100)).max(MAX_CLAIMS)
});

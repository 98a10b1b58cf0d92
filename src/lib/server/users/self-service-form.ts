// The account page's change-password form as superforms reads it: both passwords filled in, and
// the service's refusals as a message next to the right one (its rules for a new password are the
// users service's). Every message is a function called while a post is read, so it follows that
// request's language.
import { z } from 'zod';
import { m } from '$lib/i18n';
import { accountRefusalError, type FieldErrors } from '../auth/form';
import type { ChangeOwnPasswordResult } from './self-service';

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

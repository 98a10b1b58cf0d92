// The public account forms as superforms reads them: signing in, registering, the first admin,
// asking for a reset or a verification link again, a new password, confirming an address. Each
// schema only bounds what a post may hold and says what is missing; the rules for an address and a
// password are the users service's, and its refusals are put next to their field here. Every
// message is a function called while a post is read, so it follows that request's language.
import { z } from 'zod';
import { m } from '$lib/i18n';
import { stripBidiControls } from '$lib/process/clean-text';
import type { AccountRefusal } from '../users/service';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

export type FieldErrors = Record<string, string>;

const EMAIL_MAX = 254;

/** A password as typed: filled in (whether it is good enough is the users service's rule). */
const password = (required: () => string = () => m.authPasswordRequired()) =>
	z.string().min(1, { error: required });

/** An address someone asks a link for: it must look like one before anything is sent. */
const emailForLink = z
	.string()
	.trim()
	.min(1, { error: () => m.authEmailRequired() })
	.max(EMAIL_MAX, { error: () => m.authEmailInvalid() })
	.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: () => m.authEmailInvalid() });

/** Signing in: an address and a password (which ones are right, the users service says). */
export const loginSchema = z.object({
	email: z
		.string()
		.trim()
		.min(1, { error: () => m.authEmailRequired() })
		.max(EMAIL_MAX, { error: () => m.authEmailInvalid() }),
	password: password().max(1000, { error: () => m.authLoginInvalid() })
});

/** The fields of a new account (registration, first admin): filled in and of sane length. */
export const accountSchema = z.object({
	name: z
		.string()
		.overwrite(stripBidiControls)
		.trim()
		.min(1, { error: () => m.authNameRequired() })
		.max(200, { error: () => m.authNameTooLong() }),
	email: z
		.string()
		.trim()
		.min(1, { error: () => m.authEmailRequired() }),
	password: password()
});

/** "Forgot your password" and "send the verification mail again": the address. */
export const emailLinkSchema = z.object({ email: emailForLink });

/** A new password behind the reset link. */
export const newPasswordSchema = z.object({ password: password() });

/** Confirming an address: the password chosen at registration. */
export const verifySchema = z.object({
	password: password(() => m.authVerifyPasswordMissing())
});

/** Each refusal of a new account, as a message next to the field it is about. */
export function accountRefusalError(reason: AccountRefusal): FieldErrors {
	const min = PASSWORD_MIN_LENGTH;
	const max = PASSWORD_MAX_LENGTH;
	const byReason: Record<AccountRefusal, [string, () => string]> = {
		'email-taken': ['email', () => m.authEmailTaken()],
		'invalid-email': ['email', () => m.authEmailInvalid()],
		'too-short': ['password', () => m.authPasswordTooShort({ min })],
		'too-long': ['password', () => m.authPasswordTooLong({ max })],
		'contains-email': ['password', () => m.authPasswordContainsEmail()],
		'contains-name': ['password', () => m.authPasswordContainsName()],
		common: ['password', () => m.authPasswordCommon()]
	};
	const [field, message] = byReason[reason];
	return { [field]: message() };
}

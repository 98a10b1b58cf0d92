// Shared by the login, registration and first-run actions: reads a posted form with a zod schema (on the
// server only; the browser gets no validation library) into values or one message per field.
import { z } from 'zod';
import { m } from '$lib/i18n';
import { stripBidiControls } from '$lib/process/clean-text';
import type { AccountRefusal } from '../users/service';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

export type FieldErrors = Record<string, string>;

export function parseForm<S extends z.ZodType>(
	schema: S,
	formData: FormData
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
	const raw = Object.fromEntries(
		[...formData.entries()].filter(
			(entry): entry is [string, string] => typeof entry[1] === 'string'
		)
	);
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data };
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const name = String(issue.path[0] ?? '');
		errors[name] ??= issue.message;
	}
	return { ok: false, errors };
}

/** A posted text field as typed, to show again after a refusal (never used for passwords). */
export function readText(formData: FormData, name: string): string {
	const value = formData.get(name);
	return typeof value === 'string' ? value.slice(0, 500) : '';
}

/** The fields of a new account (registration, first admin): filled in and of sane length; the
 * rules for e-mail and password are the users service's. Built per request for its language. */
export const accountSchema = () =>
	z.object({
		name: z
			.string()
			.overwrite(stripBidiControls)
			.trim()
			.min(1, m.authNameRequired())
			.max(200, m.authNameTooLong()),
		email: z.string().trim().min(1, m.authEmailRequired()),
		password: z.string().min(1, m.authPasswordRequired())
	});

/** Each refusal of a new account, as a message next to the field it is about. */
export function accountRefusalError(reason: AccountRefusal): FieldErrors {
	const min = PASSWORD_MIN_LENGTH;
	const max = PASSWORD_MAX_LENGTH;
	const byReason: Record<AccountRefusal, [string, string]> = {
		'email-taken': ['email', m.authEmailTaken()],
		'invalid-email': ['email', m.authEmailInvalid()],
		'too-short': ['password', m.authPasswordTooShort({ min })],
		'too-long': ['password', m.authPasswordTooLong({ max })],
		'contains-email': ['password', m.authPasswordContainsEmail()],
		'contains-name': ['password', m.authPasswordContainsName()],
		common: ['password', m.authPasswordCommon()]
	};
	const [field, message] = byReason[reason];
	return { [field]: message };
}

// The first-admin form: what is posted, checked on the server only (the browser gets plain HTML
// validation at most). The account rules themselves (e-mail shape, password strength) live in the
// users service; this schema only checks that each field is present and of sane length.
import { z } from 'zod';
import { m } from '$lib/i18n';
import type { FirstAdminResult } from '$lib/server/users/service';

export const fields = ['name', 'email', 'password'] as const;
export type SetupField = (typeof fields)[number];
export type SetupErrors = Partial<Record<SetupField, string>>;

export const setupSchema = z.object({
	name: z.string().trim().min(1, 'name-missing').max(200, 'name-too-long'),
	email: z.string().trim().min(1, 'email-missing').max(254, 'invalid-email'),
	password: z.string().min(1, 'password-missing')
});

type Refusal = Extract<FirstAdminResult, { ok: false }>['reason'];
type Code =
	| Exclude<Refusal, 'admin-exists'>
	| 'name-missing'
	| 'name-too-long'
	| 'email-missing'
	| 'password-missing';

const fieldOf: Record<Code, SetupField> = {
	'name-missing': 'name',
	'name-too-long': 'name',
	'email-missing': 'email',
	'invalid-email': 'email',
	'email-taken': 'email',
	'password-missing': 'password',
	'too-short': 'password',
	'too-long': 'password',
	'contains-email': 'password',
	'contains-name': 'password',
	common: 'password'
};

function messageOf(code: Code, minLength: number): string {
	switch (code) {
		case 'name-missing':
			return m.setupErrorNameMissing();
		case 'name-too-long':
			return m.setupErrorNameTooLong();
		case 'email-missing':
			return m.setupErrorEmailMissing();
		case 'invalid-email':
			return m.setupErrorEmailInvalid();
		case 'email-taken':
			return m.setupErrorEmailTaken();
		case 'password-missing':
			return m.setupErrorPasswordMissing();
		case 'too-short':
			return m.setupErrorPasswordTooShort({ min: minLength });
		case 'too-long':
			return m.setupErrorPasswordTooLong();
		case 'contains-email':
			return m.setupErrorPasswordContainsEmail();
		case 'contains-name':
			return m.setupErrorPasswordContainsName();
		case 'common':
			return m.setupErrorPasswordCommon();
	}
}

function isCode(value: string): value is Code {
	return value in fieldOf;
}

/** Field errors for the given refusal codes: the first code per field wins. */
export function toErrors(codes: string[], minLength: number): SetupErrors {
	const errors: SetupErrors = {};
	for (const code of codes) {
		if (!isCode(code)) continue;
		errors[fieldOf[code]] ??= messageOf(code, minLength);
	}
	return errors;
}

// The admin's forms for API tokens: a new token read as posted (to show again after a refusal),
// the token service's refusals as a message next to the right field, and the revoke form's
// confirmation. Built per request, so the messages follow the request's language.
import { m } from '$lib/i18n';
import type { FieldErrors } from '../auth/form';
import { NAME_MAX, type TokenInput, type TokenIssue } from './tokens';

const text = (value: FormDataEntryValue | null): string =>
	typeof value === 'string' ? value.slice(0, 500) : '';

/** The new-token form as typed: name, access ('read' or 'write') and the ticked processes. */
export function readTokenForm(formData: FormData): TokenInput {
	return {
		name: text(formData.get('name')),
		access: text(formData.get('access')),
		processIds: formData
			.getAll('processIds')
			.filter((v): v is string => typeof v === 'string')
			.slice(0, 500)
	};
}

/** The service's refusals, one message per field. */
export function tokenErrors(issues: readonly TokenIssue[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		errors[issue.name] ??=
			issue.name === 'name'
				? issue.code === 'too-long'
					? m.apiTokensErrorNameTooLong({ max: NAME_MAX })
					: m.apiTokensErrorNameRequired()
				: issue.name === 'access'
					? m.apiTokensErrorAccessRequired()
					: m.apiTokensErrorProcessesUnknown();
	}
	return errors;
}

/** Did the admin tick "I understand" on the revoke form? */
export function readRevokeConfirmation(formData: FormData): boolean {
	return formData.get('confirm') === 'yes';
}

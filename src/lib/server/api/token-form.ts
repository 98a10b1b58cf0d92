// The admin's forms for API tokens as superforms reads them: a new token (its fields and their
// limits; the token service's refusals as a message next to the right field) and the revoke
// form's confirmation. Defined once; every message is a function called while a post is read,
// so it follows that request's language.
import { z } from 'zod';
import { m } from '$lib/i18n';
import type { FieldErrors } from '../auth/form';
import { NAME_MAX, type TokenIssue } from './tokens';

/** A new token: name, access ('read' or 'write', which the service checks) and processes. */
export const tokenSchema = z.object({
	name: z
		.string()
		.trim()
		.max(NAME_MAX, { error: () => m.apiTokensErrorNameTooLong({ max: NAME_MAX }) }),
	access: z.string().max(10, { error: () => m.apiTokensErrorAccessRequired() }),
	processIds: z.array(z.string()).max(500, { error: () => m.apiTokensErrorProcessesUnknown() })
});

/** Revoking: only with "I understand" ticked. */
export const revokeSchema = z.object({
	confirm: z.boolean().refine((ticked) => ticked, {
		error: () => m.apiTokensRevokeConfirmRequired()
	})
});

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

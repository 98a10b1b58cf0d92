// The forms of user management as superforms reads them: the admin's (invite, change roles) and
// the invited person's own (accept an invitation), their fields and limits, and the users
// service's refusals as a message next to the right field, every message a function called while a
// post is read, so it follows that request's language.
import { z } from 'zod';
import { m } from '$lib/i18n';
import type { FieldErrors } from '../auth/form';
import type { InviteResult, ChangeRolesResult } from './admin';

/** An invitation: a name, an address and at least one role (which ones, the service checks). */
export const inviteSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.inviteNameRequired() })
		.max(200, { error: () => m.inviteNameTooLong() }),
	email: z
		.string()
		.trim()
		.min(1, { error: () => m.inviteEmailRequired() })
		.max(254, { error: () => m.authEmailInvalid() }),
	roles: z
		.array(z.string())
		.min(1, { error: () => m.usersErrorNoRole() })
		.max(10, { error: () => m.usersErrorUnknownRole() })
});

/** The roles of an account, with the version token the page showed (its last change, ISO). */
export const rolesSchema = z.object({
	roles: z.array(z.string()).max(10, { error: () => m.usersErrorUnknownRole() }),
	updatedAt: z.string().max(40)
});

/** The version token as a time; one that is not a time stands for "a version long gone". */
export function versionOf(updatedAt: string): Date {
	const date = new Date(updatedAt);
	return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** A refused invitation, as a message next to its field. */
export function inviteRefusalError(result: Exclude<InviteResult, { ok: true }>): FieldErrors {
	switch (result.reason) {
		case 'invalid-name':
			return { name: m.inviteNameRequired() };
		case 'invalid-email':
			return { email: m.authEmailInvalid() };
		case 'no-role':
			return { roles: m.usersErrorNoRole() };
		case 'unknown-role':
			return { roles: m.usersErrorUnknownRole() };
		case 'invitation-pending':
			return { email: m.invitePending() };
		case 'account-exists':
			return {
				email:
					result.roles.length === 1 && result.roles[0] === 'citizen'
						? m.inviteCitizenExists()
						: m.inviteAccountExists()
			};
		case 'forbidden':
			return { email: m.errorForbidden() };
	}
}

/** A refused role change, as the message shown with the roles. */
export function roleRefusalMessage(
	reason: Exclude<ChangeRolesResult, { ok: true }>['reason']
): string {
	const byReason: Record<typeof reason, () => string> = {
		'no-role': m.usersErrorNoRole,
		'unknown-role': m.usersErrorUnknownRole,
		stale: m.usersErrorStale,
		'last-admin': m.usersErrorLastAdmin,
		'own-admin': m.usersErrorOwnAdmin,
		closed: m.usersErrorClosed,
		forbidden: m.errorForbidden,
		'not-found': m.usersErrorStale
	};
	return byReason[reason]();
}

/** Accepting an invitation: the name the person goes by and a password of their own. */
export const acceptSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.authNameRequired() })
		.max(200, { error: () => m.authNameTooLong() }),
	password: z.string().min(1, { error: () => m.authPasswordRequired() })
});

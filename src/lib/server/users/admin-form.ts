// The posted forms of user management (invite, change roles, accept an invitation): read into
// values for the users service, and its refusals turned into a message next to the right field.
// Built per request, so the messages follow the request's language.
import { z } from 'zod';
import { m } from '$lib/i18n';
import { parseForm, readText, type FieldErrors } from '../auth/form';
import type { InviteResult, ChangeRolesResult } from './admin';

/** The ticked role checkboxes (`name="roles"`), as posted. */
export function readRoles(formData: FormData): string[] {
	return formData
		.getAll('roles')
		.filter((v): v is string => typeof v === 'string')
		.slice(0, 10);
}

const inviteSchema = () =>
	z.object({
		name: z.string().trim().min(1, m.inviteNameRequired()).max(200, m.inviteNameTooLong()),
		email: z.string().trim().min(1, m.inviteEmailRequired()).max(254, m.authEmailInvalid())
	});

export type InviteValues = { name: string; email: string; roles: string[] };

/** The invitation form: its values as typed (to show again) and either the input or errors. */
export function readInviteForm(
	formData: FormData
): { values: InviteValues } & (
	{ ok: true; input: InviteValues } | { ok: false; errors: FieldErrors }
) {
	const roles = readRoles(formData);
	const values = { name: readText(formData, 'name'), email: readText(formData, 'email'), roles };
	const parsed = parseForm(inviteSchema(), formData);
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
	if (roles.length === 0) errors.roles = m.usersErrorNoRole();
	if (!parsed.ok || errors.roles) return { values, ok: false, errors };
	return { values, ok: true, input: { ...parsed.data, roles } };
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

/** The version token of the roles form: the ISO time of the account's last change. */
export function readVersion(formData: FormData): Date {
	const raw = readText(formData, 'updatedAt');
	const date = new Date(raw);
	return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

const acceptSchema = () =>
	z.object({
		name: z.string().trim().min(1, m.authNameRequired()).max(200, m.authNameTooLong()),
		password: z.string().min(1, m.authPasswordRequired())
	});

/** The form that accepts an invitation: the name as typed (never the password) and the input. */
export function readAcceptForm(
	formData: FormData
): { values: { name: string } } & (
	{ ok: true; input: { name: string; password: string } } | { ok: false; errors: FieldErrors }
) {
	const values = { name: readText(formData, 'name') };
	const parsed = parseForm(acceptSchema(), formData);
	return parsed.ok
		? { values, ok: true, input: parsed.data }
		: { values, ok: false, errors: parsed.errors };
}

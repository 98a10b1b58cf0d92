// Who may do what, named once: each policy says what it allows and which roles hold it. Routes and
// the group guard ask a policy (requireAllowed in web/guards.ts), never list roles themselves, so
// giving a role a new right is one line here. Pure: no HTTP, no database.
import type { Role } from '$lib/process/workflow';

/** Anyone with roles: a signed-in user, or the user of a session. */
export type RoleHolder = { readonly roles: readonly Role[] };

/** A named permission: true when the user holds one of its roles. */
export type Policy = (user: RoleHolder) => boolean;

const anyOf =
	(...roles: Role[]): Policy =>
	(user) =>
		roles.some((r) => user.roles.includes(r));

/** Open the back-office at all (its start page and layout). */
export const canEnterBackoffice = anyOf('staff', 'clerk', 'admin');

/** Work the inbox and dossiers: handle, comment, download their files, export, save filters. */
export const canHandleDossiers = anyOf('staff', 'admin');

/** Be the one a dossier is assigned to ("take" it). */
export const canTakeDossiers = anyOf('staff');

/** Write, import, edit, preview, publish and export processes in the builder. */
export const canConfigureProcesses = anyOf('clerk', 'admin');

/** Keep the standard replies that staff insert into their messages. */
export const canManageReplyTemplates = anyOf('clerk', 'admin');

/** Run the site: accounts and invitations, API tokens, webhooks and the mail log. */
export const canAdminister = anyOf('admin');

/** File a request for a citizen at the desk, by phone, letter or e-mail (processes of their departments). */
export const canFileForCitizens = anyOf('staff', 'admin');

/**
 * Import bank statements (CODA) and see the amounts no dossier claimed. A statement holds every
 * amount the municipality received, with the payers' names and accounts, for all departments,
 * and an import marks dossiers of every department paid and moves them on: that is not one
 * department's work, so it is the admins' (the municipality's financial service gets the role).
 */
export const canImportPayments = anyOf('admin');

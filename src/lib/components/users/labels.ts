// How user management names things: roles and account states in the interface language (roles
// always in the same order), (the day an account was made is `formatDay(…, 'medium')` from $lib/i18n).
import { m } from '$lib/i18n';
import { roles, type Role } from '$lib/process/workflow';
import type { UserStatus } from '$lib/views/users';

const roleLabels: Record<Role, () => string> = {
	citizen: m.backofficeRoleCitizen,
	staff: m.backofficeRoleStaff,
	clerk: m.backofficeRoleClerk,
	admin: m.backofficeRoleAdmin
};

const statusLabels: Record<UserStatus, () => string> = {
	active: m.usersStatusActive,
	unverified: m.usersStatusUnverified,
	invited: m.usersStatusInvited,
	'invitation-expired': m.usersStatusInvitationExpired,
	closed: m.usersStatusClosed
};

export function roleLabel(role: Role): string {
	return roleLabels[role]();
}

export function roleList(list: readonly Role[]): string {
	return roles
		.filter((r) => list.includes(r))
		.map(roleLabel)
		.join(', ');
}

export function statusLabel(status: UserStatus): string {
	return statusLabels[status]();
}

// Who may sign in with a password (PASSWORD_LOGIN): a municipality that signs citizens in with eID
// or itsme, or staff with its own directory, can switch passwords off for either or both. A staff
// account (any back-office role) follows the staff setting, every other account the citizens'.
// The first admin made on /installeren is signed in once all the same (README). Pure.
import type { RoleHolder } from './policies';
import { canEnterBackoffice } from './policies';

export type PasswordLogin = { citizens: boolean; staff: boolean };

/** The default: passwords for everyone. */
export const PASSWORDS_FOR_ALL: PasswordLogin = { citizens: true, staff: true };

export const PASSWORD_LOGIN_VALUES = ['citizens', 'staff', 'none'] as const;

/**
 * `citizens,staff` (both, the default), `citizens`, `staff` or `none`; null when it is none of
 * those (a word not known, `none` with another).
 */
export function parsePasswordLogin(value: string): PasswordLogin | null {
	const words = value
		.split(',')
		.map((w) => w.trim().toLowerCase())
		.filter((w) => w !== '');
	if (words.length === 0) return null;
	if (!words.every((w) => (PASSWORD_LOGIN_VALUES as readonly string[]).includes(w))) return null;
	if (words.includes('none')) return words.length === 1 ? { citizens: false, staff: false } : null;
	return { citizens: words.includes('citizens'), staff: words.includes('staff') };
}

/** Whether this account may sign in with its password. */
export function mayUsePassword(user: RoleHolder, setting: PasswordLogin): boolean {
	return canEnterBackoffice(user) ? setting.staff : setting.citizens;
}

/** Whether anyone may: the password form, and the forgotten-password pages, are offered. */
export function passwordsOffered(setting: PasswordLogin): boolean {
	return setting.citizens || setting.staff;
}

/**
 * Who cannot sign in at all: passwords off for them and no provider for them either (the start
 * warns; a municipality may mean it, e.g. a site for staff only).
 */
export function leftWithoutSignIn(
	setting: PasswordLogin,
	providerAudiences: readonly ('citizens' | 'staff')[]
): ('citizens' | 'staff')[] {
	return (['citizens', 'staff'] as const).filter(
		(who) => !setting[who] && !providerAudiences.includes(who)
	);
}

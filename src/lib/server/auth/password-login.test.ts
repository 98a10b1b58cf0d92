import { describe, expect, it } from 'vitest';
import { leftWithoutSignIn, mayUsePassword, passwordsOffered } from './password-login';

const citizen = { roles: ['citizen'] as const };
const staff = { roles: ['citizen', 'staff'] as const };
const clerk = { roles: ['clerk'] as const };
const admin = { roles: ['admin'] as const };

describe('who may sign in with a password', () => {
	it('a staff account follows the staff setting, any other the citizens’', () => {
		const citizensOnly = { citizens: true, staff: false };
		expect(mayUsePassword(citizen, citizensOnly)).toBe(true);
		for (const user of [staff, clerk, admin])
			expect(mayUsePassword(user, citizensOnly)).toBe(false);
		const staffOnly = { citizens: false, staff: true };
		expect(mayUsePassword(citizen, staffOnly)).toBe(false);
		for (const user of [staff, clerk, admin]) expect(mayUsePassword(user, staffOnly)).toBe(true);
	});

	it('offers the password pages while anyone may use one', () => {
		expect(passwordsOffered({ citizens: false, staff: false })).toBe(false);
		expect(passwordsOffered({ citizens: false, staff: true })).toBe(true);
		expect(passwordsOffered({ citizens: true, staff: false })).toBe(true);
	});

	it('names who could not sign in at all: no password and no provider for them', () => {
		expect(leftWithoutSignIn({ citizens: false, staff: false }, [])).toEqual(['citizens', 'staff']);
		expect(leftWithoutSignIn({ citizens: false, staff: true }, ['citizens'])).toEqual([]);
		expect(leftWithoutSignIn({ citizens: true, staff: false }, ['citizens'])).toEqual(['staff']);
	});
});

import { describe, expect, it } from 'vitest';
import type { Role } from '$lib/process/workflow';
import * as policies from './policies';

// Who holds which policy: the same rights the access matrix (tests/e2e/access-matrix.spec.ts)
// proves route by route.
const expected: Record<keyof typeof policies, Role[]> = {
	canEnterBackoffice: ['staff', 'clerk', 'admin'],
	canHandleDossiers: ['staff', 'admin'],
	canTakeDossiers: ['staff'],
	canConfigureProcesses: ['clerk', 'admin'],
	canManageReplyTemplates: ['clerk', 'admin'],
	canAdminister: ['admin'],
	canFileForCitizens: ['staff', 'admin'],
	canImportPayments: ['admin']
};
const roles: Role[] = ['citizen', 'staff', 'clerk', 'admin'];

describe('policies', () => {
	for (const [name, holders] of Object.entries(expected)) {
		it(`${name}: ${holders.join(', ')}`, () => {
			const policy = policies[name as keyof typeof policies];
			for (const role of roles)
				expect(policy({ roles: [role] }), role).toBe(holders.includes(role));
			expect(policy({ roles: [] })).toBe(false);
			expect(policy({ roles: ['citizen', holders[0]] })).toBe(true);
		});
	}
});

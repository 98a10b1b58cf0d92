// Signing out at a provider and coming back to `next`: only a path on this site, only for the
// state the provider gives back, once.
import { describe, expect, it } from 'vitest';
import { readSignOutReturn, signOutReturnValue, takeSignOutReturn } from './sign-out-return';

function jar(initial: Record<string, string>) {
	const values = new Map(Object.entries(initial));
	return {
		get: (name: string) => values.get(name),
		delete: (name: string) => void values.delete(name),
		has: (name: string) => values.has(name)
	};
}

describe('next after signing out at a provider', () => {
	it('keeps a path on this site, and nothing for home or another site', () => {
		expect(signOutReturnValue('s1', '/aanmelden?next=%2Fdossiers')).toBe(
			's1 /aanmelden?next=%2Fdossiers'
		);
		for (const next of [null, '/', 'https://evil.example/', '//evil.example/x', '/\\evil.example'])
			expect(signOutReturnValue('s1', next)).toBeNull();
	});

	it('goes on only with the state it was kept under', () => {
		const value = signOutReturnValue('s1', '/aanmelden')!;
		expect(readSignOutReturn(value, 's1')).toBe('/aanmelden');
		expect(readSignOutReturn(value, 's2')).toBeNull();
		expect(readSignOutReturn(value, null)).toBeNull();
		expect(readSignOutReturn(undefined, 's1')).toBeNull();
		// A cookie value made elsewhere that names another site is not followed.
		expect(readSignOutReturn('s1 //evil.example', 's1')).toBeNull();
		expect(readSignOutReturn('s1 https://evil.example', 's1')).toBeNull();
	});

	it('is taken on the home page the provider sends back to, once', () => {
		const cookies = jar({ oidc_signout: 's1 /aanmelden' });
		const cookieApi = cookies as unknown as Parameters<typeof takeSignOutReturn>[0];
		expect(takeSignOutReturn(cookieApi, new URL('http://loket.test/dossiers?state=s1'))).toBeNull();
		expect(cookies.has('oidc_signout')).toBe(true);
		expect(takeSignOutReturn(cookieApi, new URL('http://loket.test/?state=s1'))).toBe('/aanmelden');
		expect(cookies.has('oidc_signout')).toBe(false);
		expect(takeSignOutReturn(cookieApi, new URL('http://loket.test/?state=s1'))).toBeNull();
	});

	it('forgets it when the state that came back is another', () => {
		const cookies = jar({ oidc_signout: 's1 /aanmelden' });
		const cookieApi = cookies as unknown as Parameters<typeof takeSignOutReturn>[0];
		expect(takeSignOutReturn(cookieApi, new URL('http://loket.test/?state=forged'))).toBeNull();
		expect(cookies.has('oidc_signout')).toBe(false);
	});
});

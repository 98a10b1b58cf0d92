import { describe, expect, it } from 'vitest';
import { meetsAssurance, neededAssurance } from '$lib/process/assurance';
import { testDefinition } from '$lib/process/answers/test-definition';
import { processDefinition } from '$lib/process/definition';
import { signInFirst, signInPath, wantedLevel } from './sign-in-level';

const locals = (assurance: 'low' | 'high' | null) =>
	({
		locale: 'nl',
		user: assurance ? { id: 'u' } : null,
		session: assurance ? { provider: assurance === 'high' ? 'acmidm' : null, assurance } : null
	}) as unknown as App.Locals;

describe('level of assurance per process', () => {
	it('asks nothing of a process without a required sign-in, and low by default', () => {
		expect(neededAssurance({ auth: 'none' })).toBe('none');
		expect(neededAssurance({ auth: 'optional', assurance: 'high' })).toBe('none');
		expect(neededAssurance({ auth: 'required' })).toBe('low');
		expect(neededAssurance({ auth: 'required', assurance: 'substantial' })).toBe('substantial');
	});

	it('ranks the levels: high meets all, low does not meet substantial, a guest meets none', () => {
		expect(meetsAssurance('high', 'substantial')).toBe(true);
		expect(meetsAssurance('low', 'substantial')).toBe(false);
		expect(meetsAssurance(null, 'low')).toBe(false);
		expect(meetsAssurance(null, 'none')).toBe(true);
	});

	it('refuses a level above low where signing in is not required, at its place', () => {
		const result = processDefinition.safeParse({
			...testDefinition,
			auth: 'optional',
			assurance: 'high'
		});
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['assurance', 'a level above low needs auth "required"']
		]);
		expect(
			processDefinition.safeParse({ ...testDefinition, auth: 'required', assurance: 'high' })
				.success
		).toBe(true);
	});

	it('sends a guest or a lower session to sign in at the level, back to the page', () => {
		const def = { auth: 'required' as const, assurance: 'high' as const };
		const back = '/p/uittreksel/aanvragen/voor-wie';
		const expected = `/aanmelden?next=${encodeURIComponent(back)}&niveau=high`;
		expect(signInFirst(locals(null), def, back)).toBe(expected);
		expect(signInFirst(locals('low'), def, back)).toBe(expected);
		expect(signInFirst(locals('high'), def, back)).toBeNull();
		expect(signInFirst(locals(null), { auth: 'required' }, back)).toBe(signInPath(back));
		expect(signInFirst(locals('low'), { auth: 'required' }, back)).toBeNull();
		expect(signInFirst(locals(null), { auth: 'optional' }, back)).toBeNull();
	});

	it('reads the wanted level from the sign-in address, low when absent or unknown', () => {
		expect(wantedLevel(new URL('http://x/aanmelden?niveau=high'))).toBe('high');
		expect(wantedLevel(new URL('http://x/aanmelden?niveau=none'))).toBe('low');
		expect(wantedLevel(new URL('http://x/aanmelden'))).toBe('low');
	});
});

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOVED_PATHS, movedPath } from './moved-paths';

describe('movedPath: old addresses to their new place', () => {
	it.each([
		['/login', '/aanmelden'],
		['/login/', '/aanmelden/'],
		['/register', '/registreren'],
		['/reset', '/wachtwoord-vergeten'],
		['/reset/abc_DEF-123', '/wachtwoord-vergeten/abc_DEF-123'],
		['/verify', '/bevestigen'],
		['/verify/abc_DEF-123', '/bevestigen/abc_DEF-123'],
		['/invite/t0k', '/uitnodiging/t0k'],
		['/setup', '/installeren'],
		['/logout', '/afmelden'],
		['/account', '/mijn-account'],
		['/account/closed', '/mijn-account/afgesloten'],
		['/p/klacht/apply', '/p/klacht/aanvragen'],
		['/p/klacht/apply/', '/p/klacht/aanvragen/'],
		['/p/klacht/apply/controle', '/p/klacht/aanvragen/controle'],
		['/p/klacht/apply/uw-gegevens', '/p/klacht/aanvragen/uw-gegevens'],
		['/p/klacht/apply/verzenden', '/p/klacht/aanvragen/verzenden'],
		[
			'/p/klacht/apply/ontvangen/ontvangstbewijs.pdf',
			'/p/klacht/aanvragen/ontvangen/ontvangstbewijs.pdf'
		],
		['/p/a%20b/apply/x%2Fy', '/p/a%20b/aanvragen/x%2Fy'],
		['/backoffice/overzicht', '/backoffice/overview'],
		['/backoffice/overzicht.csv', '/backoffice/overview.csv']
	])('%s → %s', (from, to) => {
		expect(movedPath(from)).toBe(to);
	});

	it.each([
		'/',
		'/loginx',
		'/logins/x',
		'/x/login',
		'/accounts',
		'/p/x/apply-iets',
		'/p/apply',
		'/p//apply',
		'/p/x/y/apply',
		'/dossiers/2026-000123',
		'/volg/abc',
		'/backoffice',
		'/backoffice/overzichten',
		'/backoffice/dossiers/overzicht',
		'/api/v1/dossiers',
		'/Login',
		// Already moved: nothing moves twice.
		'/aanmelden',
		'/p/klacht/aanvragen/verzenden',
		'/mijn-account/afgesloten'
	])('%s stays', (path) => {
		expect(movedPath(path)).toBeNull();
	});

	it('keeps the rest of the path after the longer of two matching prefixes', () => {
		expect(movedPath('/account/closed/x')).toBe('/mijn-account/afgesloten/x');
		expect(movedPath('/account/closedx')).toBe('/mijn-account/closedx');
	});

	it('moves every old prefix to a route folder that exists, and none to another old one', () => {
		const routes = join(import.meta.dirname, '..', 'routes');
		// The route folders' paths without their (groups), with [params] as `*`.
		const paths = new Set<string>();
		const walk = (dir: string, path: string) => {
			for (const name of readdirSync(dir)) {
				if (!statSync(join(dir, name)).isDirectory()) continue;
				const next = /^\(.*\)$/.test(name) ? path : `${path}/${/^\[/.test(name) ? '*' : name}`;
				paths.add(next);
				walk(join(dir, name), next);
			}
		};
		walk(routes, '');
		for (const [from, to] of MOVED_PATHS) {
			expect(paths, `${to} is a route`).toContain(to);
			expect(paths, `${from} is no longer a route`).not.toContain(from);
			expect(movedPath(to), `${to} does not move again`).toBeNull();
		}
	});
});

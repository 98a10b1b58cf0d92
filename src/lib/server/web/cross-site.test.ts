import { describe, expect, it } from 'vitest';
import { BACKCHANNEL_LOGOUT_ROUTE, isTokenRoute, refuseCrossSiteForm } from './cross-site';

const url = new URL('https://loket.example/aanmelden');
const post = (type: string | null, origin: string | null, method = 'POST', accept?: string) =>
	new Request(url, {
		method,
		headers: {
			...(type ? { 'content-type': type } : {}),
			...(origin ? { origin } : {}),
			...(accept ? { accept } : {})
		},
		body: method === 'GET' ? undefined : 'a=b'
	});

describe('the cross-site form check (kit’s rule, outside the API)', () => {
	it('refuses a form post from another origin or without one, in every form encoding', async () => {
		for (const type of [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'text/plain;charset=UTF-8',
			'application/x-sveltekit-formdata'
		])
			for (const origin of ['https://elders.example', null]) {
				const refused = refuseCrossSiteForm(post(type, origin), url, '/(public)/aanmelden');
				expect(refused?.status, `${type} ${origin}`).toBe(403);
				expect(await refused?.text()).toBe('Cross-site POST form submissions are forbidden');
			}
		for (const method of ['PUT', 'PATCH', 'DELETE'])
			expect(
				refuseCrossSiteForm(post('text/plain', 'https://elders.example', method), url, null)?.status
			).toBe(403);
		const json = refuseCrossSiteForm(
			post('text/plain', 'https://elders.example', 'POST', 'application/json'),
			url,
			'/(public)/aanmelden'
		);
		expect(await json?.json()).toEqual({
			message: 'Cross-site POST form submissions are forbidden'
		});
	});

	it('lets through the site’s own forms, other body types, safe methods and the API', () => {
		expect(refuseCrossSiteForm(post('multipart/form-data', url.origin), url, '/x')).toBeNull();
		expect(
			refuseCrossSiteForm(post('application/json', 'https://elders.example'), url, '/x')
		).toBeNull();
		expect(refuseCrossSiteForm(post(null, null, 'GET'), url, '/x')).toBeNull();
		expect(
			refuseCrossSiteForm(
				post('multipart/form-data', 'https://elders.example'),
				url,
				'/api/v1/dossiers/[id]/messages'
			)
		).toBeNull();
		// A provider's server posting its logout token: no Origin, and no cookies either.
		expect(
			refuseCrossSiteForm(
				post('application/x-www-form-urlencoded', null),
				url,
				BACKCHANNEL_LOGOUT_ROUTE
			)
		).toBeNull();
		// Only that route: the sign-in button's post next to it is still checked.
		expect(
			refuseCrossSiteForm(
				post('application/x-www-form-urlencoded', 'https://elders.example'),
				url,
				'/(public)/aanmelden/[provider]'
			)?.status
		).toBe(403);
		expect(isTokenRoute('/api/v1/[...rest]')).toBe(true);
		expect(isTokenRoute('/api/v1x')).toBe(false);
		expect(isTokenRoute(null)).toBe(false);
		expect(isTokenRoute('/(public)/aanmelden')).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, respondUnavailable, RETRY_AFTER_SECONDS } from './unavailable';

function withCode(message: string, code: string): Error {
	return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
	it('recognises a server going away, a refused connection and a cut one', () => {
		expect(isDatabaseUnavailable(withCode('terminating connection', '57P01'))).toBe(true);
		expect(isDatabaseUnavailable(withCode('the database system is starting up', '57P03'))).toBe(
			true
		);
		expect(isDatabaseUnavailable(withCode('connection failure', '08006'))).toBe(true);
		expect(
			isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))
		).toBe(true);
		expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
		expect(
			isDatabaseUnavailable(
				new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], '')
			)
		).toBe(true);
		expect(
			isDatabaseUnavailable(new Error('submit failed', { cause: withCode('reset', 'ECONNRESET') }))
		).toBe(true);
	});

	it('leaves every other error alone', () => {
		expect(isDatabaseUnavailable(withCode('relation "x" does not exist', '42P01'))).toBe(false);
		expect(isDatabaseUnavailable(withCode('duplicate key', '23505'))).toBe(false);
		expect(isDatabaseUnavailable(new Error('Only 1 of 2 files of the draft were found'))).toBe(
			false
		);
		expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
		expect(isDatabaseUnavailable(undefined)).toBe(false);
	});
});

describe('respondUnavailable', () => {
	const url = new URL('http://loket.test/p/melding/aanvragen/verzenden');

	it('answers the device and other fetches in JSON, with Retry-After', async () => {
		const request = new Request(url, { method: 'POST', headers: { accept: 'application/json' } });
		const response = respondUnavailable(request, url, 'nl');
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toMatchObject({
			status: 'unavailable',
			retryAfter: RETRY_AFTER_SECONDS,
			message: expect.stringContaining('Het loket is even niet bereikbaar')
		});
	});

	it('answers an enhanced form in the shape of an action result', async () => {
		const request = new Request(url, {
			method: 'POST',
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		const body = await respondUnavailable(request, url, 'en').json();
		expect(body).toEqual({
			type: 'error',
			error: { message: expect.stringContaining('The e-counter is briefly unavailable') }
		});
	});

	it('shows a browser a page of its own in the request language', async () => {
		const page = new URL('http://loket.test/dossiers?tab="<x>"');
		const get = respondUnavailable(
			new Request(page, { headers: { accept: 'text/html,application/json' } }),
			page,
			'en'
		);
		expect(get.status).toBe(503);
		expect(get.headers.get('content-type')).toMatch(/^text\/html/);
		expect(get.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
		const html = await get.text();
		expect(html).toContain('<html lang="en">');
		expect(html).toContain('<h1>The e-counter is briefly unavailable</h1>');
		expect(html).toContain('href="/dossiers?tab=%22%3Cx%3E%22"');
		expect(html).not.toContain('Did you just send a form?');

		const post = respondUnavailable(
			new Request(url, { method: 'POST', headers: { accept: 'text/html' } }),
			url,
			'nl'
		);
		const posted = await post.text();
		expect(posted).toContain('<h1>Het loket is even niet bereikbaar</h1>');
		expect(posted).toContain('Verstuurde u net een formulier?');
		expect(posted).toContain('href="/p/melding/aanvragen/verzenden"');
	});
});

import { describe, expect, it } from 'vitest';
import { HSTS_VALUE, hstsFor } from './hsts';

describe('hstsFor', () => {
	it('asks for a year of HTTPS, subdomains included, on a real hostname', () => {
		expect(HSTS_VALUE).toBe('max-age=31536000; includeSubDomains');
		expect(hstsFor('loket.gemeente.be')).toBe(HSTS_VALUE);
		expect(hstsFor('LOKET.Gemeente.be')).toBe(HSTS_VALUE);
		expect(hstsFor('10.0.0.5')).toBe(HSTS_VALUE);
	});

	it('sends nothing for the local machine, however it is written', () => {
		for (const host of ['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '::1', '[::1]'])
			expect(hstsFor(host), host).toBeNull();
		expect(hstsFor('app.localhost')).toBeNull();
	});

	it('does not mistake a name that merely starts like localhost for it', () => {
		expect(hstsFor('localhost.gemeente.be')).toBe(HSTS_VALUE);
		expect(hstsFor('127.0.0.1.nip.io')).toBe(HSTS_VALUE);
	});
});

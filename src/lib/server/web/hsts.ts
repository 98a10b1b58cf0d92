// HTTP Strict Transport Security: once a browser has seen the site over HTTPS, it refuses plain
// HTTP to it (and its subdomains) for a year. Never sent for the local machine, where a developer
// or the end-to-end tests run over plain http and a pinned HSTS entry would break other local apps.

export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** The Strict-Transport-Security value for a request to this hostname, or null for localhost. */
export function hstsFor(hostname: string): string | null {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	return LOCAL_HOSTS.has(host) || host.endsWith('.localhost') ? null : HSTS_VALUE;
}

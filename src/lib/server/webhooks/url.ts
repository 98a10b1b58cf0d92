// Which addresses a webhook may have: https, or http only to this machine (tests, local
// development); no user name or password in the address; at most 2000 characters.
export const MAX_URL_LENGTH = 2000;

export type UrlProblem = 'required' | 'too-long' | 'invalid' | 'scheme' | 'credentials';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Null when the address is allowed, else what is wrong with it. */
export function checkWebhookUrl(value: string): UrlProblem | null {
	if (!value) return 'required';
	if (value.length > MAX_URL_LENGTH) return 'too-long';
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'invalid';
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)))
		return 'scheme';
	if (url.username || url.password) return 'credentials';
	if (!url.hostname) return 'invalid';
	return null;
}

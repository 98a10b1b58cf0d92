import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, MAX_URL_LENGTH } from './url';

describe('webhook addresses', () => {
	it.each([
		['https://ontvanger.example.be/hooks/loket', null],
		['http://localhost:8080/hook', null],
		['http://127.0.0.1:4192/', null],
		['http://[::1]:9000/x', null],
		['', 'required'],
		['niet een adres', 'invalid'],
		['ftp://example.be/hook', 'scheme'],
		['http://example.be/hook', 'scheme'],
		['http://127.0.0.2/hook', 'scheme'],
		['https://user:pw@example.be/hook', 'credentials'],
		['https://user@example.be/hook', 'credentials'],
		[`https://example.be/${'a'.repeat(MAX_URL_LENGTH)}`, 'too-long']
	])('%s → %s', (url, problem) => {
		expect(checkWebhookUrl(url)).toBe(problem);
	});
});

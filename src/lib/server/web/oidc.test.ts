// The pages' CSP form-action: a sign-in or sign-out button's redirect goes to the provider's
// authorization or end-session endpoint, which may be on another host than its issuer.
import { describe, expect, it } from 'vitest';
import { formActionOrigins } from './oidc';

describe('form-action origins of the providers', () => {
	it('allows the issuer and the discovered endpoints on other hosts, each once', () => {
		const providers = [
			{ issuer: 'https://authenticatie.vlaanderen.be/op' },
			{ issuer: 'https://login.microsoftonline.com/tenant/v2.0' }
		];
		const endpoints: (string[] | undefined)[] = [
			[
				'https://authenticatie.vlaanderen.be/op/v1/auth',
				'https://logout.vlaanderen.be/op/v1/logout'
			],
			undefined
		];
		expect(formActionOrigins(providers, (_, i) => endpoints[i])).toEqual([
			'https://authenticatie.vlaanderen.be',
			'https://logout.vlaanderen.be',
			'https://login.microsoftonline.com'
		]);
	});

	it('keeps a port, and skips an endpoint that is not a web address', () => {
		expect(
			formActionOrigins([{ issuer: 'http://127.0.0.1:4453' }], () => [
				'http://127.0.0.1:4454/auth',
				'javascript:alert(1)',
				'not a url'
			])
		).toEqual(['http://127.0.0.1:4453', 'http://127.0.0.1:4454']);
	});
});

// The identity provider the end-to-end servers sign citizens in with: the real `oidc-provider`
// (tests/fixtures/oidc-provider.ts) on its own port, started by playwright.config.ts beside the
// Loket servers, with the test people the journeys choose on its page. Usage:
//   npx tsx tests/e2e/test-provider.ts <port> <loket origin>...
import { startTestProvider, type TestAccount } from '../fixtures/oidc-provider';

export const E2E_PROVIDER_ID = 'acmidm';
export const E2E_CLIENT = { id: 'loket-e2e', secret: 'loket-e2e-secret' };
/** The municipality's directory for staff (Entra-like: a groups claim), at the same test provider. */
export const E2E_STAFF_PROVIDER_ID = 'gemeente';
export const E2E_STAFF_CLIENT = { id: 'loket-e2e-staff', secret: 'loket-e2e-staff-secret' };
/** The directory group whose members handle dossiers (staff) in Loket. */
export const E2E_STAFF_GROUP = 'loket-dossierbehandelaars';

/** Who can sign in at the test provider, with the means (acr) ACM/IDM would report. */
export const e2eAccounts: TestAccount[] = [
	{
		id: 'an-eid',
		acr: 'urn:be:vlaanderen:authmech:eid',
		claims: {
			email: 'an.claes@example.be',
			email_verified: true,
			given_name: 'An',
			family_name: 'Claes',
			rrn: '85073003328',
			birthdate: '1985-07-30'
		}
	},
	{
		// The English journey's own citizen: specs that run at the same time never share a draft.
		id: 'els-eid',
		acr: 'urn:be:vlaanderen:authmech:eid',
		claims: {
			email: 'els.maes@example.be',
			email_verified: true,
			given_name: 'Els',
			family_name: 'Maes',
			rrn: '92041512329',
			birthdate: '1992-04-15'
		}
	},
	{
		id: 'bert-sms',
		acr: 'urn:be:vlaanderen:authmech:sms',
		claims: {
			email: 'bert.wouters@example.be',
			email_verified: true,
			given_name: 'Bert',
			family_name: 'Wouters',
			rrn: '90020199704'
		}
	},
	{
		// Signed in with eID for her bakery ("aanmelden als onderneming"): ACM/IDM's `vo` claims.
		id: 'carla-kbo',
		acr: 'urn:be:vlaanderen:authmech:eid',
		claims: {
			email: 'carla@bakkerij-peeters.be',
			email_verified: true,
			given_name: 'Carla',
			family_name: 'Peeters',
			rrn: '80010100107',
			vo_doelgroepcode: 'EA',
			vo_orgcode: '0123456749',
			vo_orgnaam: 'Bakkerij Peeters BV',
			vo_functie: 'zaakvoerder'
		}
	},
	{
		// Carla again, signed in for herself (the same person: the same subject, no `vo` claims).
		id: 'carla-eid',
		subject: 'carla-kbo',
		note: 'voor zichzelf',
		acr: 'urn:be:vlaanderen:authmech:eid',
		claims: {
			email: 'carla@bakkerij-peeters.be',
			email_verified: true,
			given_name: 'Carla',
			family_name: 'Peeters',
			rrn: '80010100107'
		}
	},
	{
		// A member of staff in the municipality's directory, in the group that makes her staff.
		id: 'dirk-staff',
		claims: {
			email: 'dirk.janssens@gemeente.test',
			email_verified: true,
			given_name: 'Dirk',
			family_name: 'Janssens',
			name: 'Dirk Janssens',
			groups: [E2E_STAFF_GROUP, 'iedereen']
		}
	}
];

/** The providers' file the Loket servers read (OIDC_PROVIDERS_FILE). */
export function e2eProvidersFile(port: number) {
	return [
		{
			id: E2E_PROVIDER_ID,
			label: { nl: 'eID of itsme', en: 'eID or itsme' },
			audience: 'citizens',
			issuer: `http://127.0.0.1:${port}`,
			clientId: E2E_CLIENT.id,
			clientSecret: E2E_CLIENT.secret,
			scopes: ['openid', 'profile', 'email', 'rrn', 'vo'],
			claims: 'acmidm',
			allowInsecure: true
		},
		{
			id: E2E_STAFF_PROVIDER_ID,
			label: { nl: 'uw gemeente-account', en: 'your municipal account' },
			audience: 'staff',
			issuer: `http://127.0.0.1:${port}`,
			clientId: E2E_STAFF_CLIENT.id,
			clientSecret: E2E_STAFF_CLIENT.secret,
			scopes: ['openid', 'profile', 'email', 'groups'],
			claims: 'entra',
			roles: { [E2E_STAFF_GROUP]: ['staff'] },
			allowInsecure: true
		}
	];
}

if (process.argv[1]?.endsWith('test-provider.ts')) {
	const [port, ...origins] = process.argv.slice(2);
	const op = await startTestProvider({
		port: Number(port),
		accounts: e2eAccounts,
		admin: true,
		clients: [
			{
				client_id: E2E_CLIENT.id,
				client_secret: E2E_CLIENT.secret,
				redirect_uris: origins.map((o) => `${o}/aanmelden/${E2E_PROVIDER_ID}/terug`),
				post_logout_redirect_uris: origins.map((o) => `${o}/`)
			},
			{
				client_id: E2E_STAFF_CLIENT.id,
				client_secret: E2E_STAFF_CLIENT.secret,
				redirect_uris: origins.map((o) => `${o}/aanmelden/${E2E_STAFF_PROVIDER_ID}/terug`),
				post_logout_redirect_uris: origins.map((o) => `${o}/`)
			}
		]
	});
	console.log(`Test identity provider at ${op.issuer}`);
}

// Acting for an enterprise: the KBO number, name and role from the provider's claims (ACM/IDM's
// `vo_orgcode`, `vo_orgnaam` by default), read by the provider's mapping.
import { describe, expect, it } from 'vitest';
import { claimPresets, defaultLevels, mapClaims } from './claims';
import { parseProviders } from './config';

const options = {
	claims: claimPresets.acmidm,
	levels: defaultLevels,
	defaultLevel: 'low' as const
};
const carla = {
	sub: 'carla-kbo',
	acr: 'urn:be:vlaanderen:authmech:eid',
	email: 'carla@bakkerij-peeters.be',
	given_name: 'Carla',
	family_name: 'Peeters',
	rrn: '85073003328',
	vo_doelgroepcode: 'EA',
	vo_orgcode: '0123.456.749',
	vo_orgnaam: 'Bakkerij Peeters BV',
	vo_functie: 'zaakvoerder'
};

describe('an enterprise from the claims', () => {
	it('reads the KBO number (normalised), the name and the role: ACM/IDM by default', () => {
		const mapped = mapClaims(carla, options);
		expect(mapped.ok && mapped.signedIn.identity).toEqual({
			givenName: 'Carla',
			familyName: 'Peeters',
			nationalNumber: '85073003328',
			enterprise: { number: '0123456749', name: 'Bakkerij Peeters BV', role: 'zaakvoerder' }
		});
	});

	it('acts for no enterprise without a KBO number, or with another code (an OVO code)', () => {
		const { vo_orgcode: _, ...person } = carla;
		for (const claims of [person, { ...carla, vo_orgcode: 'OVO002949' }]) {
			const mapped = mapClaims(claims, options);
			expect(mapped.ok && mapped.signedIn.identity.enterprise).toBeUndefined();
		}
	});

	it('a role is optional; a KBO number without a name is refused, naming the claim', () => {
		const { vo_functie: _, ...noRole } = carla;
		const mapped = mapClaims(noRole, options);
		expect(mapped.ok && mapped.signedIn.identity.enterprise).toEqual({
			number: '0123456749',
			name: 'Bakkerij Peeters BV'
		});
		const { vo_orgnaam: __, ...noName } = carla;
		expect(mapClaims(noName, options)).toEqual({
			ok: false,
			reason: 'missing-claim',
			claim: 'vo_orgnaam'
		});
	});

	it('takes the claim names of a mapping of its own; a number needs a name claim', () => {
		const provider = (claims: Record<string, string>) =>
			parseProviders([
				{
					id: 'eigen',
					label: { nl: 'Eigen' },
					audience: 'citizens',
					issuer: 'https://idp.example.be',
					clientId: 'loket',
					claims: { email: 'email', givenName: 'given_name', familyName: 'family_name', ...claims }
				}
			])[0];
		const own = provider({
			enterpriseNumber: 'kbo',
			enterpriseName: 'firma',
			enterpriseRole: 'rol'
		});
		const mapped = mapClaims(
			{ ...carla, kbo: 'BE0123456749', firma: 'Bakkerij Peeters BV', rol: 'bestuurder' },
			own.mapping
		);
		expect(mapped.ok && mapped.signedIn.identity.enterprise).toEqual({
			number: '0123456749',
			name: 'Bakkerij Peeters BV',
			role: 'bestuurder'
		});
		expect(() => provider({ enterpriseNumber: 'kbo' })).toThrow(
			/providers\.0\.claims\.enterpriseName: enterpriseNumber needs enterpriseName/
		);
	});
});

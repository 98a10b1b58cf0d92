// What a provider's claims say about the person who signed in, read by the provider's mapping
// (which claim holds the national number, the roles, the level): pure, so every provider and
// preset is tested without a network. A claim the mapping needs and the provider did not give is
// a refusal naming it, never a half-made account.
import { isAssuranceLevel, type AssuranceLevel } from '$lib/process/assurance';
import type { VerifiedIdentity } from '$lib/process/identity';
import type { Role } from '$lib/process/workflow';
import { parseEnterpriseNumber } from '$lib/process/validators/enterprise-number';
import { parseNationalNumber } from '$lib/process/validators/national-number';

/** Which claim holds what. `roles` is read for staff providers only. */
export type ClaimMapping = {
	email: string;
	emailVerified?: string;
	givenName: string;
	familyName: string;
	name?: string;
	nationalNumber?: string;
	birthDate?: string;
	roles?: string;
	/**
	 * Acting for an enterprise ("aanmelden als onderneming"): the claim with its KBO number. A
	 * sign-in whose claim holds no valid KBO number (a person for themselves, or an OVO code of a
	 * government body) acts for no enterprise.
	 */
	enterpriseNumber?: string;
	/** The enterprise's name; required when the number is given. */
	enterpriseName?: string;
	/** The person's role or mandate in the enterprise (zaakvoerder, …); optional. */
	enterpriseRole?: string;
};

/** The ready-made mappings (README: "Sign-in with eID, itsme or the municipality's accounts"). */
export const claimPresets = {
	// ACM/IDM (Toegangsbeheer Vlaanderen): the national number in `rrn`; staff roles in `vo_roles`
	// ("<role>:<organisation code>" values, mapped in `roles`).
	acmidm: {
		email: 'email',
		givenName: 'given_name',
		familyName: 'family_name',
		nationalNumber: 'rrn',
		birthDate: 'birthdate',
		roles: 'vo_roles',
		// Signed in for an enterprise (scope `vo`): the chosen organisation's code, a KBO number
		// for an enterprise (`vo_doelgroepcode` EA), and its name; the role as the integration
		// dossier names it.
		enterpriseNumber: 'vo_orgcode',
		enterpriseName: 'vo_orgnaam',
		enterpriseRole: 'vo_functie'
	},
	// Microsoft Entra ID: staff; the groups claim (group object ids) mapped in `roles`.
	entra: {
		email: 'email',
		givenName: 'given_name',
		familyName: 'family_name',
		name: 'name',
		roles: 'groups'
	}
} as const satisfies Record<string, ClaimMapping>;

/** The levels ACM/IDM names its means by (its `acr`), and the eIDAS levels any provider may send. */
export const defaultLevels: Record<string, AssuranceLevel> = {
	'urn:be:vlaanderen:authmech:eid': 'high',
	'urn:be:vlaanderen:authmech:itsme': 'high',
	'urn:be:vlaanderen:authmech:eidas-high': 'high',
	'urn:be:vlaanderen:authmech:totp': 'substantial',
	'urn:be:vlaanderen:authmech:sms': 'substantial',
	'urn:be:vlaanderen:authmech:eidas-substantial': 'substantial',
	'urn:be:vlaanderen:authmech:csam-password': 'low',
	'http://eidas.europa.eu/LoA/high': 'high',
	'http://eidas.europa.eu/LoA/substantial': 'substantial',
	'http://eidas.europa.eu/LoA/low': 'low'
};

export type SignedIn = {
	subject: string;
	email: string;
	emailVerified: boolean;
	name: string;
	identity: VerifiedIdentity;
	level: AssuranceLevel;
	/** Staff providers: the Loket roles the role claim maps to (none: no back-office). */
	roles: Role[];
};

export type ClaimRefusal = { ok: false; reason: 'missing-claim' | 'invalid-claim'; claim: string };

export type MappingOptions = {
	claims: ClaimMapping;
	/** `acr` values to levels; an `acr` not in it, or none, is `defaultLevel`. */
	levels: Record<string, AssuranceLevel>;
	defaultLevel: AssuranceLevel;
	/** Staff providers: role claim value → Loket roles. */
	roleMap?: Record<string, Role[]>;
};

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function values(value: unknown): string[] {
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	return typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : [];
}

/** The level an `acr` means for this provider. */
export function levelOf(acr: unknown, options: Pick<MappingOptions, 'levels' | 'defaultLevel'>) {
	const value = text(acr);
	const level = value === undefined ? undefined : options.levels[value];
	return isAssuranceLevel(level) ? level : options.defaultLevel;
}

export function mapClaims(
	claims: Record<string, unknown>,
	options: MappingOptions
): { ok: true; signedIn: SignedIn } | ClaimRefusal {
	const { claims: mapping } = options;
	const subject = text(claims.sub);
	if (!subject) return { ok: false, reason: 'missing-claim', claim: 'sub' };
	const required = {
		email: mapping.email,
		givenName: mapping.givenName,
		familyName: mapping.familyName
	};
	const found: Record<string, string> = {};
	for (const [key, claim] of Object.entries(required)) {
		const value = text(claims[claim]);
		if (!value) return { ok: false, reason: 'missing-claim', claim };
		found[key] = value;
	}
	const identity: VerifiedIdentity = { givenName: found.givenName, familyName: found.familyName };
	if (mapping.nationalNumber) {
		const raw = text(claims[mapping.nationalNumber]);
		if (!raw) return { ok: false, reason: 'missing-claim', claim: mapping.nationalNumber };
		const parsed = parseNationalNumber(raw);
		if (!parsed.ok) return { ok: false, reason: 'invalid-claim', claim: mapping.nationalNumber };
		identity.nationalNumber = parsed.value.normalized;
	}
	if (mapping.birthDate) {
		const birthDate = text(claims[mapping.birthDate]);
		if (birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate)) identity.birthDate = birthDate;
	}
	if (mapping.enterpriseNumber && mapping.enterpriseName) {
		const raw = text(claims[mapping.enterpriseNumber]);
		const parsed = raw ? parseEnterpriseNumber(raw) : undefined;
		if (parsed?.ok) {
			const name = text(claims[mapping.enterpriseName]);
			if (!name) return { ok: false, reason: 'missing-claim', claim: mapping.enterpriseName };
			const role = mapping.enterpriseRole ? text(claims[mapping.enterpriseRole]) : undefined;
			identity.enterprise = { number: parsed.value.normalized, name, ...(role ? { role } : {}) };
		}
	}
	const roles = new Set<Role>();
	if (mapping.roles && options.roleMap)
		for (const value of values(claims[mapping.roles]))
			for (const role of options.roleMap[value] ?? []) roles.add(role);
	const verifiedClaim = mapping.emailVerified ?? 'email_verified';
	return {
		ok: true,
		signedIn: {
			subject,
			email: found.email.toLowerCase(),
			emailVerified: claims[verifiedClaim] === true,
			name:
				(mapping.name && text(claims[mapping.name])) || `${found.givenName} ${found.familyName}`,
			identity,
			level: levelOf(claims.acr, options),
			roles: [...roles]
		}
	};
}

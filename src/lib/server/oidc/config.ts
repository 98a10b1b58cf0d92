// The OpenID Connect providers a municipality signs people in with, from a JSON file
// (OIDC_PROVIDERS_FILE; README: "Sign-in with eID, itsme or the municipality's accounts"). Each
// says who may use it (citizens or staff), how to reach it, which claims hold what (a preset or
// a mapping of its own), which `acr` values mean which level, and, for staff, which group or role
// claim values give which Loket role. Errors name the provider and the setting.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { assuranceLevels, type AssuranceLevel } from '$lib/process/assurance';
import type { Role } from '$lib/process/workflow';
import { claimPresets, defaultLevels, type ClaimMapping, type MappingOptions } from './claims';

const level = z.enum(assuranceLevels);
const mapping = z
	.strictObject({
		email: z.string().min(1),
		emailVerified: z.string().min(1).optional(),
		givenName: z.string().min(1),
		familyName: z.string().min(1),
		name: z.string().min(1).optional(),
		nationalNumber: z.string().min(1).optional(),
		birthDate: z.string().min(1).optional(),
		roles: z.string().min(1).optional(),
		enterpriseNumber: z.string().min(1).optional(),
		enterpriseName: z.string().min(1).optional(),
		enterpriseRole: z.string().min(1).optional()
	})
	.refine((m) => !m.enterpriseNumber || m.enterpriseName, {
		message: 'enterpriseNumber needs enterpriseName',
		path: ['enterpriseName']
	});

const providerSchema = z.strictObject({
	/** In the addresses: /aanmelden/<id>, /aanmelden/<id>/terug. */
	id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
	/** The button: "Aanmelden met <label>". */
	label: z.strictObject({ nl: z.string().min(1), en: z.string().min(1).optional() }),
	audience: z.enum(['citizens', 'staff']),
	issuer: z.url(),
	clientId: z.string().min(1),
	clientSecret: z.string().min(1).optional(),
	scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
	claims: z.union([z.enum(['acmidm', 'entra']), mapping]).default('acmidm'),
	/** `acr` values to levels, over the ready-made ones (ACM/IDM's means, eIDAS). */
	levels: z.record(z.string(), level).default({}),
	/** The level of a sign-in whose `acr` is not known. */
	defaultLevel: level.default('low'),
	/** `acr_values` to ask for when a process needs a level (e.g. "high": the eID and itsme URNs). */
	askLevel: z.partialRecord(level, z.string().min(1)).default({}),
	/** Staff: role or group claim value → Loket roles. Not given any: no back-office. */
	roles: z.record(z.string(), z.array(z.enum(['staff', 'clerk', 'admin']))).default({}),
	/** Seconds to add to this server's clock when checking the provider's tokens (a clock known
	 * to be off); 0 normally. */
	clockSkew: z.number().int().default(0),
	/** Development and tests only: an issuer on http://. */
	allowInsecure: z.boolean().default(false)
});

export type ProviderSettings = z.infer<typeof providerSchema>;

export type Provider = Omit<ProviderSettings, 'claims' | 'levels' | 'roles'> & {
	mapping: MappingOptions;
};

function toProvider(settings: ProviderSettings): Provider {
	const { claims, levels, roles, ...rest } = settings;
	const claimMapping: ClaimMapping = typeof claims === 'string' ? claimPresets[claims] : claims;
	return {
		...rest,
		mapping: {
			claims: claimMapping,
			levels: { ...defaultLevels, ...levels } as Record<string, AssuranceLevel>,
			defaultLevel: settings.defaultLevel,
			roleMap: roles as Record<string, Role[]>
		}
	};
}

export class ProviderConfigError extends Error {}

/** Parses the providers' settings (the file's content); throws one readable line per error. */
export function parseProviders(json: unknown): Provider[] {
	const result = z.array(providerSchema).safeParse(json);
	if (!result.success)
		throw new ProviderConfigError(
			'Invalid OIDC_PROVIDERS_FILE:\n' +
				result.error.issues.map((i) => `  - providers.${i.path.join('.')}: ${i.message}`).join('\n')
		);
	const ids = result.data.map((p) => p.id);
	const twice = ids.find((id, i) => ids.indexOf(id) !== i);
	if (twice) throw new ProviderConfigError(`Invalid OIDC_PROVIDERS_FILE: "${twice}" is used twice`);
	return result.data.map(toProvider);
}

/** The providers in the file, or none when no file is set. */
export function readProviders(file: string | undefined): Provider[] {
	if (!file) return [];
	let json: unknown;
	try {
		json = JSON.parse(readFileSync(file, 'utf8'));
	} catch (e) {
		throw new ProviderConfigError(
			`OIDC_PROVIDERS_FILE ${file} cannot be read as JSON: ${(e as Error).message}`
		);
	}
	return parseProviders(json);
}

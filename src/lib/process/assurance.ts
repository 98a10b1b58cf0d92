// Levels of assurance (eIDAS): how certain the municipality is of who signed in. A process asks
// for one (`none`: a guest may file; `low`: any account, a password too; `substantial`: e.g. the
// CSAM app or an SMS code; `high`: eID or itsme); a session reaches one when it signs in.
import type { VerifiedIdentity } from './identity';

export const assuranceLevels = ['low', 'substantial', 'high'] as const;
export type AssuranceLevel = (typeof assuranceLevels)[number];

/** What a process may ask for: a level, or `none` for a guest. */
export const requiredAssurances = ['none', ...assuranceLevels] as const;
export type RequiredAssurance = (typeof requiredAssurances)[number];

const rank: Record<RequiredAssurance, number> = { none: 0, low: 1, substantial: 2, high: 3 };

/** Whether a session at `reached` (null: no session) may do what needs `needed`. */
export function meetsAssurance(reached: AssuranceLevel | null, needed: RequiredAssurance): boolean {
	return rank[reached ?? 'none'] >= rank[needed];
}

export function isAssuranceLevel(value: unknown): value is AssuranceLevel {
	return typeof value === 'string' && (assuranceLevels as readonly string[]).includes(value);
}

/** What filing a process asks of the sign-in: `none` unless signing in is required. */
export function neededAssurance(def: {
	auth: 'none' | 'optional' | 'required';
	assurance?: AssuranceLevel;
}): RequiredAssurance {
	return def.auth === 'required' ? (def.assurance ?? 'low') : 'none';
}

/**
 * How a citizen is signed in: a provider's id (null: a password), the level reached, and the
 * person the provider vouched for (their applicant fields are filed as it says).
 */
export type SignedIn = {
	provider: string | null;
	assurance: AssuranceLevel;
	identity?: VerifiedIdentity | null;
};

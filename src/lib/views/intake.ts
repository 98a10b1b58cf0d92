// What the intake pages show (issue 20, item 3): how a request reached the municipality when a
// member of staff files it for a citizen, and the start of an intake.

/** How staff received a request they file for a citizen, in the order the start page offers. */
export const INTAKE_CHANNELS = ['desk', 'phone', 'letter', 'email'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
/** How a dossier was filed: at the e-counter, through the API, or by staff (an intake). */
export type DossierChannel = 'web' | 'api' | IntakeChannel;

export function isIntakeChannel(value: unknown): value is IntakeChannel {
	return (INTAKE_CHANNELS as readonly unknown[]).includes(value);
}

/** A process staff may file for a citizen: one of their departments'. */
export type IntakeProcess = { id: string; title: { nl: string; en?: string } };

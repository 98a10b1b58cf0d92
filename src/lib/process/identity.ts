// The person as an identity provider (eID, itsme through ACM/IDM) vouched for them when they
// signed in: the form shows these as confirmed and the server refuses a post that changes them.
import type { AnswerMap, AnswerOptions, Issue, PageReading } from './answers';
import type { Field } from './fields';
import { isInputField } from './fields/kinds';
import { writeField } from './fields/registry';
import { localize } from './text';

export type VerifiedIdentity = {
	givenName: string;
	familyName: string;
	/** 11 digits, checked (mod 97); absent where the provider gives none. */
	nationalNumber?: string;
	/** yyyy-mm-dd */
	birthDate?: string;
	/** The enterprise they signed in for ("aanmelden als onderneming"), where the provider says. */
	enterprise?: ActingFor;
};

/** An enterprise a person acts for, as the provider vouched for it. */
export type ActingFor = {
	/** The KBO number: 10 digits, checked (mod 97). */
	number: string;
	name: string;
	/** Their role or mandate (zaakvoerder, …), where the provider gives one. */
	role?: string;
};

/** What the identity gives for each autocomplete purpose a form's applicant fields carry. */
function byPurpose(identity: VerifiedIdentity): Record<string, string | undefined> {
	const clean = (s: string) => s.trim().replace(/\s+/g, ' ');
	const given = clean(identity.givenName);
	const family = clean(identity.familyName);
	return {
		'given-name': given || undefined,
		'family-name': family || undefined,
		name: [given, family].filter(Boolean).join(' ') || undefined,
		bday: identity.birthDate,
		organization: identity.enterprise?.name
	};
}

const lockable = new Set(['text', 'date', 'nationalNumber', 'enterpriseNumber']);

/**
 * The applicant's fields the identity provider vouched for, with its values as stored: the first
 * field of each purpose (name, given-name, family-name, bday, a national number field marked
 * `applicant`; acting for an enterprise, its name (organization) and an enterprise number field
 * marked `enterprise`) that is always asked (no condition), as `prefillApplicant` fills from the
 * account. These are shown as confirmed and cannot be changed.
 */
export function lockedAnswers(
	def: { pages: { fields: Field[] }[] },
	identity: VerifiedIdentity | null | undefined
): Record<string, string> {
	if (!identity) return {};
	const values: Record<string, string | undefined> = {
		...byPurpose(identity),
		nationalNumber: identity.nationalNumber,
		enterpriseNumber: identity.enterprise?.number
	};
	const locked: Record<string, string> = {};
	const done = new Set<string>();
	for (const field of def.pages.flatMap((p) => p.fields).filter(isInputField)) {
		const purpose =
			field.type === 'nationalNumber'
				? field.applicant
					? 'nationalNumber'
					: undefined
				: field.type === 'enterpriseNumber'
					? field.enterprise
						? 'enterpriseNumber'
						: undefined
					: 'autocomplete' in field
						? field.autocomplete
						: undefined;
		if (typeof purpose !== 'string' || !(purpose in values) || done.has(purpose)) continue;
		if (!lockable.has(field.type)) continue;
		done.add(purpose);
		const value = values[purpose];
		if (value && !field.showIf) locked[field.key] = value;
	}
	return locked;
}

/** A page's post that changes what the identity provider vouched for: one issue per field. */
export function changedLocked(
	def: { pages: { fields: Field[] }[] },
	pageIndex: number,
	reading: PageReading,
	locked: Record<string, string>,
	opts: AnswerOptions
): Issue[] {
	return def.pages[pageIndex].fields
		.filter(isInputField)
		.filter((f) => f.key in locked && reading.answers[f.key] !== locked[f.key])
		.map((f) => ({
			name: f.key,
			message: opts.messages.identityLocked({ label: localize(f.label, opts.locale) })
		}));
}

/** The answers with the vouched-for fields set to the identity's values (what is filed). */
export function withLocked(answers: AnswerMap, locked: Record<string, string>): AnswerMap {
	return { ...answers, ...locked };
}

/** The locked answers as their fields show them (a national number as 85.07.30-033.28). */
export function shownLocked(
	def: { pages: { fields: Field[] }[] },
	locked: Record<string, string>
): Record<string, string> {
	const shown: Record<string, string> = {};
	for (const field of def.pages.flatMap((p) => p.fields).filter(isInputField))
		if (field.key in locked)
			shown[field.key] = String(
				writeField(field, locked[field.key])[field.key] ?? locked[field.key]
			);
	return shown;
}

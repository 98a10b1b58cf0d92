// The applicant's own contact fields, marked in a definition by their autocomplete purposes (name,
// given-name + family-name, email), as a browser's autofill knows them. Staff see who filed a
// dossier through them (the inbox); a signed-in citizen finds them filled in from the account.
import type { ProcessDefinition } from './definition';
import { evaluateCondition } from './evaluate';
import type { AnswerMap } from './answers/values';
import { isInputField } from './fields/kinds';

export function findApplicant(
	def: Pick<ProcessDefinition, 'pages'>,
	answers: AnswerMap
): { name: string; email: string | null } {
	const fields = def.pages
		.flatMap((p) => p.fields)
		.filter((f) => evaluateCondition(f.showIf, answers));
	const text = (key: string | undefined) => {
		const value = key === undefined ? undefined : answers[key];
		return typeof value === 'string' ? value : '';
	};
	const byPurpose = (purpose: string) =>
		text(fields.find((f) => 'autocomplete' in f && f.autocomplete === purpose && text(f.key))?.key);
	const name =
		byPurpose('name') ||
		[byPurpose('given-name'), byPurpose('family-name')].filter(Boolean).join(' ');
	const email = text(fields.find((f) => f.type === 'email' && text(f.key))?.key);
	return { name, email: email || null };
}

/**
 * Answers for a new draft of a signed-in citizen: the first field of each purpose (name,
 * given-name, family-name, email) gets the account's name or e-mail. A name is split at its first
 * space ("An Van den Broeck": "An", "Van den Broeck"); the citizen sees and can correct it.
 */
export function prefillApplicant(
	def: Pick<ProcessDefinition, 'pages'>,
	account: { name: string; email: string }
): AnswerMap {
	const name = account.name.trim().replace(/\s+/g, ' ');
	const space = name.indexOf(' ');
	const values: Record<string, string> = {
		name,
		'given-name': space > 0 ? name.slice(0, space) : name,
		'family-name': space > 0 ? name.slice(space + 1) : '',
		email: account.email.trim()
	};
	const answers: AnswerMap = {};
	const done = new Set<string>();
	for (const field of def.pages.flatMap((p) => p.fields).filter(isInputField)) {
		if (!('autocomplete' in field) || typeof field.autocomplete !== 'string') continue;
		if (field.type !== 'text' && field.type !== 'email') continue;
		const purpose = field.autocomplete;
		if (!(purpose in values) || done.has(purpose)) continue;
		done.add(purpose);
		if (values[purpose]) answers[field.key] = values[purpose];
	}
	return answers;
}

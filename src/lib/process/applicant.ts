// Who filed a dossier, as staff see it in the inbox: the name and e-mail the citizen gave, found
// through the fields' autocomplete purposes (name, given-name + family-name) and e-mail type.
import type { ProcessDefinition } from './definition';
import { evaluateCondition } from './evaluate';
import type { AnswerMap } from './answers/values';

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

// Where each problem of a draft can be fixed: the editor page and the control's anchor.
import { resolve } from '$app/paths';
import type { DefinitionProblem } from '$lib/process/loader';
import { controlId } from './labels';
import { describeProblem } from '$lib/i18n/problems';
import { getLocale } from '$lib/paraglide/runtime';

export type Located = DefinitionProblem & {
	href: string;
	/** Where and what, in words and in the interface language. */
	text: string;
	area: 'general' | 'pages' | 'field' | 'workflow' | 'documents' | 'retention';
	key?: string;
};

type Draft = { pages?: unknown };

export function locateProblems(
	problems: DefinitionProblem[],
	definition: Draft,
	id: string,
	version: number
): Located[] {
	const params = { id, version: String(version) };
	const pages = Array.isArray(definition.pages)
		? (definition.pages as { fields?: { key?: string }[] }[])
		: [];
	const locale = getLocale();
	return problems.map((problem) => {
		const p = { ...problem, text: describeProblem(problem, definition, locale) };
		const anchor = `#${controlId(p.path)}`;
		const field = /^pages\[(\d+)\]\.fields\[(\d+)\]/.exec(p.path);
		const key = field ? pages[Number(field[1])]?.fields?.[Number(field[2])]?.key : undefined;
		if (field && typeof key === 'string' && /^[a-z][a-zA-Z0-9]*$/.test(key))
			return {
				...p,
				area: 'field',
				key,
				href:
					resolve('/backoffice/processes/[id]/versions/[version]/edit/fields/[key]', {
						...params,
						key
					}) + anchor
			};
		if (p.path.startsWith('pages'))
			return {
				...p,
				area: 'pages',
				href: resolve('/backoffice/processes/[id]/versions/[version]/edit/pages', params) + anchor
			};
		if (p.path.startsWith('documents'))
			return {
				...p,
				area: 'documents',
				// A transition the workflow does not have is not a checkbox: the list's control shows it.
				href:
					resolve('/backoffice/processes/[id]/versions/[version]/edit/documents', params) +
					`#${controlId(p.path.replace(/(\.transitions)\[\d+\]$/, '$1'))}`
			};
		if (p.path.startsWith('retention'))
			return {
				...p,
				area: 'retention',
				href:
					resolve('/backoffice/processes/[id]/versions/[version]/edit/retention', params) +
					`#${controlId(p.path.replace(/(\.states)\[\d+\]$/, '$1'))}`
			};
		if (p.path.startsWith('workflow'))
			return {
				...p,
				area: 'workflow',
				href:
					resolve('/backoffice/processes/[id]/versions/[version]/edit/workflow', params) + anchor
			};
		return {
			...p,
			area: 'general',
			href: resolve('/backoffice/processes/[id]/versions/[version]/edit', params) + anchor
		};
	});
}

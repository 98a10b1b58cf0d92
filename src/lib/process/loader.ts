// Loads process definitions from JSON text and reports every problem with its file name and
// path, e.g. `forms/bewonerskaart.json: pages[1].fields[3].showIf.field: unknown field "kenteken"`.
// Pure: the caller reads the files (bundled, from disk, or from an upload).
import type { z } from 'zod';
import { processDefinition, type ProcessDefinition } from './definition';

export type LoadedDefinition = { file: string; definition: ProcessDefinition };
export type LoadResult =
	| { ok: true; definitions: LoadedDefinition[] }
	| { ok: false; errors: string[]; definitions: LoadedDefinition[] };

/** `pages[1].fields[3].showIf.field` from ['pages', 1, 'fields', 3, 'showIf', 'field']. */
export function formatPath(path: readonly PropertyKey[]): string {
	return path
		.map((part, i) =>
			typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`
		)
		.join('');
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
	return issueProblems(issues).map(({ path, message }) => `${path ? `${path}: ` : ''}${message}`);
}

/** Validates one definition; `file` prefixes every message. */
export function parseDefinition(
	file: string,
	text: string
): { ok: true; definition: ProcessDefinition } | { ok: false; errors: string[] } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		return { ok: false, errors: [`${file}: not valid JSON: ${(e as Error).message}`] };
	}
	const result = processDefinition.safeParse(json);
	if (!result.success)
		return { ok: false, errors: formatIssues(result.error.issues).map((m) => `${file}: ${m}`) };
	return { ok: true, definition: result.data };
}

/** Validates a whole library: every file, then that each (id, version) appears once. */
export function loadDefinitions(files: Record<string, string>): LoadResult {
	const errors: string[] = [];
	const definitions: LoadedDefinition[] = [];
	const seen = new Map<string, string>();
	for (const file of Object.keys(files).sort()) {
		const result = parseDefinition(file, files[file]);
		if (!result.ok) {
			errors.push(...result.errors);
			continue;
		}
		const { id, version } = result.definition;
		const key = `${id}@${version}`;
		const other = seen.get(key);
		if (other) errors.push(`${file}: id "${id}" version ${version} is also defined in ${other}`);
		else seen.set(key, file);
		definitions.push({ file, definition: result.definition });
	}
	return errors.length > 0 ? { ok: false, errors, definitions } : { ok: true, definitions };
}

/**
 * One problem of a definition, at the path of the value it concerns (`pages[0].fields[2].label`).
 * `message` is English, for the command line; `issue` carries what the interface needs to say it
 * in the user's language ($lib/i18n/problems).
 */
export type DefinitionProblem = { path: string; message: string; issue?: ProblemIssue };

/** The facts of a schema issue, without the value itself. */
export type ProblemIssue = {
	code: string;
	expected?: string;
	missing?: boolean;
	origin?: string;
	minimum?: number;
	maximum?: number;
	values?: string[];
	keys?: string[];
};

function issueFacts(issue: z.core.$ZodIssue): ProblemIssue {
	const facts: ProblemIssue = { code: issue.code };
	if (issue.code === 'invalid_type') {
		facts.expected = issue.expected;
		// zod leaves the input out of its issues; its message says what it received instead.
		facts.missing = issue.input === undefined && !/, received (?!undefined\b)/.test(issue.message);
	}
	if (issue.code === 'too_small') {
		facts.origin = issue.origin;
		facts.minimum = Number(issue.minimum);
	}
	if (issue.code === 'too_big') {
		facts.origin = issue.origin;
		facts.maximum = Number(issue.maximum);
	}
	if (issue.code === 'invalid_value') facts.values = issue.values.map(String);
	if (issue.code === 'unrecognized_keys') facts.keys = issue.keys;
	return facts;
}

/**
 * Checks a definition exactly as the library is checked, without a file name: the builder shows
 * each problem at the control its path names. `definition` is the parsed value when there is none.
 */
export function checkDefinition(
	json: unknown
): { ok: true; definition: ProcessDefinition } | { ok: false; problems: DefinitionProblem[] } {
	const result = processDefinition.safeParse(json);
	if (result.success) return { ok: true, definition: result.data };
	return { ok: false, problems: issueProblems(result.error.issues) };
}

function issueProblems(issues: readonly z.core.$ZodIssue[]): DefinitionProblem[] {
	return issues.flatMap((issue) => {
		if (issue.code === 'invalid_union' && issue.errors.length > 0) {
			const branches = issue.errors.filter((e) => e.length > 0);
			const best = branches.sort((a, b) => a.length - b.length)[0];
			if (best && best.every((e) => e.code !== 'invalid_union'))
				return issueProblems(best.map((e) => ({ ...e, path: [...issue.path, ...e.path] })));
		}
		return [{ path: formatPath(issue.path), message: issue.message, issue: issueFacts(issue) }];
	});
}

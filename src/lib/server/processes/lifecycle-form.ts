// The posted forms of the process pages (new process, duplicate, import) read into the builder's
// input, and its refusals turned into a message next to each field. Built per request, so the
// messages follow the request's language.
import { m } from '$lib/i18n';
import { describeProblem } from '$lib/i18n/problems';
import { getLocale } from '$lib/paraglide/runtime';
import type { FieldErrors } from '../auth/form';
import {
	IMPORT_MAX_BYTES,
	PROCESS_ID_MAX,
	TITLE_MAX,
	type ImportResult,
	type NewProcessRefusal,
	type Source
} from './lifecycle';

export type NewProcessValues = { id: string; title: string; from: string };

function text(formData: FormData, name: string, max: number): string {
	const value = formData.get(name);
	return typeof value === 'string' ? value.slice(0, max + 1) : '';
}

export function readNewProcessForm(formData: FormData): NewProcessValues {
	return {
		id: text(formData, 'id', PROCESS_ID_MAX),
		title: text(formData, 'title', TITLE_MAX),
		from: text(formData, 'from', 200)
	};
}

/** `klacht@2` → the version to start from; '' → blank. */
export function parseSource(value: string): Source | null | 'invalid' {
	if (!value) return null;
	const match = /^([a-z0-9-]+)@([1-9]\d{0,5})$/.exec(value);
	return match ? { processId: match[1], version: Number(match[2]) } : 'invalid';
}

/** A version number from a form or a URL; null unless it is a positive integer. */
export function parseVersion(value: unknown): number | null {
	return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

/** Messages per field; `idField` names the id input (the copy form calls it newId). */
export function newProcessErrors(refusal: NewProcessRefusal, idField = 'id'): FieldErrors {
	const errors: FieldErrors = {};
	const id = {
		required: m.procErrorIdRequired,
		invalid: m.procErrorIdInvalid,
		'too-long': () => m.procErrorIdTooLong({ max: PROCESS_ID_MAX }),
		taken: m.procErrorIdTaken
	} as const;
	if (refusal.id) errors[idField] = id[refusal.id]();
	if (refusal.title === 'required') errors.title = m.procErrorTitleRequired();
	if (refusal.title === 'too-long') errors.title = m.procErrorTitleTooLong({ max: TITLE_MAX });
	// Copying names its version in a hidden field: a wrong one is reported at the id.
	if (refusal.from) errors[idField === 'id' ? 'from' : idField] = m.procErrorFromUnknown();
	return errors;
}

/** The uploaded definition as text, or the message for the file field. */
export async function readImportFile(
	formData: FormData
): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
	const file = formData.get('file');
	if (!(file instanceof File) || file.size === 0)
		return { ok: false, error: m.procErrorFileRequired() };
	if (file.size > IMPORT_MAX_BYTES)
		return { ok: false, error: m.procErrorFileTooLarge({ max: IMPORT_MAX_BYTES / 1000 }) };
	return { ok: true, text: await file.text() };
}

/** A refused import: a message at the file field and, for an invalid file, every problem. */
export function importErrors(result: Exclude<ImportResult, { ok: true }>): {
	errors: FieldErrors;
	problems: string[];
} {
	if (result.reason === 'draft-exists')
		return {
			errors: {
				file: m.procErrorDraftExists({ id: `‘${result.processId}’`, version: result.version })
			},
			problems: []
		};
	// Each problem where it is in words and in the user's language (not the loader's English).
	const locale = getLocale();
	return {
		errors: { file: m.procErrorFileInvalid() },
		problems: result.problems.map((p) => describeProblem(p, result.definition, locale))
	};
}

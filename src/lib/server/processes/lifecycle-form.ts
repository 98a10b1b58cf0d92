// The process pages' forms as superforms reads them (a new process, a copy of one, the import of
// a definition file, throwing a draft away), and the lifecycle service's refusals as a message
// next to the right field. Defined once; every message is a function called while a post is read,
// so it follows that request's language. An id's and a title's other rules (required, the slug
// pattern, not taken) and whether a file is a valid definition are the lifecycle service's.
import { z } from 'zod';
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

/** The highest version number a form or a URL may name (six digits). */
const VERSION_MAX = 999_999;

const idTooLong = () => m.procErrorIdTooLong({ max: PROCESS_ID_MAX });
const processId = z.string().trim().max(PROCESS_ID_MAX, { error: idTooLong });
/** What to start from: '' (blank) or `klacht@2`, a process's version as the select posts it. */
const sourcePattern = /^(?:[a-z0-9-]+@[1-9]\d{0,5})?$/;

/** A new process: its id, its Dutch title and what it starts from. */
export const newProcessSchema = z.object({
	id: processId,
	title: z
		.string()
		.trim()
		.max(TITLE_MAX, { error: () => m.procErrorTitleTooLong({ max: TITLE_MAX }) }),
	from: z.string().regex(sourcePattern, { error: () => m.procErrorFromUnknown() })
});

/** A version named in a hidden field; a wrong one is no version the page offered. */
const hiddenNumber = (min: number, message: () => string) =>
	z.int({ error: message }).min(min, { error: message }).max(VERSION_MAX, { error: message });

/** A copy of one version of this process (a hidden field) under a new id. */
export const duplicateSchema = z.object({
	newId: processId,
	version: hiddenNumber(1, () => m.procErrorFromUnknown())
});

/** Throwing the draft away: its version and the revision the clerk saw (hidden fields). */
export const discardDraftSchema = z.object({
	version: hiddenNumber(1, () => m.procErrorNoDraft()),
	revision: hiddenNumber(1, () => m.procErrorNoDraft())
});

/** A definition file (the library's JSON format), up to IMPORT_MAX_BYTES. */
export const importSchema = z.object({
	file: z
		.file({ error: () => m.procErrorFileRequired() })
		.min(1, { error: () => m.procErrorFileRequired() })
		.max(IMPORT_MAX_BYTES, {
			error: () => m.procErrorFileTooLarge({ max: IMPORT_MAX_BYTES / 1000 })
		})
});

/** `klacht@2` → the version to start from; '' → blank (the schema has checked the shape). */
export function toSource(value: string): Source | null {
	const at = value.lastIndexOf('@');
	return at < 0 ? null : { processId: value.slice(0, at), version: Number(value.slice(at + 1)) };
}

/** A version number from a URL; null unless it is a positive integer. */
export function parseVersion(value: unknown): number | null {
	return typeof value === 'string' && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : null;
}

/** Messages per field; `idField` names the id input (the copy form calls it newId). */
export function newProcessErrors(refusal: NewProcessRefusal, idField = 'id'): FieldErrors {
	const errors: FieldErrors = {};
	const id = {
		required: m.procErrorIdRequired,
		invalid: m.procErrorIdInvalid,
		'too-long': idTooLong,
		taken: m.procErrorIdTaken
	} as const;
	if (refusal.id) errors[idField] = id[refusal.id]();
	if (refusal.title === 'required') errors.title = m.procErrorTitleRequired();
	if (refusal.title === 'too-long') errors.title = m.procErrorTitleTooLong({ max: TITLE_MAX });
	// Copying names its version in a hidden field: a wrong one is reported at the id.
	if (refusal.from) errors[idField === 'id' ? 'from' : idField] = m.procErrorFromUnknown();
	return errors;
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

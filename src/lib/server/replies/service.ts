// Standard replies: clerks write a text once per process (or for every process), staff insert it
// into a message to the citizen or an internal note, filled in from the dossier in the citizen's
// language (placeholders: $lib/templates). An unknown placeholder is refused when saving, so a
// typo never reaches a citizen as "{nam}".
import type { FilledTemplate, ProcessOption, TemplateInput } from '$lib/views/replies';

export type { FilledTemplate, ProcessOption, TemplateInput };
import { formatDate, m } from '$lib/i18n';
import { asLocalText, isLocale, type Locale } from '$lib/process/text';
import { getDb, type Db } from '../db';
import { fillTemplate, unknownPlaceholders, type FillValues } from '$lib/replies';
import { isUuid } from '$lib/uuid';
import * as repo from './repository';

export const TITLE_MAX = 120;
export const BODY_MAX = 5000;

export type TemplateRefusal = Partial<
	Record<
		'processId' | 'title' | 'bodyNl' | 'bodyEn' | 'bodyFr',
		'required' | 'too-long' | 'unknown-process' | { unknown: string[] }
	>
>;

export type SaveResult = { ok: true; id: string } | { ok: false; refusal: TemplateRefusal };

function check(input: TemplateInput): TemplateRefusal {
	const refusal: TemplateRefusal = {};
	if (!input.title.trim()) refusal.title = 'required';
	else if (input.title.length > TITLE_MAX) refusal.title = 'too-long';
	for (const key of ['bodyNl', 'bodyEn', 'bodyFr'] as const) {
		const text = input[key];
		if (key === 'bodyNl' && !text.trim()) refusal[key] = 'required';
		else if (text.length > BODY_MAX) refusal[key] = 'too-long';
		else if (unknownPlaceholders(text).length > 0)
			refusal[key] = { unknown: unknownPlaceholders(text) };
	}
	return refusal;
}

function clean(input: TemplateInput): TemplateInput {
	return {
		processId: input.processId || null,
		title: input.title.trim(),
		bodyNl: input.bodyNl.trim(),
		bodyEn: input.bodyEn.trim(),
		bodyFr: input.bodyFr.trim()
	};
}

/** Creates a template (no id) or changes one; refusals name the field they concern. */
export async function saveTemplate(
	userId: string,
	input: TemplateInput,
	id: string | null = null,
	db: Db = getDb()
): Promise<SaveResult | { ok: false; reason: 'not-found' }> {
	const values = clean(input);
	const refusal = check(values);
	if (values.processId && !(await repo.processExists(db, values.processId)))
		refusal.processId = 'unknown-process';
	if (Object.keys(refusal).length > 0) return { ok: false, refusal };
	if (id === null) return { ok: true, id: (await repo.insert(db, values, userId)).id };
	if (!isUuid(id) || !(await repo.update(db, id, values, userId)))
		return { ok: false, reason: 'not-found' };
	return { ok: true, id };
}

export async function getTemplate(id: string, db: Db = getDb()) {
	if (!isUuid(id)) return null;
	return (await repo.find(db, id)) ?? null;
}

export async function listTemplates(db: Db = getDb()) {
	return repo.listAll(db);
}

export async function deleteTemplate(id: string, db: Db = getDb()): Promise<boolean> {
	return isUuid(id) && repo.remove(db, id);
}

/**
 * The templates offered on one dossier, filled in for it, in the language the citizen filed in
 * (the Dutch text where a template has no English or French one).
 */
export async function templatesForDossier(
	dossier: {
		processId: string;
		reference: string;
		applicantName: string;
		dueDate: string | null;
		language: string;
	},
	municipalityName: string,
	db: Db = getDb()
): Promise<FilledTemplate[]> {
	const locale: Locale = isLocale(dossier.language) ? dossier.language : 'nl';
	const values: FillValues = {
		name: dossier.applicantName,
		reference: dossier.reference,
		due: dossier.dueDate
			? formatDate(dossier.dueDate, locale)
			: m.templateNoDueDate({}, { locale }),
		municipality: municipalityName
	};
	const rows = await repo.listForProcess(db, dossier.processId);
	return rows.map((t) => ({
		id: t.id,
		title: t.title,
		text: fillTemplate(
			(locale === 'en' ? t.bodyEn : locale === 'fr' ? t.bodyFr : '') || t.bodyNl,
			values
		)
	}));
}

/** Every process (the newest version's title), sorted by Dutch title, for the process choice. */
export async function listProcessOptions(db: Db = getDb()): Promise<ProcessOption[]> {
	const rows = await repo.listProcessTitles(db);
	return rows
		.map((r) => ({ id: r.processId, title: asLocalText(r.title) }))
		.sort((a, b) => (a.title?.nl ?? a.id).localeCompare(b.title?.nl ?? b.id, 'nl'));
}

// A clerk's preview of a document template: the template as saved in a version (a draft with
// problems included), filled in with the sample dossier of `npm run documents:sample` and rendered
// as Loket issues it, but never sealed and marked as a preview on the page, so it cannot pass for
// an issued document. Nothing is stored.
import type { ProcessDefinition } from '$lib/process/definition';
import { documentKinds, type DocumentKind, type DocumentTemplate } from '$lib/process/documents';
import { field as fieldSchema, type Field } from '$lib/process/fields';
import { checkDefinition } from '$lib/process/loader';
import { asLocalText } from '$lib/process/text';
import type { Locale } from '$lib/i18n';
import type { Db } from '../db';
import * as draftVersions from '../processes/draft-versions';
import { renderTemplate, sampleContext, type DocumentSettings } from './compose';
import { currentSettings } from './service';

type Obj = Record<string, unknown>;
const list = (v: unknown): Obj[] =>
	Array.isArray(v) ? v.filter((x): x is Obj => !!x && typeof x === 'object') : [];

/**
 * The definition a template is filled in from: the version itself when it is valid, else (a draft
 * still being written) its title and the fields that are complete, so a placeholder of a field
 * that is not finished yet comes out empty instead of stopping the preview.
 */
function definitionOf(raw: Obj, processId: string): ProcessDefinition {
	const checked = checkDefinition(raw);
	if (checked.ok) return checked.definition;
	const fields: Field[] = list(raw.pages).flatMap((p) =>
		list(p.fields).flatMap((f) => {
			const parsed = fieldSchema.safeParse(f);
			return parsed.success ? [parsed.data] : [];
		})
	);
	return {
		title: asLocalText(raw.title) ?? { nl: processId },
		pages: [{ id: 'preview', title: { nl: '' }, fields }]
	} as unknown as ProcessDefinition;
}

/** The template as saved, with the texts it has (a missing text is empty). */
function templateOf(raw: Obj): DocumentTemplate {
	const kind = documentKinds.includes(raw.kind as DocumentKind)
		? (raw.kind as DocumentKind)
		: 'decision';
	return {
		id: String(raw.id),
		kind,
		title: asLocalText(raw.title) ?? { nl: '' },
		body: asLocalText(raw.body) ?? { nl: '' },
		transitions: []
	};
}

/** The preview PDF of template `templateId` of a version; null when there is no such template. */
export async function renderPreview(
	input: { processId: string; version: number; templateId: string; locale: Locale },
	deps: { db?: Db; settings?: DocumentSettings; at?: Date } = {}
): Promise<{ bytes: Uint8Array; fileName: string } | null> {
	const version = await draftVersions.findDraft(input.processId, input.version, deps.db);
	if (!version) return null;
	const raw = list(version.definition.documents).find((d) => d.id === input.templateId);
	if (!raw) return null;
	const definition = definitionOf(version.definition, input.processId);
	const template = templateOf(raw);
	const { bytes } = await renderTemplate(
		definition,
		template,
		sampleContext(definition, input.locale, deps.at ?? new Date()),
		{ ...(deps.settings ?? currentSettings()), preview: true }
	);
	return {
		bytes,
		fileName: `voorbeeld-${input.processId}-v${input.version}-${template.id}.pdf`
	};
}

// The process editor: one clerk's change to a draft, applied as a pure edit operation and saved
// with the revision the clerk's page was read at. The draft's problems come back with every
// save; refusals (removing a field a condition still reads) are returned, never thrown.
import { applyEdit, type EditOp, type Reference, type RefusalReason } from '$lib/process/edit';
import type { DefinitionProblem } from '$lib/process/loader';
import type { Db } from '../db';
import * as draftVersions from './draft-versions';

export type EditOutcome =
	| { ok: true; revision: number; problems: DefinitionProblem[]; subject: string }
	| {
			ok: false;
			reason: 'refused';
			refusal: RefusalReason;
			detail?: string;
			references?: Reference[];
	  }
	| draftVersions.DraftRefusal;

/** `new` or a version number from the URL; null for anything else. */
export function parseVersion(param: string): number | 'new' | null {
	if (param === 'new') return 'new';
	return /^[1-9][0-9]{0,8}$/.test(param) ? Number(param) : null;
}

/** The draft to edit; null when there is no such version. A published version is read-only. */
export async function findEditable(processId: string, version: number, db?: Db) {
	return draftVersions.findDraft(processId, version, db);
}

/** Opens (or finds) the process's draft; its version number, or null for an unknown process. */
export async function openEditor(processId: string, actorId: string, db?: Db) {
	return (await draftVersions.openDraft(processId, actorId, db))?.version ?? null;
}

/** Applies one edit to the draft as read at `revision` and saves it. */
export async function edit(
	input: { processId: string; version: number; revision: number; actorId: string },
	build: (definition: Record<string, unknown>) => EditOp | null,
	db?: Db
): Promise<EditOutcome> {
	const draft = await draftVersions.findDraft(input.processId, input.version, db);
	if (!draft) return { ok: false, reason: 'not-found' };
	if (draft.status !== 'draft') return { ok: false, reason: 'not-a-draft' };
	const op = build(draft.definition);
	if (!op) return { ok: false, reason: 'refused', refusal: 'not-found' };
	const result = applyEdit(draft.definition, op);
	if (!result.ok)
		return {
			ok: false,
			reason: 'refused',
			refusal: result.reason,
			detail: result.detail,
			references: result.references
		};
	const saved = await draftVersions.saveDraft(
		{
			...input,
			definition: result.definition,
			edit: { action: op.action, subject: result.subject }
		},
		db
	);
	return saved.ok ? { ...saved, subject: result.subject } : saved;
}

export const publish = draftVersions.publishDraft;
export const discard = draftVersions.discardDraft;

// Drafts: the one version of a process clerks may change. A draft is saved as often as the clerk
// likes, even with problems (each shown at its control); it is published only without them, and
// then becomes the version new filings use while existing dossiers keep their own. Every save
// names the revision it was read at, so two clerks never overwrite each other unseen. Every
// change is written to the process's append-only change log with what changed.
import { checkDefinition, type DefinitionProblem } from '$lib/process/loader';
import { diffDefinitions, type Change } from '$lib/process/diff';
import type { ProcessDefinition } from '$lib/process/definition';
import type { Transaction } from 'kysely';
import { getDb, type Db } from '../db';
import type { Database } from '../db/schema';
import * as repo from './repository';

export type DraftConflict = {
	ok: false;
	reason: 'conflict';
	changedAt: Date;
	changedBy: string | null;
};
export type DraftRefusal =
	{ ok: false; reason: 'not-found' } | { ok: false; reason: 'not-a-draft' } | DraftConflict;

export type DraftView = {
	processId: string;
	version: number;
	status: 'draft' | 'published' | 'retired';
	revision: number;
	/** The stored JSON: a draft may not (yet) be a valid definition. */
	definition: Record<string, unknown>;
	problems: DefinitionProblem[];
	updatedAt: Date;
	updatedBy: string | null;
};

function problemsOf(definition: unknown): DefinitionProblem[] {
	const result = checkDefinition(definition);
	return result.ok ? [] : result.problems;
}

function asObject(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

const list = (value: unknown): Record<string, unknown>[] =>
	Array.isArray(value) ? value.map(asObject) : [];

/** A stored draft in the shape the diff reads, whatever problems it has. */
function diffable(value: unknown): ProcessDefinition {
	const d = asObject(value);
	const workflow = asObject(d.workflow);
	return {
		...d,
		pages: list(d.pages).map((p) => ({ ...p, fields: list(p.fields) })),
		workflow: {
			...workflow,
			states: list(workflow.states),
			transitions: list(workflow.transitions)
		}
	} as unknown as ProcessDefinition;
}

/** The changes between two stored definitions, even while a draft still has problems. */
export function changesBetween(a: unknown, b: unknown): Change[] {
	return diffDefinitions(diffable(a), diffable(b));
}

/** A version with its problems, for the editor; null when it does not exist. */
export async function findDraft(
	processId: string,
	version: number,
	db: Db = getDb()
): Promise<DraftView | null> {
	const row = await repo.findVersionRow(db, processId, version);
	if (!row) return null;
	return {
		processId: row.processId,
		version: row.version,
		status: row.status,
		revision: row.revision,
		definition: asObject(row.definition),
		problems: row.status === 'draft' ? problemsOf(row.definition) : [],
		updatedAt: row.updatedAt,
		updatedBy: row.updatedByName || row.updatedByEmail || null
	};
}

/**
 * The draft of a process: the existing one, or a new one copied from its newest version (with
 * the next version number). Returns null for an unknown process.
 */
export async function openDraft(
	processId: string,
	actorId: string,
	db: Db = getDb()
): Promise<{ version: number; created: boolean } | null> {
	return db.transaction().execute(async (trx) => {
		// Two clerks opening (or importing) at once must end up with one draft, not two.
		if (!(await repo.lockProcess(trx, processId))) return null;
		const existing = await repo.findDraftVersion(trx, processId);
		if (existing) return { version: existing.version, created: false };
		const latest = await repo.findLatestVersion(trx, processId);
		if (!latest) return null;
		const version = latest.version + 1;
		await repo.insertVersion(trx, {
			processId,
			version,
			status: 'draft',
			source: 'builder',
			definition: { ...asObject(latest.definition), id: processId, version },
			createdBy: actorId
		});
		await repo.insertProcessEvent(trx, {
			processId,
			version,
			type: 'draft-created',
			actorId,
			data: { from: latest.version }
		});
		return { version, created: true };
	});
}

/**
 * Locks a draft for a change, or says why it cannot change: unknown, no longer a draft, or saved
 * by someone else since the clerk's page read revision `revision`.
 */
async function lockDraft(
	trx: Transaction<Database>,
	input: { processId: string; version: number; revision: number }
) {
	const row = await repo.findVersionRow(trx, input.processId, input.version, true);
	const refuse = (refusal: DraftRefusal) => ({ ok: false, refusal }) as const;
	if (!row) return refuse({ ok: false, reason: 'not-found' });
	if (row.status !== 'draft') return refuse({ ok: false, reason: 'not-a-draft' });
	if (row.revision !== input.revision)
		return refuse({
			ok: false,
			reason: 'conflict',
			changedAt: row.updatedAt,
			changedBy: row.updatedByName || row.updatedByEmail || null
		});
	return { ok: true, row } as const;
}

/**
 * Stores a new definition for a draft. Problems do not stop the save; they are returned so the
 * editor can show them. The id and version inside the definition always stay the draft's own.
 */
export async function saveDraft(
	input: {
		processId: string;
		version: number;
		revision: number;
		definition: unknown;
		actorId: string;
		/** What the clerk did, in the editor's words (e.g. { action: 'field-added' }). */
		edit?: Record<string, unknown>;
	},
	db: Db = getDb()
): Promise<{ ok: true; revision: number; problems: DefinitionProblem[] } | DraftRefusal> {
	return db.transaction().execute(async (trx) => {
		const locked = await lockDraft(trx, input);
		if (!locked.ok) return locked.refusal;
		const { row } = locked;
		const definition = {
			...asObject(input.definition),
			id: input.processId,
			version: input.version
		};
		const revision = row.revision + 1;
		await repo.updateDraft(trx, {
			processId: input.processId,
			version: input.version,
			definition,
			revision,
			by: input.actorId
		});
		const problems = problemsOf(definition);
		await repo.insertProcessEvent(trx, {
			processId: input.processId,
			version: input.version,
			type: 'draft-saved',
			actorId: input.actorId,
			data: {
				revision,
				problems: problems.length,
				changes: changesBetween(row.definition, definition),
				...(input.edit ? { edit: input.edit } : {})
			}
		});
		return { ok: true, revision, problems };
	});
}

/**
 * Makes a draft without problems the current version: new filings use it from now on. Dossiers
 * filed before keep the version they were filed under.
 */
export async function publishDraft(
	input: { processId: string; version: number; revision: number; actorId: string },
	db: Db = getDb()
): Promise<
	| { ok: true; definition: ProcessDefinition; changes: Change[] }
	| DraftRefusal
	| { ok: false; reason: 'problems'; problems: DefinitionProblem[] }
> {
	return db.transaction().execute(async (trx) => {
		const locked = await lockDraft(trx, input);
		if (!locked.ok) return locked.refusal;
		const { row } = locked;
		const checked = checkDefinition(row.definition);
		if (!checked.ok) return { ok: false, reason: 'problems', problems: checked.problems } as const;
		await repo.markPublished(trx, {
			processId: input.processId,
			version: input.version,
			revision: row.revision + 1,
			by: input.actorId
		});
		const previous = await repo.findPreviousPublished(trx, input.processId, input.version);
		const changes = previous ? changesBetween(previous.definition, checked.definition) : [];
		await repo.insertProcessEvent(trx, {
			processId: input.processId,
			version: input.version,
			type: 'published',
			actorId: input.actorId,
			data: { previous: previous?.version ?? null, changes }
		});
		return { ok: true, definition: checked.definition, changes };
	});
}

/** Throws a draft away; the versions before it are untouched. */
export async function discardDraft(
	input: { processId: string; version: number; revision: number; actorId: string },
	db: Db = getDb()
): Promise<{ ok: true } | DraftRefusal> {
	return db.transaction().execute(async (trx) => {
		const locked = await lockDraft(trx, input);
		if (!locked.ok) return locked.refusal;
		await repo.deleteDraft(trx, input.processId, input.version);
		await repo.insertProcessEvent(trx, {
			processId: input.processId,
			version: input.version,
			type: 'draft-discarded',
			actorId: input.actorId
		});
		return { ok: true };
	});
}

// Working through a pile (issue 20, item 4): one action on several dossiers chosen in the inbox.
// Each dossier is handled on its own, exactly as on its own page: checked against the version the
// inbox showed, its own definition version and workflow, and the user's departments, in its own
// transaction. One that cannot be done does not stop the others; the answer has a result per
// dossier, so the user sees which were done and why the others were not.
import { isUuid } from '$lib/uuid';
import { listAllowedTransitions } from '$lib/process/progress';
import type { LocalText } from '$lib/process/text';
import type { Role } from '$lib/process/workflow';
import type { SessionUser } from '../auth/repository';
import { getDb, type Db } from '../db';
import * as departments from '../departments/service';
import * as processes from '../processes/service';
import * as handling from './handling';
import * as repo from './repository';

/** At most this many dossiers in one go (two inbox pages). */
export const BULK_MAX = 100;

/** A dossier as the inbox showed it: its id and the version then. */
export type BulkItem = { id: string; version: number };

export type BulkRefusal =
	| 'conflict'
	| 'not-found'
	| 'not-allowed'
	| 'note-required'
	| 'too-long'
	| 'not-staff'
	| 'document-failed';

export type BulkOutcome = {
	id: string;
	/** Null for an id that is not a dossier this user may see. */
	reference: string | null;
} & (
	| { ok: true }
	| {
			ok: false;
			reason: BulkRefusal;
			changedBy?: string | null;
			changedAt?: Date;
			/** Why a document could not be made. */
			message?: string;
	  }
);

export type BulkAction =
	| { kind: 'assign'; assigneeId: string | null }
	| { kind: 'transition'; transitionId: string; note: string };

/** Reads `id:version` pairs as the inbox's check boxes post them; anything else is dropped. */
export function parseItems(values: readonly string[]): BulkItem[] {
	const seen = new Set<string>();
	const items: BulkItem[] = [];
	for (const value of values) {
		const [id, version] = value.split(':');
		const v = Number(version);
		if (!isUuid(id ?? '') || !Number.isInteger(v) || v < 0 || seen.has(id)) continue;
		seen.add(id);
		items.push({ id, version: v });
	}
	return items;
}

/**
 * Does one action on each dossier, in turn; a dossier outside the user's departments counts as
 * not found (as its page would). More than BULK_MAX items is refused as a whole.
 */
export async function apply(
	user: SessionUser,
	items: readonly BulkItem[],
	action: BulkAction,
	db: Db = getDb(),
	now = new Date()
): Promise<
	| { ok: true; outcomes: BulkOutcome[]; label: LocalText | null }
	| { ok: false; reason: 'none' | 'too-many' }
> {
	if (items.length === 0) return { ok: false, reason: 'none' };
	if (items.length > BULK_MAX) return { ok: false, reason: 'too-many' };
	const scope = await departments.scopeFor(user.id, db);
	const outcomes: BulkOutcome[] = [];
	// The step's name, from the first dossier whose workflow has it.
	let label: LocalText | null = null;
	for (const item of items) {
		const dossier = await repo.findById(db, item.id);
		if (!dossier || !departments.canSee(scope, dossier)) {
			outcomes.push({ id: item.id, reference: null, ok: false, reason: 'not-found' });
			continue;
		}
		const result =
			action.kind === 'assign'
				? await handling.assign(
						dossier.id,
						user,
						{ assigneeId: action.assigneeId, expectedVersion: item.version },
						db,
						now
					)
				: await handling.transition(
						dossier.id,
						{ kind: 'staff', user },
						{ transitionId: action.transitionId, expectedVersion: item.version, note: action.note },
						db,
						now
					);
		const base = { id: dossier.id, reference: dossier.reference };
		if (action.kind === 'transition' && !label) {
			const definition = await processes.getVersion(dossier.processId, dossier.processVersion, db);
			label =
				definition.workflow.transitions.find((t) => t.id === action.transitionId)?.label ?? null;
		}
		if (result.ok) outcomes.push({ ...base, ok: true });
		else if (result.reason === 'conflict')
			outcomes.push({
				...base,
				ok: false,
				reason: 'conflict',
				changedBy: result.changedBy,
				changedAt: result.changedAt
			});
		else if (result.reason === 'document-failed')
			outcomes.push({ ...base, ok: false, reason: result.reason, message: result.message });
		else outcomes.push({ ...base, ok: false, reason: result.reason });
	}
	return { ok: true, outcomes, label };
}

/** A transition offered for the dossiers shown: its id and its label(s). */
export type BulkTransition = { id: string; label: LocalText };

/**
 * The transitions these roles may take from at least one of these dossiers' states, each once by
 * id (processes may name the same step differently: then every name is given). Whether each
 * dossier allows it is checked again, per dossier, when it is applied.
 */
export async function transitionsFor(
	dossiers: readonly { processId: string; processVersion: number; status: string }[],
	roles: readonly Role[],
	db: Db = getDb()
): Promise<BulkTransition[]> {
	const labels = new Map<string, LocalText[]>();
	const done = new Set<string>();
	for (const d of dossiers) {
		const key = `${d.processId}@${d.processVersion}#${d.status}`;
		if (done.has(key)) continue;
		done.add(key);
		const definition = await processes.getVersion(d.processId, d.processVersion, db);
		for (const t of listAllowedTransitions(definition.workflow, d.status, roles)) {
			const known = labels.get(t.id) ?? [];
			if (!known.some((l) => l.nl === t.label.nl)) known.push(t.label);
			labels.set(t.id, known);
		}
	}
	return [...labels].map(([id, unsorted]) => {
		const l = unsorted.sort((a, b) => a.nl.localeCompare(b.nl, 'nl'));
		return {
			id,
			label: {
				nl: l.map((x) => x.nl).join(' / '),
				en: l.map((x) => x.en ?? x.nl).join(' / ')
			}
		};
	});
}

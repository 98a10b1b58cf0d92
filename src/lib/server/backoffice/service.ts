// The back-office's views on the dossiers of every citizen. Only staff, clerks and admins may see
// them: the routes check the role before calling. Titles and status labels come from the
// definition version a dossier was filed under; when that is unreadable, the ids are shown.
import type { LocalText } from '$lib/process/text';
import { getDb, type Db } from '../db';
import * as repo from './repository';

export const RECENT_DOSSIER_COUNT = 20;

export type RecentDossier = {
	id: string;
	reference: string;
	processId: string;
	title: LocalText | null;
	status: string;
	statusLabel: LocalText | null;
	submittedAt: Date;
	dueDate: string | null;
};

function asLocalText(value: unknown): LocalText | null {
	return typeof value === 'object' &&
		value !== null &&
		typeof (value as { nl?: unknown }).nl === 'string'
		? (value as LocalText)
		: null;
}

function findStateLabel(states: unknown, status: string): LocalText | null {
	if (!Array.isArray(states)) return null;
	const state: unknown = states.find(
		(s: unknown) => typeof s === 'object' && s !== null && (s as { id?: unknown }).id === status
	);
	return state ? asLocalText((state as { label?: unknown }).label) : null;
}

/** The most recently submitted dossiers, newest first. */
export async function listRecentDossiers(
	db: Db = getDb(),
	limit = RECENT_DOSSIER_COUNT
): Promise<RecentDossier[]> {
	const rows = await repo.listRecentDossiers(db, limit);
	return rows.map((r) => ({
		id: r.id,
		reference: r.reference,
		processId: r.processId,
		title: asLocalText(r.title),
		status: r.status,
		statusLabel: findStateLabel(r.states, r.status),
		submittedAt: r.submittedAt,
		dueDate: r.dueDate
	}));
}

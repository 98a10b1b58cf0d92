// Processes and their definition versions as the API shows them: the list with every version's
// status, and one published (or retired) definition, the format dossiers' answers follow. Drafts
// are a clerk's work in progress and stay out. A token limited to some processes sees only those.
import type { z } from 'zod';
import { asLocalText } from '$lib/process/text';
import { getDb, type Db } from '../db';
import * as repo from '../processes/repository';
import type * as schemas from './schemas';
import { canSeeProcess, type ApiClient } from './tokens';

export async function listProcesses(
	client: ApiClient,
	db: Db = getDb()
): Promise<z.input<typeof schemas.processList>> {
	const [rows, versions] = await Promise.all([
		repo.listProcessRows(db),
		repo.listVersionSummaries(db)
	]);
	return {
		items: rows
			.filter((p) => canSeeProcess(client, p.id))
			.map((p) => {
				// Newest first (see the repository).
				const own = versions.filter((v) => v.processId === p.id);
				return {
					id: p.id,
					title: asLocalText(own[0]?.title),
					retired: p.retiredAt !== null,
					currentVersion: own.find((v) => v.status === 'published')?.version ?? null,
					versions: own.map((v) => ({
						version: v.version,
						status: v.status,
						publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null
					}))
				};
			})
	};
}

export async function findDefinition(
	client: ApiClient,
	processId: string,
	version: number,
	db: Db = getDb()
): Promise<z.input<typeof schemas.definitionResponse> | null> {
	if (!canSeeProcess(client, processId)) return null;
	const row = await repo.findVersionRow(db, processId, version);
	if (!row || row.status === 'draft') return null;
	return {
		processId,
		version,
		status: row.status,
		publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
		definition: row.definition as Record<string, unknown>
	};
}

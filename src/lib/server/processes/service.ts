// Processes: the library import at start-up and the published catalogue citizens browse. A
// process version, once stored, never changes; dossiers point at (process id, version).
import type { Audience, Category, ProcessDefinition } from '$lib/process/definition';
import type { LocalText } from '$lib/process/text';
import { getDb, type Db } from '../db';
import type { LoadedDefinition } from '$lib/process/loader';
import { cached } from './catalogue-cache';
import * as repo from './repository';

export class LibraryError extends Error {
	override name = 'LibraryError';
	constructor(readonly problems: string[]) {
		super(`The process library has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
	}
}

/** Imports each (id, version) of the library that the database does not have yet, as published. */
export async function importLibrary(
	definitions: LoadedDefinition[],
	db: Db = getDb()
): Promise<{ imported: string[] }> {
	return db.transaction().execute(async (trx) => {
		const existing = await repo.listVersionKeys(trx);
		const imported: string[] = [];
		for (const { definition } of definitions) {
			const key = `${definition.id}@${definition.version}`;
			if (existing.has(key)) continue;
			await repo.insertProcess(trx, definition.id);
			const { $schema: _schema, ...stored } = definition;
			if (
				await repo.insertVersion(trx, {
					processId: definition.id,
					version: definition.version,
					status: 'published',
					source: 'library',
					definition: stored
				})
			)
				imported.push(key);
		}
		return { imported };
	});
}

export type CatalogueEntry = {
	id: string;
	version: number;
	title: LocalText;
	summary: LocalText;
	category: Category;
	audience: Audience[];
	auth: ProcessDefinition['auth'];
	keywords: string[];
};

/**
 * The current version of every published process, sorted by Dutch title. From memory until the
 * catalogue changes (catalogue-cache.ts); a copy, so a caller may sort or filter it.
 */
export async function listCatalogue(db: Db = getDb()): Promise<CatalogueEntry[]> {
	return [...(await cached(db, 'catalogue', () => readCatalogue(db)))];
}

async function readCatalogue(db: Db): Promise<CatalogueEntry[]> {
	const rows = await repo.listCurrentPublished(db);
	return rows
		.map(({ processId, version, definition }) => {
			const d = definition as ProcessDefinition;
			return {
				id: processId,
				version,
				title: d.title,
				summary: d.summary,
				category: d.category,
				audience: d.audience,
				auth: d.auth,
				keywords: d.keywords
			};
		})
		.sort((a, b) => a.title.nl.localeCompare(b.title.nl, 'nl'));
}

/**
 * The definition new filings of a process use, or null when it is unknown or retired. From memory
 * until the catalogue changes (catalogue-cache.ts).
 */
export function findProduct(
	processId: string,
	db: Db = getDb()
): Promise<{ version: number; definition: ProcessDefinition } | null> {
	return cached(db, `product:${processId}`, () => readProduct(processId, db));
}

/**
 * Something made from the published catalogue alone (a public page as rendered for a visitor
 * without a session), kept in memory with the catalogue: dropped when a process is published,
 * retired or reopened, and after `maxAgeMs` for what also depends on slower data (a product
 * page's measured handling times). `keep` says whether a made value may be kept at all.
 */
export function fromCatalogue<T>(
	key: string,
	make: () => Promise<T>,
	options: { keep?: (value: T) => boolean; maxAgeMs?: number } = {},
	db: Db = getDb()
): Promise<T> {
	return cached(db, `made:${key}`, make, options);
}

async function readProduct(
	processId: string,
	db: Db
): Promise<{ version: number; definition: ProcessDefinition } | null> {
	const row = await repo.findCurrentPublished(db, processId);
	return row ? { version: row.version, definition: row.definition as ProcessDefinition } : null;
}

/**
 * A version of a process that was published (the current one or an earlier one), for answers
 * given under it: a submission queued on a phone before a newer version came out. Null when the
 * process never had that version published.
 */
export async function findPublishedVersion(
	processId: string,
	version: number,
	db: Db = getDb()
): Promise<ProcessDefinition | null> {
	const row = await repo.findVersion(db, processId, version);
	return row?.status === 'published' ? (row.definition as ProcessDefinition) : null;
}

/** Published versions never change: each is read from the database once per process. */
const publishedCache = new WeakMap<Db, Map<string, ProcessDefinition>>();
const PUBLISHED_CACHE_MAX = 500;

/** One stored version of a process, whatever its status: dossiers and drafts are pinned to it. */
export async function getVersion(
	processId: string,
	version: number,
	db: Db = getDb()
): Promise<ProcessDefinition> {
	const key = `${processId}@${version}`;
	let cache = publishedCache.get(db);
	const cached = cache?.get(key);
	if (cached) return cached;
	const row = await repo.findVersion(db, processId, version);
	if (!row) throw new Error(`Process version ${processId}@${version} does not exist`);
	const definition = row.definition as ProcessDefinition;
	if (row.status === 'published') {
		if (!cache) publishedCache.set(db, (cache = new Map()));
		if (cache.size >= PUBLISHED_CACHE_MAX) cache.clear();
		cache.set(key, definition);
	}
	return definition;
}

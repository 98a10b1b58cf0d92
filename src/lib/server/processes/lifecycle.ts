// The process builder's list and lifecycle: which processes exist (library, built, imported),
// their versions with the dossiers filed under each, and what clerks do with a whole process:
// create (blank or copied), duplicate, retire and reopen, export a version as a `forms/` file and
// import one. Nothing here publishes: a new or imported definition always starts as a draft, and
// every step is written to the process's append-only change log.
import type { Change } from '$lib/process/diff';
import type { ProcessDefinition } from '$lib/process/definition';
import { checkDefinition, type DefinitionProblem } from '$lib/process/loader';
import { asLocalText } from '$lib/process/text';
import type {
	ProcessEvent,
	ProcessSummary,
	ProcessVersionStatus,
	VersionSummary
} from '$lib/views/processes';
import { getDb, type Db } from '../db';
import { countByVersionFromTally } from '../inbox/repository';
import { changesBetween } from './draft-versions';
import * as repo from './repository';

export const PROCESS_ID_MAX = 60;
export const TITLE_MAX = 200;
/** The largest definition file an import accepts. */
export const IMPORT_MAX_BYTES = 1_000_000;
const processIdPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Where the library files point for their schema; exports point there too. */
const SCHEMA_REF = './schema.json';

export type { ProcessEvent, ProcessSummary, VersionSummary };

async function summarize(db: Db, processId?: string): Promise<ProcessSummary[]> {
	const [processes, versions, counts] = await Promise.all([
		processId === undefined
			? repo.listProcessRows(db)
			: repo.findProcessRow(db, processId).then((r) => (r ? [r] : [])),
		repo.listVersionSummaries(db, processId),
		countByVersionFromTally(db, processId)
	]);
	const dossiers = new Map(counts.map((c) => [`${c.processId}@${c.processVersion}`, c.count]));
	return processes
		.map((p) => {
			const own = versions.filter((v) => v.processId === p.id);
			const newestPublished = own.find((v) => v.status === 'published')?.version ?? null;
			const currentVersion = p.retiredAt ? null : newestPublished;
			return {
				id: p.id,
				title: asLocalText(own[0]?.title) ?? { nl: p.id },
				retiredAt: p.retiredAt,
				currentVersion,
				draftVersion: own.find((v) => v.status === 'draft')?.version ?? null,
				versions: own.map((v) => ({
					version: v.version,
					status: v.status,
					source: v.source,
					createdAt: v.createdAt,
					publishedAt: v.publishedAt,
					revision: v.revision,
					dossiers: dossiers.get(`${p.id}@${v.version}`) ?? 0,
					current: v.version === currentVersion
				}))
			};
		})
		.sort((a, b) => a.title.nl.localeCompare(b.title.nl, 'nl') || a.id.localeCompare(b.id));
}

/** Every process with its versions and the dossiers filed under each, by Dutch title. */
export async function listProcesses(db: Db = getDb()): Promise<ProcessSummary[]> {
	return summarize(db);
}

/** One process with its versions; null when unknown. */
export async function findProcess(id: string, db: Db = getDb()): Promise<ProcessSummary | null> {
	return (await summarize(db, id))[0] ?? null;
}

export type NewProcessRefusal = {
	id?: 'required' | 'invalid' | 'too-long' | 'taken';
	title?: 'required' | 'too-long';
	from?: 'unknown';
};

export type Source = { processId: string; version: number };

/**
 * A minimal definition that passes every check: one page with one text field and a workflow
 * from "received" to "handled". The clerk rewrites the texts before publishing.
 */
export function blankDefinition(id: string, title: string): ProcessDefinition {
	const def = {
		id,
		version: 1,
		title: { nl: title },
		summary: { nl: title },
		category: 'BurgerOverheid',
		productType: 'AdviesBegeleiding',
		audience: ['burger'],
		auth: 'optional',
		fee: { amount: 0 },
		handlingTime: { days: 30, unit: 'calendar', legal: false },
		pages: [
			{
				id: 'aanvraag',
				title: { nl: 'Uw aanvraag', en: 'Your request' },
				fields: [
					{
						type: 'text',
						key: 'onderwerp',
						label: { nl: 'Waarover gaat uw aanvraag?', en: 'What is your request about?' },
						required: true
					}
				]
			}
		],
		workflow: {
			initial: 'ontvangen',
			states: [
				{
					id: 'ontvangen',
					label: { nl: 'Ontvangen', en: 'Received' },
					citizenText: {
						nl: 'We hebben uw aanvraag ontvangen en behandelen ze zo snel mogelijk.',
						en: 'We have received your request and will handle it as soon as possible.'
					},
					kind: 'open',
					clock: 'run',
					vlaamseCode: 'Ontvangen'
				},
				{
					id: 'afgehandeld',
					label: { nl: 'Afgehandeld', en: 'Handled' },
					citizenText: {
						nl: 'Uw aanvraag is afgehandeld.',
						en: 'Your request has been handled.'
					},
					kind: 'final',
					clock: 'stop',
					vlaamseCode: 'Afgehandeld'
				}
			],
			transitions: [
				{
					id: 'afhandelen',
					from: ['ontvangen'],
					to: 'afgehandeld',
					label: { nl: 'Afhandelen', en: 'Mark as handled' },
					roles: ['staff'],
					notifyCitizen: true
				}
			]
		}
	};
	const checked = checkDefinition(def);
	// The blank definition is part of the code: a problem in it is a bug, not user input.
	if (!checked.ok) throw new Error(`The blank definition has problems: ${JSON.stringify(checked)}`);
	return checked.definition;
}

function checkNewId(id: string): NewProcessRefusal['id'] {
	if (!id) return 'required';
	if (id.length > PROCESS_ID_MAX) return 'too-long';
	if (!processIdPattern.test(id)) return 'invalid';
	return undefined;
}

function asObject(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

async function createFrom(
	trx: Db,
	input: { id: string; title: string | null; from: Source | null; actorId: string }
): Promise<{ ok: true; id: string; version: number } | { ok: false; refusal: NewProcessRefusal }> {
	let definition: Record<string, unknown>;
	if (input.from) {
		const source = await repo.findVersion(trx, input.from.processId, input.from.version);
		if (!source) return { ok: false, refusal: { from: 'unknown' } };
		const copy = structuredClone(asObject(source.definition));
		const title = asLocalText(copy.title);
		// The English title of the source names another product unless the Dutch one is kept.
		if (input.title !== null && title?.nl !== input.title) copy.title = { nl: input.title };
		definition = { ...copy, id: input.id, version: 1 };
	} else definition = blankDefinition(input.id, input.title ?? input.id);
	delete definition.$schema;
	if (!(await repo.insertNewProcess(trx, input.id))) return { ok: false, refusal: { id: 'taken' } };
	await repo.insertVersion(trx, {
		processId: input.id,
		version: 1,
		status: 'draft',
		source: 'builder',
		definition,
		createdBy: input.actorId
	});
	await repo.insertProcessEvent(trx, {
		processId: input.id,
		version: 1,
		type: 'created',
		actorId: input.actorId,
		data: { from: input.from }
	});
	return { ok: true, id: input.id, version: 1 };
}

/**
 * A new process as draft version 1: blank, or a copy of any stored version (the library's
 * included). The id is a slug no other process has.
 */
export async function createProcess(
	input: { id: string; title: string; from: Source | null; actorId: string },
	db: Db = getDb()
): Promise<{ ok: true; id: string; version: number } | { ok: false; refusal: NewProcessRefusal }> {
	const id = input.id.trim();
	const title = input.title.trim();
	const refusal: NewProcessRefusal = {
		id: checkNewId(id),
		title: !title ? 'required' : title.length > TITLE_MAX ? 'too-long' : undefined
	};
	if (!refusal.id && (await repo.findProcessRow(db, id))) refusal.id = 'taken';
	if (refusal.id || refusal.title) return { ok: false, refusal };
	return db
		.transaction()
		.execute((trx) => createFrom(trx, { id, title, from: input.from, actorId: input.actorId }));
}

/** A copy of one version of a process under a new id, as draft version 1 with the same texts. */
export async function duplicateProcess(
	processId: string,
	version: number,
	newId: string,
	actorId: string,
	db: Db = getDb()
): Promise<{ ok: true; id: string; version: number } | { ok: false; refusal: NewProcessRefusal }> {
	const id = newId.trim();
	const problem = checkNewId(id);
	if (problem) return { ok: false, refusal: { id: problem } };
	return db
		.transaction()
		.execute((trx) => createFrom(trx, { id, title: null, from: { processId, version }, actorId }));
}

export type LifecycleResult = { ok: true } | { ok: false; reason: 'not-found' | 'unchanged' };

async function setRetired(
	processId: string,
	retire: boolean,
	actorId: string,
	db: Db
): Promise<LifecycleResult> {
	return db.transaction().execute(async (trx) => {
		if (!(await repo.lockProcess(trx, processId))) return { ok: false, reason: 'not-found' };
		if (!(await repo.setRetiredAt(trx, processId, retire ? new Date() : null)))
			return { ok: false, reason: 'unchanged' };
		await repo.insertProcessEvent(trx, {
			processId,
			version: null,
			type: retire ? 'retired' : 'reopened',
			actorId
		});
		return { ok: true };
	});
}

/**
 * Takes a process out of the catalogue: nobody can start a new filing. Dossiers already filed
 * go on as before.
 */
export function retireProcess(
	processId: string,
	actorId: string,
	db: Db = getDb()
): Promise<LifecycleResult> {
	return setRetired(processId, true, actorId, db);
}

/** Puts a retired process back in the catalogue with its newest published version. */
export function reopenProcess(
	processId: string,
	actorId: string,
	db: Db = getDb()
): Promise<LifecycleResult> {
	return setRetired(processId, false, actorId, db);
}

/**
 * The definition as JSON text in the format of the library's files: `$schema` first, then the
 * keys in the schema's order (the database does not keep key order), tab-indented, with a
 * final newline. A draft with problems is exported as stored.
 */
export function formatDefinition(definition: unknown): string {
	const stored = asObject(definition);
	const checked = checkDefinition(stored);
	const { $schema: _schema, ...ordered } = checked.ok
		? (checked.definition as Record<string, unknown>)
		: stored;
	return `${JSON.stringify({ $schema: SCHEMA_REF, ...ordered }, null, '\t')}\n`;
}

/** One version as a file to download; null when it does not exist. */
export async function exportVersion(
	processId: string,
	version: number,
	db: Db = getDb()
): Promise<{ fileName: string; text: string } | null> {
	const row = await repo.findVersion(db, processId, version);
	if (!row) return null;
	return { fileName: `${processId}-v${version}.json`, text: formatDefinition(row.definition) };
}

export type ImportResult =
	| { ok: true; processId: string; version: number; created: boolean }
	| { ok: false; reason: 'invalid'; problems: DefinitionProblem[]; definition: unknown }
	| { ok: false; reason: 'draft-exists'; processId: string; version: number };

/**
 * Reads a definition file. A valid one becomes a draft: version 1 of a new process, or the next
 * version of an existing one (which must not have a draft already). An invalid one is refused
 * with every problem, and nothing is stored. An import never publishes.
 */
export async function importDefinition(
	text: string,
	actorId: string,
	db: Db = getDb()
): Promise<ImportResult> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (e) {
		const message = `JSON: ${(e as Error).message}`;
		return { ok: false, reason: 'invalid', problems: [{ path: '', message }], definition: null };
	}
	const checked = checkDefinition(json);
	if (!checked.ok)
		return {
			ok: false,
			reason: 'invalid',
			problems: checked.problems,
			definition: json
		};
	const { $schema: _schema, ...definition } = checked.definition;
	const processId = definition.id;
	return db.transaction().execute(async (trx) => {
		const created = await repo.insertNewProcess(trx, processId);
		if (!created) await repo.lockProcess(trx, processId);
		const draft = created ? undefined : await repo.findDraftVersion(trx, processId);
		if (draft) return { ok: false, reason: 'draft-exists', processId, version: draft.version };
		const latest = created ? undefined : await repo.findLatestVersion(trx, processId);
		const version = (latest?.version ?? 0) + 1;
		await repo.insertVersion(trx, {
			processId,
			version,
			status: 'draft',
			source: 'import',
			definition: { ...definition, version },
			createdBy: actorId
		});
		await repo.insertProcessEvent(trx, {
			processId,
			version,
			type: 'imported',
			actorId,
			data: { fileVersion: definition.version, previous: latest?.version ?? null }
		});
		return { ok: true, processId, version, created };
	});
}

export type VersionDiff = {
	from: { version: number; status: ProcessVersionStatus };
	to: { version: number; status: ProcessVersionStatus };
	changes: Change[];
};

/** What changed from version `a` to version `b`; null when either does not exist. */
export async function diffVersions(
	processId: string,
	a: number,
	b: number,
	db: Db = getDb()
): Promise<VersionDiff | null> {
	const [from, to] = await Promise.all([
		repo.findVersion(db, processId, a),
		repo.findVersion(db, processId, b)
	]);
	if (!from || !to) return null;
	return {
		from: { version: from.version, status: from.status },
		to: { version: to.version, status: to.status },
		changes: changesBetween(from.definition, to.definition)
	};
}

/** The change log of a process, newest first. */
export async function listEvents(processId: string, db: Db = getDb()): Promise<ProcessEvent[]> {
	const rows = await repo.listProcessEvents(db, processId);
	return rows.map((r) => ({
		id: Number(r.id),
		at: r.at,
		type: r.type,
		version: r.version,
		actor: r.actorName || r.actorEmail || null,
		data: asObject(r.data)
	}));
}

/** The changes an event records (empty for events without any). */
export function changesOf(event: Pick<ProcessEvent, 'data'>): Change[] {
	return Array.isArray(event.data.changes) ? (event.data.changes as Change[]) : [];
}

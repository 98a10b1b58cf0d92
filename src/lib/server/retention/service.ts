// The daily retention run (issue 23): every closed dossier whose term (its process version's
// `retention` rule for the outcome it reached) has passed and that is not on legal hold is
// destroyed, or first archived as a package and then destroyed; the row stays as a tombstone.
// Guarantees: one run a day across instances (a run row claimed with a lease; a killed run is
// taken up again when its lease ends); each dossier in its own transaction; a package is in place
// and verified before its dossier's rows go; the bytes of freed files are deleted after the rows
// (and a killed run's leftovers the next time); every run is a row with its counts and every
// dossier an audit event and a row of the run. Also applies the short limits of terms.ts.
import type { ProcessDefinition } from '$lib/process/definition';
import {
	findRetentionRule,
	formatTerm,
	retention as retentionSchema,
	retentionDueAt,
	termMonths,
	type RetentionAction,
	type RetentionRule
} from '$lib/process/retention';
import type { HoldView, RetiredView, RunView, UpcomingView } from '$lib/views/retention';
import { getDb, type Db } from '../db';
import * as documentsRepo from '../documents/repository';
import * as dossierRepo from '../dossiers/repository';
import { getFileStorage } from '../files';
import { readStored, type FileStorage } from '../files/storage';
import { findUnreferencedKeys } from '../maintenance/repository';
import * as processes from '../processes/service';
import { packageDir, placePackage, removeLeftovers, safeName, type PackageFile } from './archive';
import * as repo from './repository';
import { currentTerms, RUN_LEASE_MS, UPCOMING_DAYS, type RetentionTerms } from './terms';

const DAY_MS = 24 * 60 * 60 * 1000;
const YEAR_MS = 365 * DAY_MS;

export type DueDossier = repo.KeptDossier & {
	rule: RetentionRule;
	dueAt: Date;
};

/** Where a run may be interrupted on purpose (tests: a process killed at that point). */
export type RunStage = 'packaged' | 'removed';

export type RunOptions = {
	terms?: RetentionTerms;
	interrupt?: (stage: RunStage, dossierId: string) => void;
};

export type RunReport = {
	runId: string;
	destroyed: number;
	archived: number;
	held: number;
	failed: number;
	housekeeping: Record<string, number>;
};

/** The rules of every stored version that has them, by `processId@version`. */
async function loadRules(db: Db): Promise<Map<string, RetentionRule[]>> {
	const rules = new Map<string, RetentionRule[]>();
	for (const row of await repo.listVersionRetention(db)) {
		const parsed = retentionSchema.safeParse(row.retention);
		if (parsed.success && parsed.data.length > 0)
			rules.set(`${row.processId}@${row.version}`, parsed.data);
	}
	return rules;
}

/**
 * Closed dossiers that fall due before `until`, each with its rule and due date, oldest due
 * first; those on hold are included (the caller decides). A dossier whose version has no rules
 * is kept.
 */
export async function listDue(until: Date, db: Db = getDb()): Promise<DueDossier[]> {
	const rules = await loadRules(db);
	const shortest = Math.min(...[...rules.values()].flat().map((r) => termMonths(r.term)));
	if (!Number.isFinite(shortest)) return [];
	// A dossier closed after `until` minus the shortest term cannot be due yet.
	const closedBefore = new Date(until.getTime() - shortest * 28 * DAY_MS + DAY_MS);
	const due: DueDossier[] = [];
	for (const d of await repo.listKeptClosed(db, closedBefore)) {
		const rule = findRetentionRule(rules.get(`${d.processId}@${d.processVersion}`), d.status);
		if (!rule) continue;
		const dueAt = retentionDueAt(rule, d);
		if (dueAt <= until) due.push({ ...d, rule, dueAt });
	}
	return due.sort(
		(a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.reference.localeCompare(b.reference)
	);
}

/** What a destroyed dossier keeps of its rule (the tombstone's `retention`, the audit event). */
function ruleRecord(rule: RetentionRule, dueAt: Date, now: Date, pkg: string | null) {
	return {
		action: rule.action,
		term: formatTerm(rule.term),
		start: rule.start,
		selectionRule: rule.selectionRule,
		dueAt: dueAt.toISOString(),
		at: now.toISOString(),
		...(pkg ? { package: pkg } : {})
	};
}

/** The package's files: the dossier with its definition, its audit trail and its files. */
async function packageFiles(
	db: Db,
	storage: FileStorage,
	d: DueDossier,
	definition: ProcessDefinition
): Promise<PackageFile[]> {
	const dossier = await dossierRepo.findById(db, d.id);
	if (!dossier) throw new Error(`dossier ${d.reference} is gone`);
	const [events, messages, attachments, documents] = await Promise.all([
		dossierRepo.listEvents(db, d.id, false),
		dossierRepo.listMessages(db, d.id, true),
		dossierRepo.listAttachments(db, d.id),
		documentsRepo.listForDossier(db, d.id)
	]);
	const files: PackageFile[] = [];
	const fileEntries = [];
	for (const a of attachments) {
		const path = `files/${a.id}-${safeName(a.fileName)}`;
		files.push({ path, bytes: await readStored(storage, a.storageKey) });
		fileEntries.push({
			id: a.id,
			path,
			fileName: a.fileName,
			mediaType: a.mediaType,
			fieldKey: a.fieldKey,
			messageId: a.messageId,
			sha256: a.storageKey,
			createdAt: a.createdAt
		});
	}
	const documentEntries = [];
	for (const doc of documents) {
		const path = `documents/${doc.id}-${safeName(doc.fileName)}`;
		files.push({ path, bytes: await readStored(storage, doc.storageKey) });
		documentEntries.push({
			id: doc.id,
			path,
			kind: doc.kind,
			title: doc.title,
			sealed: doc.sealed,
			sha256: doc.storageKey,
			createdAt: doc.createdAt
		});
	}
	const json = (value: unknown) =>
		new TextEncoder().encode(`${JSON.stringify(value, null, '\t')}\n`);
	const {
		search: _search,
		guestTokenHash: _guest,
		changeSeq: _seq,
		changeTxid: _txid,
		...kept
	} = dossier;
	files.unshift(
		{
			path: 'dossier.json',
			bytes: json({
				dossier: kept,
				retention: { action: d.rule.action, selectionRule: d.rule.selectionRule },
				process: { id: d.processId, version: d.processVersion, definition },
				messages: messages.map((m) => ({
					id: m.id,
					authorRole: m.authorRole,
					internal: m.internal,
					body: m.body,
					createdAt: m.createdAt
				})),
				files: fileEntries,
				documents: documentEntries
			})
		},
		{ path: 'audit.json', bytes: json(events) }
	);
	return files;
}

/** Deletes the bytes of freed files no row names any more, then their pending rows. */
async function sweepPendingFiles(db: Db, storage: FileStorage, dossierId?: string) {
	const keys = await repo.listPendingFiles(db, dossierId);
	const unreferenced = new Set(await findUnreferencedKeys(db, keys));
	for (const key of keys) {
		if (unreferenced.has(key)) await storage.delete(key);
		await repo.deletePendingFile(db, key);
	}
	return unreferenced.size;
}

/** Destroys (or archives and destroys) one due dossier; false when it was not touched. */
async function retireOne(
	db: Db,
	storage: FileStorage,
	runId: string,
	d: DueDossier,
	now: Date,
	options: Required<Pick<RunOptions, 'terms'>> & RunOptions
): Promise<boolean> {
	let pkg: string | null = null;
	if (d.rule.action === 'archive') {
		const definition = await processes.getVersion(d.processId, d.processVersion, db);
		const dir = packageDir(options.terms.archiveDir, d.processId, d.reference);
		await placePackage(dir, d.reference, now, () => packageFiles(db, storage, d, definition));
		pkg = dir;
	}
	options.interrupt?.('packaged', d.id);
	const action: RetentionAction = d.rule.action;
	const done = await db.transaction().execute(async (trx) => {
		const row = await repo.lockKept(trx, d.id);
		if (!row || row.destroyedAt || row.legalHoldAt || !row.closedAt) return false;
		const record = ruleRecord(d.rule, d.dueAt, now, pkg);
		await repo.destroyDossier(trx, d.id, record);
		await dossierRepo.insertEvent(trx, {
			dossierId: d.id,
			type: action === 'archive' ? 'archived' : 'destroyed',
			actorLabel: 'Loket',
			visibility: 'internal',
			data: { runId, ...record }
		});
		await repo.insertRunDossier(trx, { runId, dossierId: d.id, action, package: pkg });
		await repo.countInRun(trx, runId, action === 'archive' ? 'archived' : 'destroyed');
		return true;
	});
	options.interrupt?.('removed', d.id);
	await sweepPendingFiles(db, storage, d.id);
	return done;
}

/** Claims the day's run (or one a killed instance left); null when there is none to do. */
async function claimRun(db: Db, now: Date): Promise<string | null> {
	const leaseUntil = new Date(now.getTime() + RUN_LEASE_MS);
	return db.transaction().execute(async (trx) => {
		const stale = await repo.claimStaleRun(trx, now);
		if (stale) {
			await repo.extendLease(trx, stale.id, leaseUntil);
			return stale.id;
		}
		const day = now.toISOString().slice(0, 10);
		return (await repo.insertRun(trx, day, now, leaseUntil))?.id ?? null;
	});
}

/** The short limits of what is not a dossier (terms.ts); the rest is in the hourly clean-up. */
async function housekeep(db: Db, storage: FileStorage, now: Date, terms: RetentionTerms) {
	return {
		pendingFiles: await sweepPendingFiles(db, storage),
		packageLeftovers: await removeLeftovers(terms.archiveDir),
		pushSubscriptions: await repo.deleteStalePush(
			db,
			new Date(now.getTime() - terms.pushDays * DAY_MS)
		),
		accessLog: await repo.pruneAccessLog(
			db,
			new Date(now.getTime() - terms.accessLogYears * YEAR_MS)
		)
	};
}

/**
 * The daily run: null when today's run is done or another instance has it. Called every hour
 * by the worker's loop; the claim makes it once a day.
 */
export async function runRetention(
	db: Db = getDb(),
	now = new Date(),
	storage: FileStorage = getFileStorage(),
	options: RunOptions = {}
): Promise<RunReport | null> {
	const terms = options.terms ?? currentTerms();
	const runId = await claimRun(db, now);
	if (!runId) return null;
	const housekeeping = await housekeep(db, storage, now, terms);
	const report: RunReport = { runId, destroyed: 0, archived: 0, held: 0, failed: 0, housekeeping };
	for (const d of await listDue(now, db)) {
		if (d.legalHoldAt) {
			report.held++;
			continue;
		}
		try {
			if (await retireOne(db, storage, runId, d, now, { ...options, terms }))
				report[d.rule.action === 'archive' ? 'archived' : 'destroyed']++;
		} catch (e) {
			console.error(`Retention of dossier ${d.reference} failed:`, e);
			report.failed++;
			await repo.countInRun(db, runId, 'failed');
		}
	}
	for (let i = 0; i < report.held; i++) await repo.countInRun(db, runId, 'held');
	await repo.finishRun(db, runId, now, housekeeping);
	return report;
}

/** What the back-office shows: due in the coming days, past runs and their dossiers, holds. */
export async function getOverview(now = new Date(), db: Db = getDb()) {
	const [upcoming, runs, retired, holds] = await Promise.all([
		listDue(new Date(now.getTime() + UPCOMING_DAYS * DAY_MS), db),
		repo.listRuns(db),
		repo.listRunDossiers(db),
		repo.listHolds(db)
	]);
	return { upcoming, runs, retired, holds, upcomingDays: UPCOMING_DAYS };
}

/** The back-office page's lists, shaped for it. */
export async function getPageView(now = new Date(), db: Db = getDb()) {
	const o = await getOverview(now, db);
	const day = (value: unknown) =>
		value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
	return {
		upcomingDays: o.upcomingDays,
		upcoming: o.upcoming.map((d): UpcomingView => ({
			id: d.id,
			reference: d.reference,
			processId: d.processId,
			status: d.status,
			dueAt: d.dueAt,
			action: d.rule.action,
			selectionRule: d.rule.selectionRule,
			onHold: d.legalHoldAt !== null
		})),
		runs: o.runs.map((r): RunView => ({
			id: r.id,
			day: day(r.day),
			finishedAt: r.finishedAt,
			destroyed: r.destroyed,
			archived: r.archived,
			held: r.held,
			failed: r.failed
		})),
		retired: o.retired.map((r): RetiredView => ({
			dossierId: r.dossierId,
			reference: r.reference,
			processId: r.processId,
			status: r.status,
			action: r.action,
			at: r.at,
			selectionRule: String(
				(r.retention as { selectionRule?: unknown } | null)?.selectionRule ?? ''
			)
		})),
		holds: o.holds.map((h): HoldView => ({
			id: h.id,
			reference: h.reference,
			processId: h.processId,
			since: h.legalHoldAt!,
			reason: h.legalHoldReason ?? '',
			by: h.heldByName || h.heldByEmail || null
		}))
	};
}

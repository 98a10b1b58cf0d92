// Form drafts: the answers of a filing in progress, kept on the server between pages so nothing
// is lost without JavaScript, on a validation error or with the back button. A guest's draft is
// found by an unguessable token in an httpOnly cookie (only its hash is stored); a draft is pinned
// to the process version it was started with.
import type { ProcessDefinition } from '$lib/process/definition';
import {
	pruneAnswers,
	type AnswerMap,
	type AnswerOptions,
	type Issue,
	type PageReading,
	type StoredFile
} from '$lib/process/answers';
import { describeAccept } from '$lib/process/answers';
import { prefillApplicant } from '$lib/process/applicant';
import {
	changedLocked,
	lockedAnswers,
	withLocked,
	type VerifiedIdentity
} from '$lib/process/identity';
import { mergePage, type AnswerStore, type Saved } from '$lib/process/runner';
import { localize, type Locale } from '$lib/process/text';
import { getDb, type Db } from '../db';
import type { FormDraft } from '../db/schema';
import type { FileStorage } from '../files/storage';
import { checkUpload, MAX_FILES_PER_REQUEST } from '../files/upload';
import * as processes from '../processes/service';
import { generateToken, hashToken } from '../tokens';
import * as repo from './repository';
import { DRAFT_LIFETIME_DAYS } from '../retention/terms';

export type DraftView = { draft: FormDraft; definition: ProcessDefinition; answers: AnswerMap };

function expiry(now: Date): Date {
	return new Date(now.getTime() + DRAFT_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
}

/** The draft a request's token points at, if it belongs to this process and to this user. */
export async function findDraft(
	q: { processId: string; token: string | undefined; ownerId: string | null },
	db: Db = getDb(),
	now = new Date()
): Promise<DraftView | null> {
	if (!q.token) return null;
	const draft = await repo.findByTokenHash(db, hashToken(q.token));
	if (!draft || draft.processId !== q.processId || draft.expiresAt < now) return null;
	// Staff's intake for a citizen is never opened as a citizen's draft (server/intake).
	if (draft.filedBy !== null) return null;
	if (draft.ownerId !== null && draft.ownerId !== q.ownerId) return null;
	const definition = await processes.getVersion(draft.processId, draft.processVersion, db);
	return { draft, definition, answers: draft.answers as AnswerMap };
}

/** Resumes the request's draft for this process, or starts one on the current version. */
export async function openDraft(
	q: {
		processId: string;
		token: string | undefined;
		ownerId: string | null;
		language: Locale;
		/** The signed-in citizen's account: a new draft starts with their name and e-mail. */
		account?: { name: string; email: string } | null;
		/** The person an identity provider vouched for: a new draft starts with what it gave. */
		identity?: VerifiedIdentity | null;
		/**
		 * The published version the answers are given under (a phone's queued submission), when
		 * not the current one: a draft on another version is not resumed, a new one starts on it.
		 */
		version?: number;
	},
	db: Db = getDb(),
	now = new Date()
): Promise<{ view: DraftView; token: string } | null> {
	const onVersion = (draft: FormDraft) =>
		q.version === undefined || draft.processVersion === q.version;
	const existing = await findDraft(q, db, now);
	if (existing && existing.draft.dossierId === null && q.token && onVersion(existing.draft))
		return { view: existing, token: q.token };
	const current = await processes.findProduct(q.processId, db);
	if (!current) return null;
	const product =
		q.version === undefined || q.version === current.version
			? current
			: await pinnedVersion(q.processId, q.version, db);
	if (!product) return null;
	const token = generateToken();
	// Signed in, without this device's cookie: continue the draft begun on another device. It gets
	// a new token (only hashes are stored), which ends the other device's cookie for it.
	const mine = q.ownerId ? await repo.findOpenDraftOfOwner(db, q.ownerId, q.processId, now) : null;
	if (mine && onVersion(mine)) {
		await repo.updateTokenHash(db, mine.id, hashToken(token));
		const definition = await processes.getVersion(mine.processId, mine.processVersion, db);
		return { view: { draft: mine, definition, answers: mine.answers as AnswerMap }, token };
	}
	const answers = withLocked(
		q.account ? prefillApplicant(product.definition, q.account) : {},
		lockedAnswers(product.definition, q.identity)
	);
	const draft = await repo.insertDraft(db, {
		tokenHash: hashToken(token),
		ownerId: q.ownerId,
		processId: q.processId,
		processVersion: product.version,
		language: q.language,
		expiresAt: expiry(now),
		answers
	});
	return { view: { draft, definition: product.definition, answers }, token };
}

async function pinnedVersion(processId: string, version: number, db: Db) {
	const definition = await processes.findPublishedVersion(processId, version, db);
	return definition ? { version, definition } : null;
}

export type SaveResult = Saved;

/**
 * Stores what one page posted: new uploads (each through `checkUpload`), the page's
 * answers, and drops every answer that no longer applies. Nothing is stored when an upload is
 * refused.
 */
export async function savePage(
	view: DraftView,
	reading: PageReading,
	deps: { storage: FileStorage; opts: AnswerOptions },
	db: Db = getDb(),
	now = new Date()
): Promise<SaveResult> {
	const fields = new Map(view.definition.pages.flatMap((p) => p.fields).map((f) => [f.key, f]));
	const prepared: { key: string; bytes: Uint8Array; type: string; name: string }[] = [];
	const issues: Issue[] = [];
	const m = deps.opts.messages;
	let count = 0;
	for (const [key, files] of Object.entries(reading.uploads)) {
		const field = fields.get(key);
		if (field?.type !== 'file') continue;
		count += files.length;
		if (count > MAX_FILES_PER_REQUEST) {
			issues.push({ name: key, message: m.fileTotal({ max: MAX_FILES_PER_REQUEST }) });
			break;
		}
		const label = localize(field.label, deps.opts.locale);
		for (const file of files) {
			const checked = await checkUpload(file, {
				accept: field.accept,
				maxBytes: field.maxSizeMb * 1024 * 1024
			});
			if (checked.ok) {
				prepared.push({ key, ...checked });
				continue;
			}
			const name = checked.name;
			const message = {
				empty: () => m.fileEmpty({ label, name }),
				'too-large': () => m.fileSize({ label, name, maxMb: field.maxSizeMb }),
				type: () => m.fileType({ label, name, accepted: describeAccept(field.accept) }),
				dimensions: () => m.fileDimensions({ label, name }),
				'active-content': () => m.fileActiveContent({ label, name })
			}[checked.reason]();
			issues.push({ name: key, message });
		}
	}
	if (issues.length > 0) return { ok: false, issues };

	return db.transaction().execute(async (trx) => {
		const merged = mergePage(view.answers, reading);
		for (const { key, name, bytes, type } of prepared) {
			const { sha256, size } = await deps.storage.put(bytes);
			const row = await repo.insertFile(trx, {
				draftId: view.draft.id,
				fieldKey: key,
				fileName: name,
				mediaType: type,
				sizeBytes: size,
				sha256
			});
			const stored: StoredFile = { id: row.id, name: row.fileName, size, type };
			merged[key] = [...((merged[key] as StoredFile[] | undefined) ?? []), stored];
		}
		const answers = pruneAnswers(view.definition, merged);
		const referenced = Object.values(answers)
			.filter((v): v is StoredFile[] => Array.isArray(v) && v.some((x) => typeof x === 'object'))
			.flatMap((files) => files.map((f) => f.id));
		await repo.deleteFilesExcept(trx, view.draft.id, referenced);
		await repo.updateAnswers(trx, view.draft.id, answers, expiry(now));
		return { ok: true as const, answers };
	});
}

export async function discardDraft(view: DraftView, db: Db = getDb()): Promise<void> {
	await repo.deleteDraft(db, view.draft.id);
}

/** The draft as the form runner's answer store: its pages live under /p/<process>/aanvragen. */
export function answerStore(
	view: DraftView,
	deps: {
		storage: FileStorage;
		opts: AnswerOptions;
		/** Fields the identity provider vouched for, with their values (`lockedAnswers`). */
		locked?: Record<string, string>;
	},
	db: Db = getDb(),
	locate: (step: string) => string = (step) => `/p/${view.draft.processId}/aanvragen/${step}`
): AnswerStore {
	return {
		form: view.definition,
		load: () => Promise.resolve(view.answers),
		save: async (pageIndex, reading) => {
			// What the identity provider vouched for is not changed by a post.
			const changed = changedLocked(
				view.definition,
				pageIndex,
				reading,
				deps.locked ?? {},
				deps.opts
			);
			if (changed.length > 0) return { ok: false, issues: changed };
			return savePage(view, reading, deps, db);
		},
		locate
	};
}

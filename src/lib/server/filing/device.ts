// What a device sends when its connection returns: the answers a citizen gave on this phone
// (offline, or before a tab was closed), with the files chosen there, either to continue online
// ("save") or as the submission queued offline ("submit").
//
// Nothing the device says is taken on trust: its answers are replayed page by page through the
// same `readPage` the form's own posts go through, into the request's own server draft (the draft
// cookie, or for a signed-in citizen their open draft). Replaying stops at the first page that
// does not pass; that page is where the citizen continues online. Files the device holds arrive
// as uploads and are sniffed like any other; files it names by id must already be in that draft.
//
// The submission carries the device's idempotency key (a random UUID made when the citizen
// pressed "send"). It becomes the dossier's submission id, which the dossier table keeps UNIQUE:
// however often the phone, its service worker and a second tab retry, there is one dossier.
import {
	listPageFields,
	listPageValues,
	listVisiblePages,
	readPage,
	type AnswerMap,
	type AnswerOptions,
	type Issue,
	type PageReading,
	type StoredFile
} from '$lib/process/answers';
import type { AssuranceLevel, SignedIn } from '$lib/process/assurance';
import type { ProcessDefinition } from '$lib/process/definition';
import { getDb, type Db } from '../db';
import * as dossierRepo from '../dossiers/repository';
import * as dossiers from '../dossiers/service';
import * as drafts from '../drafts/service';
import type { FileStorage } from '../files/storage';
import * as processes from '../processes/service';
import { findStartStep } from './service';
import type { Locale } from '$lib/process/text';

export type DeviceUpload = {
	submissionId: string | null;
	mode: 'save' | 'submit';
	answers: AnswerMap;
	/** Files the device holds, by the id its answers give them. */
	files: Map<string, File>;
	/** The process version the answers were given under (absent from an older device). */
	version?: number | null;
};

export type DeviceResult =
	| { kind: 'notFound' }
	/** A submission filled in for a version of the process that was never published. */
	| { kind: 'unknownVersion' }
	| { kind: 'filed'; reference: string; created: boolean; token: string | null }
	| { kind: 'saved'; token: string; step: string }
	| { kind: 'incomplete'; token: string; step: string; issues: Issue[] }
	/** The process needs a sign-in at this level first; what was sent is saved. */
	| { kind: 'login'; token: string; needs: AssuranceLevel };

type Requester = {
	processId: string;
	token: string | undefined;
	ownerId: string | null;
	language: Locale;
	/** How they are signed in now (null: a guest). */
	signedIn: SignedIn | null;
};

/**
 * The device's answers as one page reading for the draft: every page that applies, in order,
 * read as if the citizen had posted it, until one does not pass.
 */
export function replayAnswers(
	def: ProcessDefinition,
	device: AnswerMap,
	serverAnswers: AnswerMap,
	files: Map<string, File>,
	opts: AnswerOptions
): { reading: PageReading; stoppedAt: number | null } {
	const reading: Required<PageReading> = {
		answers: {},
		uploads: {},
		hidden: [],
		cleared: [],
		issues: []
	};
	let accepted: AnswerMap = {};
	const done = new Set<number>();
	for (;;) {
		const pageIndex = listVisiblePages(def, { ...device, ...accepted }).find((i) => !done.has(i));
		if (pageIndex === undefined) return { reading, stoppedAt: null };
		done.add(pageIndex);
		const flat = listPageValues(def, pageIndex, device);
		// Files: those already on the server are kept by id; those on the device are uploads.
		const before: AnswerMap = { ...accepted };
		for (const field of listPageFields(def, pageIndex, accepted)) {
			if (field.type !== 'file') continue;
			const listed = (device[field.key] as StoredFile[] | undefined) ?? [];
			const onServer = (serverAnswers[field.key] as StoredFile[] | undefined) ?? [];
			before[field.key] = onServer;
			flat[`${field.key}.keep`] = listed
				.filter((f) => onServer.some((s) => s.id === f.id))
				.map((f) => f.id);
			flat[field.key] = listed.flatMap((f) => {
				const file = files.get(f.id);
				return file ? [file] : [];
			});
		}
		const page = readPage(def, pageIndex, flat, before, opts);
		if (page.issues.length > 0) {
			reading.issues = page.issues;
			return { reading, stoppedAt: pageIndex };
		}
		accepted = { ...accepted, ...page.answers };
		Object.assign(reading.answers, page.answers);
		Object.assign(reading.uploads, page.uploads);
		reading.hidden.push(...page.hidden);
		reading.cleared.push(...(page.cleared ?? []));
	}
}

function pageOf(def: ProcessDefinition, fieldKey: string | undefined): string {
	const page = def.pages.find((p) => p.fields.some((f) => f.key === fieldKey)) ?? def.pages[0];
	return page.id;
}

export async function receiveFromDevice(
	who: Requester,
	upload: DeviceUpload,
	deps: { storage: FileStorage; opts: AnswerOptions },
	db: Db = getDb()
): Promise<DeviceResult> {
	// A retry of a submission that already became a dossier: the same answer as the first time.
	if (upload.mode === 'submit' && upload.submissionId) {
		const earlier = await dossierRepo.findBySubmissionId(db, upload.submissionId);
		if (earlier && earlier.processId === who.processId)
			return { kind: 'filed', reference: earlier.reference, created: false, token: null };
	}
	// Filed under the version the citizen filled it in for, as long as it was published: a newer
	// version's new questions were never asked. Answers for a version that never was are refused
	// as a submission; to continue online they go on under the current version.
	let version: number | undefined;
	if (upload.version != null) {
		const known = await processes.findPublishedVersion(who.processId, upload.version, db);
		if (known) version = upload.version;
		else if (upload.mode === 'submit') return { kind: 'unknownVersion' };
	}
	const opened = await drafts.openDraft({ ...who, version }, db);
	if (!opened) return { kind: 'notFound' };
	const { view, token } = opened;
	const { reading, stoppedAt } = replayAnswers(
		view.definition,
		upload.answers,
		view.answers,
		upload.files,
		deps.opts
	);
	// Hidden answers, and the pages after the one that stopped, keep what the server had.
	const saved = await drafts.savePage(view, { ...reading, issues: [] }, deps, db);
	if (!saved.ok)
		return {
			kind: 'incomplete',
			token,
			step: pageOf(view.definition, saved.issues[0]?.name),
			issues: saved.issues
		};
	const step = findStartStep(view.definition, saved.answers, deps.opts);
	if (stoppedAt !== null)
		return {
			kind: 'incomplete',
			token,
			step: view.definition.pages[stoppedAt].id,
			issues: reading.issues
		};
	if (upload.mode === 'save' || !upload.submissionId) return { kind: 'saved', token, step };

	const result = await dossiers.submitDraft(
		{ draft: view.draft, definition: view.definition, answers: saved.answers },
		{
			ownerId: who.ownerId,
			opts: deps.opts,
			trackingToken: token,
			submissionId: upload.submissionId,
			signedIn: who.signedIn
		},
		db
	);
	if (!result.ok && 'needs' in result) return { kind: 'login', token, needs: result.needs };
	if (!result.ok)
		return {
			kind: 'incomplete',
			token,
			step: view.definition.pages[result.issues[0]?.page ?? 0].id,
			issues: result.issues
		};
	return {
		kind: 'filed',
		reference: result.dossier.reference,
		created: result.created,
		token
	};
}

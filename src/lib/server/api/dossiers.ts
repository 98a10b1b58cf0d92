// Dossiers as another system sees them through the API: the inbox's list with its filters and
// keyset pages, or the change feed for an incremental sync; one dossier with everything staff see
// (answers, files, messages, internal notes, the audit trail and the transitions it may take), its
// files, and the changes it may make with a write token: a workflow transition and an assignment
// (with the same version check as the back-office), a message or internal note, and a document.
// (Filing a new dossier: filing.ts.) A token limited to some processes finds no other dossier: to
// it, they do not exist (404), so it cannot even learn a reference is taken.
//
// The change feed: every change of a dossier (its row, or a new message, event or attachment) gives
// it the next number of one sequence, in the change's transaction (migration api_sync). A sync page
// lists the dossiers whose number is above the cursor, lowest first, and the cursor it returns is
// the last number it covered. Numbers are handed out before their transactions commit, and commit
// in any order; so a page never covers a number that may still commit: while a transaction holds a
// number (visible as an advisory lock), the page stops below it. Hence a client that always passes
// the `next` it got sees every change, each dossier in its latest state, never passing one.
import type { z } from 'zod';
import { toIsoDate } from '$lib/process/calendar';
import { isUuid } from '$lib/uuid';
import { formatStructuredReference } from '$lib/process/validators/structured-reference';
import { findState, listAllowedTransitions } from '$lib/process/progress';
import * as accessLog from '../access-log/service';
import * as inbox from '../inbox/service';
import { getDb, type Db } from '../db';
import type { Attachment, Dossier } from '../db/schema';
import * as handling from '../dossiers/handling';
import * as dossierRepo from '../dossiers/repository';
import * as views from '../dossiers/views';
import { getFileStorage } from '../files';
import type { FileStorage } from '../files/storage';
import * as documents from '../documents/service';
import * as payments from '../payments/service';
import * as processes from '../processes/service';
import * as userRepo from '../users/repository';
import type { FieldError } from './problem';
import * as repo from './repository';
import type * as schemas from './schemas';
import { canSeeProcess, type ApiClient } from './tokens';

const REFERENCE = /^\d{4}-\d{6}$/;
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

type ListQuery = z.output<typeof schemas.dossierListQuery>;

export async function listDossiers(
	client: ApiClient,
	query: ListQuery,
	db: Db = getDb(),
	now = new Date()
): Promise<z.input<typeof schemas.dossierList>> {
	const params = new URLSearchParams();
	for (const key of [
		'process',
		'state',
		'assignee',
		'from',
		'to',
		'q',
		'sort',
		'dir',
		'after'
	] as const) {
		const value = query[key];
		if (value) params.set(key, value);
	}
	if (query.open === 'true') params.set('open', '1');
	if (query.overdue === 'true') params.set('overdue', '1');
	// A process outside the token's processes simply has no dossiers for it.
	const processIds =
		query.process && !canSeeProcess(client, query.process) ? [] : client.processIds;
	const page = await inbox.listDossierPage(params, { processIds, limit: query.limit }, db, now);
	await accessLog.record(
		readerOf(client),
		{ what: 'list', dossierIds: page.rows.map((r) => r.id) },
		db,
		now
	);
	return {
		items: page.rows.map((r) => ({
			id: r.id,
			reference: r.reference,
			processId: r.processId,
			processVersion: r.processVersion,
			processTitle: r.processTitle,
			status: r.status,
			stateLabel: r.stateLabel,
			applicantName: r.applicantName,
			applicantEmail: r.applicantEmail,
			assigneeId: r.assigneeId,
			submittedAt: iso(r.submittedAt),
			dueDate: r.dueDate,
			closedAt: isoOrNull(r.closedAt),
			overdue: r.overdue,
			paused: r.paused
		})),
		next: page.next
	};
}

/** The dossier by id or reference, if this client may see it. */
export async function findDossier(
	client: ApiClient,
	idOrReference: string,
	db: Db = getDb()
): Promise<Dossier | null> {
	const dossier = isUuid(idOrReference)
		? await dossierRepo.findById(db, idOrReference)
		: REFERENCE.test(idOrReference)
			? await dossierRepo.findByReference(db, idOrReference)
			: undefined;
	return dossier && canSeeProcess(client, dossier.processId) ? dossier : null;
}

export async function describeDossier(
	dossier: Dossier,
	db: Db = getDb()
): Promise<z.input<typeof schemas.dossierDetail>> {
	const definition = await processes.getVersion(dossier.processId, dossier.processVersion, db);
	const [events, messages, attachments, payment, issued] = await Promise.all([
		dossierRepo.listEvents(db, dossier.id, false),
		dossierRepo.listMessages(db, dossier.id, true),
		dossierRepo.listAttachments(db, dossier.id),
		payments.findPayment(dossier.id, db),
		documents.listForDossier(dossier.id, db)
	]);
	const wf = definition.workflow;
	const state = findState(wf, dossier.status);
	return {
		id: dossier.id,
		reference: dossier.reference,
		version: dossier.version,
		process: { id: dossier.processId, version: dossier.processVersion, title: definition.title },
		status: dossier.status,
		state: {
			id: dossier.status,
			label: state?.label ?? { nl: dossier.status },
			kind: state?.kind ?? 'open'
		},
		language: dossier.language,
		channel: dossier.channel,
		signedIn: dossier.assurance
			? { provider: dossier.signedInWith, assurance: dossier.assurance }
			: null,
		onBehalfOf: dossier.onBehalfKbo
			? {
					enterpriseNumber: dossier.onBehalfKbo,
					name: dossier.onBehalfName ?? '',
					actedBy: dossier.onBehalfBy ?? '',
					role: dossier.onBehalfRole
				}
			: null,
		applicant: { name: dossier.applicantName, email: dossier.applicantEmail },
		assigneeId: dossier.assigneeId,
		submittedAt: iso(dossier.submittedAt),
		updatedAt: iso(dossier.updatedAt),
		dueDate: dossier.dueDate,
		pausedSince: isoOrNull(dossier.clockPausedAt),
		closedAt: isoOrNull(dossier.closedAt),
		answers: dossier.answers,
		attachments: attachments.map((a) => describeAttachment(dossier.id, a)),
		documents: issued.map((d) => ({
			id: d.id,
			kind: d.kind,
			title: d.title,
			fileName: d.fileName,
			size: d.size,
			sha256: d.sha256,
			sealed: d.sealed,
			issuedAt: iso(d.issuedAt),
			href: `/api/v1/dossiers/${dossier.id}/documents/${d.id}`
		})),
		messages: messages.map((msg) => ({
			id: msg.id,
			authorRole: msg.authorRole,
			author: msg.authorName,
			internal: msg.internal,
			body: msg.body,
			createdAt: iso(msg.createdAt),
			attachments: attachments
				.filter((a) => a.messageId === msg.id)
				.map((a) => describeAttachment(dossier.id, a))
		})),
		events: events.map((e) => ({
			type: e.type,
			fromStatus: e.fromStatus,
			toStatus: e.toStatus,
			actor: e.actorName || e.actorEmail || e.actorLabel,
			note: e.note,
			visibility: e.visibility,
			at: iso(e.at)
		})),
		transitions: listAllowedTransitions(wf, dossier.status, ['staff']).map((t) => ({
			id: t.id,
			label: t.label,
			to: t.to,
			requiresNote: t.requiresNote,
			notifyCitizen: t.notifyCitizen
		})),
		payment: payment && {
			amountDueCents: payment.amountDueCents,
			amountPaidCents: payment.amountPaidCents,
			state: payment.state,
			structuredReference: formatStructuredReference(payment.structuredReference),
			due: payment.due,
			createdAt: iso(payment.createdAt),
			paidAt: isoOrNull(payment.paidAt)
		}
	};
}

/** The reader the access log names: the token, by its name. */
function readerOf(client: ApiClient): accessLog.Reader {
	return { kind: 'api', tokenId: client.tokenId, name: client.name };
}

/** The dossier as getDossier answers it; the read is in the access log first. */
export async function readDossier(
	client: ApiClient,
	dossier: Dossier,
	db: Db = getDb()
): Promise<z.input<typeof schemas.dossierDetail>> {
	await accessLog.record(readerOf(client), { what: 'dossier', dossierId: dossier.id }, db);
	return describeDossier(dossier, db);
}

/** One file of this dossier, with its bytes, or null; the download is in the access log. */
export function openAttachment(
	client: ApiClient,
	dossier: Dossier,
	attachmentId: string,
	deps: { storage: FileStorage } = { storage: getFileStorage() },
	db: Db = getDb()
) {
	return views.openFile(dossier, attachmentId, readerOf(client), deps, db);
}

/** One document the municipality issued for this dossier, with its bytes, or null (logged). */
export function openDocument(
	client: ApiClient,
	dossier: Dossier,
	documentId: string,
	deps: { storage: FileStorage } = { storage: getFileStorage() },
	db: Db = getDb()
) {
	return documents.openDocument(dossier, documentId, readerOf(client), deps, db);
}

function actorOf(client: ApiClient): handling.ApiActor {
	return { kind: 'api', tokenId: client.tokenId, name: client.name };
}

export function transition(
	client: ApiClient,
	dossier: Dossier,
	body: z.output<typeof schemas.transitionBody>,
	db: Db = getDb(),
	now = new Date()
): Promise<handling.TransitionResult> {
	return handling.transition(
		dossier.id,
		actorOf(client),
		{
			transitionId: body.transition,
			expectedVersion: body.version,
			note: body.note,
			documents: body.documents
		},
		db,
		now
	);
}

export function postMessage(
	client: ApiClient,
	dossier: Dossier,
	body: z.output<typeof schemas.messageBody>,
	db: Db = getDb()
): Promise<handling.MessageResult> {
	return handling.postStaffMessage(dossier.id, actorOf(client), body, db);
}

/** The filters of the inbox list, which a sync page does not take. */
const NOT_WITH_SYNC = ['state', 'assignee', 'open', 'overdue', 'from', 'to', 'q', 'after'] as const;

export type ChangesResult =
	{ ok: true; list: z.input<typeof schemas.dossierList> } | { ok: false; errors: FieldError[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Below which change number every change has committed or rolled back: the lowest number a
 * transaction still holds, else the next one to be handed out. Null while a transaction is between
 * taking the shared lock and locking its number (a few microseconds), after some retries.
 */
async function findSettledHorizon(db: Db): Promise<number | null> {
	for (let attempt = 0; attempt < 20; attempt++) {
		// The sequence first: a number handed out before this read is held by now or settled.
		const last = await repo.findLastChangeNumber(db);
		const flight = await repo.findChangesInFlight(db);
		if (flight.writers === flight.numbered)
			return Math.min(last + 1, flight.oldest ?? Number.MAX_SAFE_INTEGER);
		await sleep(2 + attempt);
	}
	return null;
}

/** One page of the change feed (see the top of this file). */
export async function listChanges(
	client: ApiClient,
	query: ListQuery,
	db: Db = getDb(),
	now = new Date()
): Promise<ChangesResult> {
	const errors: FieldError[] = NOT_WITH_SYNC.filter((k) => query[k] !== undefined).map((k) => ({
		name: k,
		message: 'Not with `cursor` or `changed_since`.'
	}));
	if (query.cursor && query.changed_since)
		errors.push({ name: 'changed_since', message: 'Either `cursor` or `changed_since`.' });
	if (errors.length > 0) return { ok: false, errors };
	const after = query.cursor ? Number(query.cursor.slice(1)) : 0;
	const next = (n: number) => `c${n}`;
	const horizon = await findSettledHorizon(db);
	if (horizon === null) return { ok: true, list: { items: [], next: next(after), more: true } };
	const processIds =
		query.process && !canSeeProcess(client, query.process) ? [] : client.processIds;
	const rows = await repo.listChanges(db, {
		after,
		before: horizon,
		since: query.changed_since ? new Date(query.changed_since) : null,
		processId: query.process ?? null,
		processIds,
		limit: query.limit + 1
	});
	const page = rows.slice(0, query.limit);
	const more = rows.length > query.limit;
	const today = toIsoDate(now);
	const items = [];
	for (const r of page) {
		const definition = await processes.getVersion(r.processId, r.processVersion, db);
		items.push({
			id: r.id,
			reference: r.reference,
			processId: r.processId,
			processVersion: r.processVersion,
			processTitle: definition.title,
			status: r.status,
			stateLabel: findState(definition.workflow, r.status)?.label ?? null,
			applicantName: r.applicantName,
			applicantEmail: r.applicantEmail,
			assigneeId: r.assigneeId,
			submittedAt: iso(r.submittedAt),
			dueDate: r.dueDate,
			closedAt: isoOrNull(r.closedAt),
			overdue: r.closedAt === null && r.dueDate !== null && r.dueDate < today,
			paused: r.clockPausedAt !== null,
			version: r.version,
			changedAt: iso(r.changedAt)
		});
	}
	// A full page continues after its last dossier; otherwise everything below the horizon that
	// this token and filter may see was on it.
	await accessLog.record(
		readerOf(client),
		{ what: 'list', dossierIds: page.map((r) => r.id) },
		db,
		now
	);
	const covered = more ? Number(page.at(-1)?.changeSeq ?? after) : Math.max(after, horizon - 1);
	return { ok: true, list: { items, next: next(covered), more } };
}

/** Assigns the dossier to a staff member by user id or e-mail address, or unassigns it (null). */
export async function assign(
	client: ApiClient,
	dossier: Dossier,
	body: z.output<typeof schemas.assignmentBody>,
	db: Db = getDb(),
	now = new Date()
): Promise<handling.AssignResult> {
	let assigneeId: string | null = null;
	if (body.assignee !== null) {
		const user = isUuid(body.assignee)
			? await userRepo.findById(db, body.assignee)
			: await userRepo.findByEmailLower(db, body.assignee.toLowerCase());
		if (!user) return { ok: false, reason: 'not-staff' };
		assigneeId = user.id;
	}
	return handling.assign(
		dossier.id,
		actorOf(client),
		{ assigneeId, expectedVersion: body.version },
		db,
		now
	);
}

/** The file name of a `Content-Disposition` header: `filename*` (RFC 5987) before `filename`. */
export function fileNameOf(disposition: string): string {
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
	if (extended?.[2]) {
		try {
			return decodeURIComponent(extended[2].trim());
		} catch {
			// Not valid percent-encoding: fall back to the plain name.
		}
	}
	const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition);
	return (plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2] ?? '').trim();
}

/** Adds a document to the dossier (a file sent raw, with its name in Content-Disposition). */
export function addDocument(
	client: ApiClient,
	dossier: Dossier,
	upload: { bytes: Uint8Array; type: string; fileName: string },
	deps: { storage: FileStorage } = { storage: getFileStorage() },
	db: Db = getDb()
): Promise<handling.DocumentResult> {
	const file = new File([upload.bytes as Uint8Array<ArrayBuffer>], upload.fileName, {
		type: upload.type === 'application/octet-stream' ? '' : upload.type
	});
	return handling.addDocument(dossier.id, actorOf(client), file, deps, db);
}

/** The attachment as the API shows it. */
export function describeAttachment(dossierId: string, a: Attachment) {
	return {
		id: a.id,
		fieldKey: a.fieldKey,
		messageId: a.messageId,
		documentRequestId: a.documentRequestId,
		fileName: a.fileName,
		mediaType: a.mediaType,
		size: a.sizeBytes,
		sha256: a.sha256,
		createdAt: iso(a.createdAt),
		href: `/api/v1/dossiers/${dossierId}/attachments/${a.id}`
	};
}

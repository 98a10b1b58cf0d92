// Handling a dossier after it is filed: workflow transitions taken by staff or by the citizen,
// messages between them (with files, and named documents staff ask for), and the handling clock
// that pauses while the municipality waits for the citizen. Every change locks the dossier row,
// checks the version the staff member saw, and writes the dossier, its audit event and any outbox
// row in one transaction. A reply carries its own id, so sending it twice stores it once.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { toIsoDate } from '$lib/process/calendar';
import { isChosenFile } from '$lib/process/answers/values';
import { stripBidiControls } from '$lib/process/clean-text';
import type { ProcessDefinition } from '$lib/process/definition';
import { mediaTypes } from '$lib/process/fields/file';
import {
	clockChange,
	countHandlingDays,
	countPausedDays,
	decidesDossier,
	findState,
	listAllowedTransitions,
	listCitizenActions,
	resumeDueDate
} from '$lib/process/progress';
import type { Role, WorkflowTransition } from '$lib/process/workflow';
import type { SessionUser } from '../auth/repository';
import { getDb, type Db } from '../db';
import type { Attachment, Database, Dossier, DossierUpdate } from '../db/schema';
import type { FileStorage } from '../files/storage';
import { getFileStorage } from '../files';
import { checkUpload, type UploadRefusal } from '../files/upload';
import * as departments from '../departments/service';
import * as documents from '../documents/service';
import * as outbox from '../outbox/repository';
import { requestPayment } from '../payments/due';
import * as processes from '../processes/service';
import { enqueuePush } from '../push/events';
import * as userRepo from '../users/repository';
import { dossierData, emitWebhookEvent, messageData } from '../webhooks/events';
import * as repo from './repository';
import { isUuid } from '$lib/uuid';
import { GUEST_ACTOR, PAYMENT_ACTOR } from '$lib/views/dossier';

export const MAX_MESSAGE_LENGTH = 5000;
export const MAX_NOTE_LENGTH = 5000;
export const MAX_REPLY_FILES = 10;
export const MAX_REPLY_FILE_MB = 10;
export const MAX_DOCUMENT_REQUESTS = 10;

/** Another system acting through the API with a token (it acts with the staff role). */
export type ApiActor = { kind: 'api'; tokenId: string; name: string };

/** Loket itself, taking a workflow's `onPaid` transition when a bank statement pays a dossier. */
export type SystemActor = { kind: 'system'; label: string };

/**
 * Who acts: a staff member, another system through the API, the citizen (userId null: a guest
 * with the tracking link), or Loket itself.
 */
export type Actor =
	| { kind: 'staff'; user: SessionUser }
	| ApiActor
	| { kind: 'citizen'; userId: string | null }
	| SystemActor;

export type Conflict = { ok: false; reason: 'conflict'; changedAt: Date; changedBy: string | null };
export type TransitionResult =
	| { ok: true; dossier: Dossier }
	| { ok: false; reason: 'not-found' | 'not-allowed' | 'note-required' | 'too-long' }
	/** A document the transition issues could not be made (`message` says why); nothing changed. */
	| { ok: false; reason: 'document-failed'; message: string }
	| Conflict;

function actorColumns(actor: Actor): { actorId: string | null; actorLabel: string | null } {
	if (actor.kind === 'staff') return { actorId: actor.user.id, actorLabel: null };
	if (actor.kind === 'api') return { actorId: null, actorLabel: `API: ${actor.name}` };
	if (actor.kind === 'system') return { actorId: null, actorLabel: actor.label };
	return { actorId: actor.userId, actorLabel: actor.userId ? null : GUEST_ACTOR };
}

/** Who signs a document issued by this actor's transition. */
function officerName(actor: Actor): string {
	if (actor.kind === 'staff') return actor.user.name || actor.user.email;
	return actor.kind === 'api' ? actor.name : '';
}

function rolesOf(actor: Actor): readonly Role[] {
	if (actor.kind === 'staff') return actor.user.roles;
	if (actor.kind === 'system') return [];
	return actor.kind === 'api' ? ['staff'] : ['citizen'];
}

async function conflict(trx: Transaction<Database>, dossierId: string): Promise<Conflict> {
	const last = await repo.findLastEvent(trx, dossierId);
	return {
		ok: false,
		reason: 'conflict',
		changedAt: last?.at ?? new Date(0),
		// A staff member by name, another system as the audit trail names it ("API: <token>").
		changedBy: last?.actorName || last?.actorEmail || last?.actorLabel || null
	};
}

/** Moves the locked dossier along `t`: state, clock, due date, event, message and outbox. */
async function applyTransition(
	trx: Transaction<Database>,
	dossier: Dossier,
	definition: ProcessDefinition,
	t: WorkflowTransition,
	actor: Actor,
	extra: { note: string; documents: string[] },
	now: Date,
	deps: documents.IssueDeps = {}
): Promise<Dossier> {
	const from = findState(definition.workflow, dossier.status);
	const to = findState(definition.workflow, t.to);
	if (!from || !to) throw new Error(`Workflow of ${dossier.processId} lost state ${t.to}`);
	const change: DossierUpdate = { status: t.to, closedAt: to.kind === 'final' ? now : null };
	let pausedDays = dossier.pausedDays;
	switch (clockChange(from, to)) {
		case 'pause':
			change.clockPausedAt = now;
			break;
		case 'resume':
		case 'stop':
			change.clockPausedAt = null;
			if (dossier.clockPausedAt) {
				pausedDays += countPausedDays(toIsoDate(dossier.clockPausedAt), toIsoDate(now));
				change.pausedDays = pausedDays;
			}
			if (dossier.clockPausedAt && dossier.dueDate && to.clock === 'run')
				change.dueDate = resumeDueDate(
					dossier.dueDate,
					toIsoDate(dossier.clockPausedAt),
					toIsoDate(now),
					definition.handlingTime.unit
				);
			break;
		case 'none':
			break;
	}
	change.handlingDays = decidesDossier(to)
		? countHandlingDays(toIsoDate(dossier.submittedAt), toIsoDate(now), pausedDays)
		: null;
	const updated = await repo.updateIfVersion(trx, dossier.id, dossier.version, change, now);
	if (!updated) throw new Error(`Dossier ${dossier.id} changed under its row lock`);

	// What staff write with a transition that tells the citizen, and the documents they ask for,
	// reach the citizen as a message; other notes stay in the audit trail for staff.
	let messageId: string | null = null;
	if (actor.kind !== 'citizen' && ((t.notifyCitizen && extra.note) || extra.documents.length > 0)) {
		const message = await repo.insertMessage(trx, {
			dossierId: dossier.id,
			authorId: actor.kind === 'staff' ? actor.user.id : null,
			authorRole: 'staff',
			body: t.notifyCitizen ? extra.note : '',
			internal: false
		});
		messageId = message?.id ?? null;
		await repo.insertDocumentRequests(trx, dossier.id, messageId, extra.documents);
	}
	const eventId = await repo.insertEvent(trx, {
		dossierId: dossier.id,
		type: 'transition',
		fromStatus: dossier.status,
		toStatus: t.to,
		...actorColumns(actor),
		note: extra.note || null,
		visibility: 'public',
		data: { transitionId: t.id, messageId }
	});
	const issued = await documents.issueForTransition(
		trx,
		{
			dossier: updated,
			definition,
			transitionId: t.id,
			officerName: officerName(actor),
			actor: actorColumns(actor),
			note: extra.note,
			eventId,
			now
		},
		deps
	);
	await emitWebhookEvent(
		trx,
		'dossier.transitioned',
		{
			...dossierData(updated),
			fromStatus: dossier.status,
			toStatus: t.to,
			transitionId: t.id,
			messageId
		},
		now
	);
	// A fee due at the decision falls due on entering the state that waits for it.
	await requestPayment(trx, updated, definition, 'decision', now, t.to);
	if (t.notifyCitizen) {
		await outbox.insertOutbox(trx, 'dossier-transitioned', {
			dossierId: dossier.id,
			toStatus: t.to,
			documentIds: issued.map((d) => d.id)
		});
		await enqueuePush(trx, { event: 'transitioned', dossierId: dossier.id, toStatus: t.to });
	}
	return updated;
}

/**
 * Moves a dossier that is now fully paid on by the workflow's `onPaid` transition out of its
 * state, as the system, in the caller's transaction (the one that recorded the payment). Returns
 * whether it moved: a dossier not waiting for payment stays where it is.
 */
export async function moveOnPaid(
	trx: Transaction<Database>,
	paid: Pick<Dossier, 'id'>,
	now: Date
): Promise<boolean> {
	const dossier = await repo.lockById(trx, paid.id);
	if (!dossier) return false;
	const definition = await processes.getVersion(dossier.processId, dossier.processVersion, trx);
	const t = definition.workflow.transitions.find(
		(x) => x.onPaid && x.from.includes(dossier.status)
	);
	if (!t) return false;
	const system: SystemActor = { kind: 'system', label: PAYMENT_ACTOR };
	await applyTransition(trx, dossier, definition, t, system, { note: '', documents: [] }, now);
	return true;
}

function cleanDocuments(documents: string[] | undefined): string[] {
	return [...new Set((documents ?? []).map((d) => d.trim().slice(0, 200)).filter(Boolean))].slice(
		0,
		MAX_DOCUMENT_REQUESTS
	);
}

/**
 * Takes a workflow transition. Staff pass the dossier version their page showed: if someone else
 * changed the dossier since, nothing happens and the answer says who and when. The citizen (who
 * must already be known to own the dossier) passes null: their actions are checked against the
 * current state.
 */
export async function transition(
	dossierId: string,
	actor: Actor,
	req: {
		transitionId: string;
		expectedVersion: number | null;
		note?: string;
		documents?: string[];
	},
	db: Db = getDb(),
	now = new Date(),
	deps: documents.IssueDeps = {}
): Promise<TransitionResult> {
	const note = stripBidiControls(req.note ?? '').trim();
	if (note.length > MAX_NOTE_LENGTH) return { ok: false, reason: 'too-long' };
	try {
		return await takeTransition(dossierId, actor, req, note, db, now, deps);
	} catch (e) {
		if (e instanceof documents.DocumentIssueError)
			return { ok: false, reason: 'document-failed', message: e.message };
		throw e;
	}
}

async function takeTransition(
	dossierId: string,
	actor: Actor,
	req: { transitionId: string; expectedVersion: number | null; documents?: string[] },
	note: string,
	db: Db,
	now: Date,
	deps: documents.IssueDeps
): Promise<TransitionResult> {
	return db.transaction().execute(async (trx): Promise<TransitionResult> => {
		const dossier = await repo.lockById(trx, dossierId);
		if (!dossier) return { ok: false, reason: 'not-found' };
		if (req.expectedVersion !== null && dossier.version !== req.expectedVersion)
			return conflict(trx, dossier.id);
		const definition = await processes.getVersion(dossier.processId, dossier.processVersion, trx);
		const t = listAllowedTransitions(definition.workflow, dossier.status, rolesOf(actor)).find(
			(x) => x.id === req.transitionId
		);
		if (!t) return { ok: false, reason: 'not-allowed' };
		if (t.requiresNote && !note) return { ok: false, reason: 'note-required' };
		const documents = findState(definition.workflow, t.to)?.kind === 'waiting' ? req.documents : [];
		const updated = await applyTransition(
			trx,
			dossier,
			definition,
			t,
			actor,
			{ note, documents: cleanDocuments(documents) },
			now,
			deps
		);
		return { ok: true, dossier: updated };
	});
}

/** Why a file sent with a staff message is refused (`fileName` names it, where it is one file). */
export type MessageFileIssue = {
	code: UploadRefusal | 'too-many' | 'internal';
	fileName?: string;
};

export type MessageResult =
	| { ok: true; messageId: string; duplicate: boolean }
	| { ok: false; reason: 'not-found' | 'empty' | 'too-long' | 'closed' }
	/** A file was refused (with the text's refusal too, if any); nothing is stored. */
	| { ok: false; reason: 'files'; issues: MessageFileIssue[]; body: 'empty' | 'too-long' | null }
	| Conflict;

/**
 * A message from staff (or another system through the API) to the citizen, mailed to them, or an
 * internal note for colleagues. A message to the citizen may carry files (as many, as large and
 * of the types a citizen may send), each through the one upload gate; the message, its files, its
 * audit event and its mail are stored together or not at all. With `messageId` (the form's, made
 * when it was drawn) the same message sent twice is stored once.
 */
export async function postStaffMessage(
	dossierId: string,
	author: SessionUser | ApiActor,
	input: { body: string; internal: boolean; messageId?: string; files?: readonly File[] },
	db: Db = getDb(),
	deps?: { storage: FileStorage }
): Promise<MessageResult> {
	const actor: Actor = 'kind' in author ? author : { kind: 'staff', user: author };
	const body = stripBidiControls(input.body).trim();
	const bodyIssue = !body ? 'empty' : body.length > MAX_MESSAGE_LENGTH ? 'too-long' : null;
	const files = (input.files ?? []).filter(isChosenFile);
	const issues: MessageFileIssue[] = [];
	const prepared: { bytes: Uint8Array; type: string; name: string }[] = [];
	// Files go to the citizen; an internal note takes none (the database refuses them as well).
	if (files.length > 0 && input.internal) issues.push({ code: 'internal' });
	else if (files.length > MAX_REPLY_FILES) issues.push({ code: 'too-many' });
	else
		for (const file of files) {
			const checked = await checkUpload(file, {
				accept: acceptedTypes,
				maxBytes: MAX_REPLY_FILE_MB * 1024 * 1024
			});
			if (checked.ok) prepared.push(checked);
			else issues.push({ code: checked.reason, fileName: checked.name });
		}
	if (issues.length > 0) return { ok: false, reason: 'files', issues, body: bodyIssue };
	if (bodyIssue) return { ok: false, reason: bodyIssue };
	// The form carries the message's id; a tampered one only loses the protection against doubles.
	const messageId = input.messageId && isUuid(input.messageId) ? input.messageId : randomUUID();
	const earlier = await repo.findMessage(db, messageId);
	if (earlier)
		return earlier.dossierId === dossierId
			? { ok: true, messageId, duplicate: true }
			: { ok: false, reason: 'not-found' };
	// Files are content-addressed: storing them before the transaction is harmless if it fails.
	const stored: ((typeof prepared)[number] & { sha256: string; size: number })[] = [];
	if (prepared.length > 0) {
		const storage = deps?.storage ?? getFileStorage();
		for (const p of prepared) stored.push({ ...p, ...(await storage.put(p.bytes)) });
	}
	return db.transaction().execute(async (trx): Promise<MessageResult> => {
		const dossier = await repo.lockById(trx, dossierId);
		if (!dossier) return { ok: false, reason: 'not-found' };
		const message = await repo.insertMessage(trx, {
			id: messageId,
			dossierId,
			authorId: actor.kind === 'staff' ? actor.user.id : null,
			authorRole: 'staff',
			body,
			internal: input.internal
		});
		// Sent twice at once: the other request stored it (its row lock held this one back).
		if (!message) return { ok: true, messageId, duplicate: true };
		const attachments: { id: string; fileName: string; sha256: string }[] = [];
		for (const s of stored) {
			const attachment = await repo.insertAttachment(trx, {
				dossierId,
				messageId: message.id,
				documentRequestId: null,
				fileName: s.name,
				mediaType: s.type,
				sizeBytes: s.size,
				sha256: s.sha256,
				uploadedBy: actor.kind === 'staff' ? actor.user.id : null
			});
			attachments.push({ id: attachment.id, fileName: attachment.fileName, sha256: s.sha256 });
		}
		await repo.insertEvent(trx, {
			dossierId,
			type: input.internal ? 'note' : 'message',
			...actorColumns(actor),
			visibility: input.internal ? 'internal' : 'public',
			data:
				attachments.length > 0 ? { messageId: message.id, attachments } : { messageId: message.id }
		});
		await emitWebhookEvent(trx, 'message.created', messageData(dossier, message));
		if (!input.internal) {
			await outbox.insertOutbox(trx, 'dossier-message', { dossierId, messageId: message.id });
			await enqueuePush(trx, { event: 'message', dossierId, messageId: message.id });
		}
		return { ok: true, messageId: message.id, duplicate: false };
	});
}

export type ReplyUpload = { requestId: string | null; file: File };
export type ReplyIssue = {
	/** 'body', 'files', or the id of the document request the file was for. */
	name: string;
	code: 'required' | 'too-long' | 'too-many' | 'one-file' | UploadRefusal | 'unknown-request';
	fileName?: string;
};
export type ReplyResult =
	| { ok: true; resumed: boolean; duplicate: boolean }
	| { ok: false; reason: 'not-found' | 'closed' }
	| { ok: false; reason: 'invalid'; issues: ReplyIssue[] };

const acceptedTypes: readonly string[] = mediaTypes;

/**
 * The citizen's answer: text and files, some of them the documents staff asked for. When the
 * dossier waits for the citizen and no requested document is missing any more, the workflow's
 * answering transition brings it back to the municipality and the clock runs again.
 */
export async function replyAsCitizen(
	dossierId: string,
	actor: Extract<Actor, { kind: 'citizen' }>,
	input: { replyId: string; body: string; uploads: ReplyUpload[] },
	deps: { storage: FileStorage },
	db: Db = getDb(),
	now = new Date()
): Promise<ReplyResult> {
	const body = stripBidiControls(input.body).trim();
	// The form carries the reply's id; a tampered one only loses the protection against doubles.
	const replyId = isUuid(input.replyId) ? input.replyId : randomUUID();
	const uploads = input.uploads.filter((u) => isChosenFile(u.file));
	const issues: ReplyIssue[] = [];
	if (!body && uploads.length === 0) issues.push({ name: 'body', code: 'required' });
	if (body.length > MAX_MESSAGE_LENGTH) issues.push({ name: 'body', code: 'too-long' });
	if (uploads.length > MAX_REPLY_FILES) issues.push({ name: 'files', code: 'too-many' });
	const prepared: { upload: ReplyUpload; bytes: Uint8Array; type: string; name: string }[] = [];
	const perRequest = new Set<string>();
	for (const upload of uploads.slice(0, MAX_REPLY_FILES)) {
		const name = upload.requestId ?? 'files';
		// A requested document is one file; a second one for the same request is refused there.
		if (upload.requestId && perRequest.has(upload.requestId)) {
			issues.push({ name, code: 'one-file' });
			continue;
		}
		if (upload.requestId) perRequest.add(upload.requestId);
		const checked = await checkUpload(upload.file, {
			accept: acceptedTypes,
			maxBytes: MAX_REPLY_FILE_MB * 1024 * 1024
		});
		if (checked.ok) prepared.push({ upload, ...checked });
		else issues.push({ name, code: checked.reason, fileName: checked.name });
	}
	if (issues.length > 0) return { ok: false, reason: 'invalid', issues };

	const dossier = await repo.findById(db, dossierId);
	if (!dossier) return { ok: false, reason: 'not-found' };
	// A retry of a reply already stored (its requests are fulfilled by now) is simply done.
	const earlier = await repo.findMessage(db, replyId);
	if (earlier?.dossierId === dossierId) return { ok: true, resumed: false, duplicate: true };
	const requests = await repo.listDocumentRequests(db, dossierId);
	const open = new Set(requests.filter((r) => !r.fulfilledAt).map((r) => r.id));
	const unknown = prepared.filter((p) => p.upload.requestId && !open.has(p.upload.requestId));
	if (unknown.length > 0)
		return {
			ok: false,
			reason: 'invalid',
			issues: unknown.map(() => ({ name: 'files', code: 'unknown-request' }))
		};
	// Files are content-addressed: storing them before the transaction is harmless if it fails.
	const stored: ((typeof prepared)[number] & { sha256: string; size: number })[] = [];
	for (const p of prepared) stored.push({ ...p, ...(await deps.storage.put(p.bytes)) });

	return db.transaction().execute(async (trx): Promise<ReplyResult> => {
		const locked = await repo.lockById(trx, dossierId);
		if (!locked) return { ok: false, reason: 'not-found' };
		const definition = await processes.getVersion(locked.processId, locked.processVersion, trx);
		const state = findState(definition.workflow, locked.status);
		if (!state || state.kind === 'final') return { ok: false, reason: 'closed' };
		const message = await repo.insertMessage(trx, {
			id: replyId,
			dossierId,
			authorId: actor.userId,
			authorRole: 'citizen',
			body,
			internal: false
		});
		if (!message) return { ok: true, resumed: false, duplicate: true };
		for (const s of stored)
			await repo.insertAttachment(trx, {
				dossierId,
				messageId: message.id,
				documentRequestId: s.upload.requestId,
				fileName: s.name,
				mediaType: s.type,
				sizeBytes: s.size,
				sha256: s.sha256,
				uploadedBy: actor.userId
			});
		const fulfilled = stored.flatMap((s) => (s.upload.requestId ? [s.upload.requestId] : []));
		await repo.markDocumentRequestsFulfilled(trx, dossierId, fulfilled, now);
		await repo.insertEvent(trx, {
			dossierId,
			type: 'message',
			...actorColumns(actor),
			visibility: 'public',
			data: { messageId: message.id }
		});
		await emitWebhookEvent(trx, 'message.created', messageData(locked, message));
		const stillMissing = [...open].filter((id) => !fulfilled.includes(id));
		const answer = listCitizenActions(definition.workflow, locked.status).answer;
		if (state.kind !== 'waiting' || !answer || stillMissing.length > 0)
			return { ok: true, resumed: false, duplicate: false };
		await applyTransition(trx, locked, definition, answer, actor, { note: '', documents: [] }, now);
		return { ok: true, resumed: true, duplicate: false };
	});
}

export type AssignResult =
	{ ok: true; dossier: Dossier } | { ok: false; reason: 'not-found' | 'not-staff' } | Conflict;

/**
 * Takes a dossier (assigneeId = the user's own id), hands it to a colleague with the staff role
 * in a department that handles it, or releases it (null), checked against the version the page
 * showed. Recorded for staff only.
 * Another system may do the same through the API (`ApiActor`).
 */
export async function assign(
	dossierId: string,
	by: SessionUser | ApiActor,
	input: { assigneeId: string | null; expectedVersion: number },
	db: Db = getDb(),
	now = new Date()
): Promise<AssignResult> {
	return db.transaction().execute(async (trx): Promise<AssignResult> => {
		const dossier = await repo.lockById(trx, dossierId);
		if (!dossier) return { ok: false, reason: 'not-found' };
		if (dossier.version !== input.expectedVersion) return conflict(trx, dossier.id);
		let assigneeName: string | null = null;
		if (input.assigneeId !== null) {
			const assignee = isUuid(input.assigneeId)
				? await userRepo.findById(trx, input.assigneeId)
				: undefined;
			// Only to someone with the staff role in a department that handles the dossier.
			if (
				!assignee ||
				assignee.deletedAt ||
				!assignee.roles.includes('staff') ||
				!(await departments.worksOn(assignee.id, dossier, trx))
			)
				return { ok: false, reason: 'not-staff' };
			assigneeName = assignee.name || assignee.email;
		}
		const updated = await repo.updateIfVersion(
			trx,
			dossier.id,
			dossier.version,
			{ assigneeId: input.assigneeId },
			now
		);
		if (!updated) throw new Error(`Dossier ${dossier.id} changed under its row lock`);
		await repo.insertEvent(trx, {
			dossierId: dossier.id,
			type: 'assigned',
			...actorColumns('kind' in by ? by : { kind: 'staff', user: by }),
			visibility: 'internal',
			data: { assigneeId: input.assigneeId, assigneeName }
		});
		return { ok: true, dossier: updated };
	});
}

export type HandOverResult =
	| { ok: true; dossier: Dossier; department: string }
	| { ok: false; reason: 'not-found' | 'same-department' | 'note-required' | 'too-long' }
	| Conflict;

/**
 * Hands a dossier over to another department, with a note that says why (required: the new
 * department reads it first), checked against the version the page showed. Its assignee keeps it
 * only if they work in that department too. Recorded for staff only.
 */
export async function handOver(
	dossierId: string,
	by: SessionUser,
	input: { departmentId: string; note: string; expectedVersion: number },
	db: Db = getDb(),
	now = new Date()
): Promise<HandOverResult> {
	const note = stripBidiControls(input.note).trim();
	if (!note) return { ok: false, reason: 'note-required' };
	if (note.length > MAX_NOTE_LENGTH) return { ok: false, reason: 'too-long' };
	if (!isUuid(input.departmentId)) return { ok: false, reason: 'not-found' };
	return db.transaction().execute(async (trx): Promise<HandOverResult> => {
		const dossier = await repo.lockById(trx, dossierId);
		if (!dossier) return { ok: false, reason: 'not-found' };
		if (dossier.version !== input.expectedVersion) return conflict(trx, dossier.id);
		const target = await departments.find(input.departmentId, trx);
		if (!target) return { ok: false, reason: 'not-found' };
		const from = await departments.departmentsOf(dossier, trx);
		if (from.length === 1 && from[0]!.id === target.id)
			return { ok: false, reason: 'same-department' };
		const moved = { ...dossier, departmentId: target.id };
		const keepsAssignee =
			dossier.assigneeId !== null && (await departments.worksOn(dossier.assigneeId, moved, trx));
		const updated = await repo.updateIfVersion(
			trx,
			dossier.id,
			dossier.version,
			{ departmentId: target.id, ...(keepsAssignee ? {} : { assigneeId: null }) },
			now
		);
		if (!updated) throw new Error(`Dossier ${dossier.id} changed under its row lock`);
		await repo.insertEvent(trx, {
			dossierId: dossier.id,
			type: 'handed-over',
			...actorColumns({ kind: 'staff', user: by }),
			note,
			visibility: 'internal',
			data: { from: from.map((d) => d.name), to: target.name, departmentId: target.id }
		});
		return { ok: true, dossier: updated, department: target.name };
	});
}

export type DocumentResult =
	| { ok: true; attachment: Attachment }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: UploadRefusal; name: string };

/**
 * A document added to the dossier by staff or another system through the API, outside a message
 * (a scan, a decision letter): through the same upload gate as every file, stored, and recorded
 * in the audit trail for staff. It may be added to a closed dossier too (the decision itself).
 */
export async function addDocument(
	dossierId: string,
	by: SessionUser | ApiActor,
	file: File,
	deps: { storage: FileStorage },
	db: Db = getDb()
): Promise<DocumentResult> {
	const actor: Actor = 'kind' in by ? by : { kind: 'staff', user: by };
	const checked = await checkUpload(file, {
		accept: acceptedTypes,
		maxBytes: MAX_REPLY_FILE_MB * 1024 * 1024
	});
	if (!checked.ok) return { ok: false, reason: checked.reason, name: checked.name };
	if (!(await repo.findById(db, dossierId))) return { ok: false, reason: 'not-found' };
	// Files are content-addressed: storing them before the transaction is harmless if it fails.
	const stored = await deps.storage.put(checked.bytes);
	return db.transaction().execute(async (trx): Promise<DocumentResult> => {
		const dossier = await repo.lockById(trx, dossierId);
		if (!dossier) return { ok: false, reason: 'not-found' };
		const attachment = await repo.insertAttachment(trx, {
			dossierId,
			messageId: null,
			documentRequestId: null,
			fileName: checked.name,
			mediaType: checked.type,
			sizeBytes: stored.size,
			sha256: stored.sha256,
			uploadedBy: actor.kind === 'staff' ? actor.user.id : null
		});
		await repo.insertEvent(trx, {
			dossierId,
			type: 'document-added',
			...actorColumns(actor),
			visibility: 'internal',
			data: { attachmentId: attachment.id, fileName: attachment.fileName }
		});
		return { ok: true, attachment };
	});
}

// What people see of a dossier. The citizen sees their own dossiers only, found by owner or by the
// tracking token, with the state in citizen words, the expected date (paused while the
// municipality waits for them), the answers under the definition version they were filed with,
// the public timeline with the messages, and the documents still asked for. Staff also see the
// internal notes, who did what, and the transitions their roles allow.
import type { AnswerMap } from '$lib/process/answers';
import type { ProcessDefinition } from '$lib/process/definition';
import { findState, listAllowedTransitions, listCitizenActions } from '$lib/process/progress';
import type { LocalText } from '$lib/process/text';
import type {
	FileView,
	IssuedDocumentView,
	RequestView,
	StaffAction,
	StateView,
	TimelineEntry
} from '$lib/views/dossier';
import type { SessionUser } from '../auth/repository';
import { getDb, type Db } from '../db';
import type { Attachment, Dossier } from '../db/schema';
import { getFileStorage } from '../files';
import type { FileStorage, OpenedFile } from '../files/storage';
import * as accessLog from '../access-log/service';
import * as departments from '../departments/service';
import * as documents from '../documents/service';
import * as processes from '../processes/service';
import * as userRepo from '../users/repository';
import { hashToken } from '../tokens';
import * as repo from './repository';
import { isUuid } from '$lib/uuid';
import { isIntakeChannel, type DossierChannel } from '$lib/views/intake';
import type { PaymentState } from '$lib/views/payment';

export type { FileView, RequestView, StaffAction, StateView, TimelineEntry };

const REFERENCE = /^\d{4}-\d{6}$/;
export const CITIZEN_LIST_LIMIT = 200;

function stateView(definition: ProcessDefinition, status: string, staff = false): StateView {
	const s = findState(definition.workflow, status);
	if (!s) return { label: { nl: status }, text: { nl: '' }, kind: 'open' };
	return {
		label: staff ? s.label : (s.citizenLabel ?? s.label),
		text: s.citizenText,
		kind: s.kind
	};
}

export type CitizenListItem = {
	reference: string;
	title: LocalText;
	submittedAt: Date;
	dueDate: string | null;
	pausedSince: Date | null;
	closedAt: Date | null;
	state: StateView;
	actionNeeded: boolean;
};

/**
 * "Mijn dossiers": the owner's own dossiers, newest first; not those they filed for an enterprise
 * (those are the enterprise's: `listForEnterprise`).
 */
export async function listForOwner(ownerId: string, db: Db = getDb()): Promise<CitizenListItem[]> {
	return listItems(await repo.listByOwner(db, ownerId, CITIZEN_LIST_LIMIT), db);
}

/**
 * The dossiers filed on behalf of an enterprise (by its KBO number), whoever filed them: shown to
 * whoever is signed in for that enterprise, newest first.
 */
export async function listForEnterprise(kbo: string, db: Db = getDb()): Promise<CitizenListItem[]> {
	return listItems(await repo.listByEnterprise(db, kbo, CITIZEN_LIST_LIMIT), db);
}

async function listItems(
	rows: Awaited<ReturnType<typeof repo.listByOwner>>,
	db: Db
): Promise<CitizenListItem[]> {
	// Each definition version once, however many dossiers were filed under it.
	const definitions = new Map<string, Promise<ProcessDefinition>>();
	const definitionOf = (processId: string, version: number) => {
		const key = `${processId}@${version}`;
		let definition = definitions.get(key);
		if (!definition) {
			definition = processes.getVersion(processId, version, db);
			definitions.set(key, definition);
		}
		return definition;
	};
	return Promise.all(
		rows.map(async (d) => {
			const definition = await definitionOf(d.processId, d.processVersion);
			const state = stateView(definition, d.status);
			return {
				reference: d.reference,
				title: definition.title,
				submittedAt: d.submittedAt,
				dueDate: d.dueDate,
				pausedSince: d.clockPausedAt,
				closedAt: d.closedAt,
				state,
				actionNeeded: state.kind === 'waiting'
			};
		})
	);
}

/**
 * A citizen's dossier by its reference: their own, or one filed for the enterprise they are signed
 * in for now (`enterprise`: its KBO number). A dossier filed for an enterprise is the enterprise's:
 * only a sign-in for that enterprise finds it, whoever filed it. Anyone else's is not found.
 */
export async function findForCitizen(
	reference: string,
	who: { userId: string; enterprise: string | null },
	db: Db = getDb()
): Promise<Dossier | null> {
	if (!REFERENCE.test(reference)) return null;
	const dossier = await repo.findByReference(db, reference);
	if (!dossier) return null;
	if (dossier.onBehalfKbo) return dossier.onBehalfKbo === who.enterprise ? dossier : null;
	return dossier.ownerId === who.userId ? dossier : null;
}

/**
 * The enterprise a dossier was filed for, told only to the account that filed it (its owner: the
 * account signed in when they acted for the enterprise) while it is not signed in for that
 * enterprise, so that `findForCitizen` does not find it: they may sign in for it. Anyone else, and
 * a destroyed dossier (it names no one who acted), learn nothing: null, as for no dossier at all.
 */
export async function findEnterpriseOfActor(
	reference: string,
	who: { userId: string; enterprise: string | null },
	db: Db = getDb()
): Promise<{ name: string } | null> {
	if (!REFERENCE.test(reference)) return null;
	const dossier = await repo.findByReference(db, reference);
	if (!dossier?.onBehalfKbo || !dossier.onBehalfName || !dossier.onBehalfBy) return null;
	if (dossier.onBehalfKbo === who.enterprise || dossier.ownerId !== who.userId) return null;
	return { name: dossier.onBehalfName };
}

/** A dossier of this owner, filed for themselves; any other is simply not found. */
export async function findForOwner(
	reference: string,
	ownerId: string,
	db: Db = getDb()
): Promise<Dossier | null> {
	return findForCitizen(reference, { userId: ownerId, enterprise: null }, db);
}

/** The dossier a guest's tracking link leads to. */
export async function findForGuest(token: string, db: Db = getDb()): Promise<Dossier | null> {
	if (token.length < 20 || token.length > 100) return null;
	return (await repo.findByGuestTokenHash(db, hashToken(token))) ?? null;
}

/**
 * A dossier by id, for a member of staff (whose role the route has checked): null when there is
 * none, or when none of their departments handles it (to them it does not exist).
 */
export async function findForStaff(
	id: string,
	user: { id: string },
	db: Db = getDb()
): Promise<Dossier | null> {
	if (!isUuid(id)) return null;
	const [dossier, scope] = await Promise.all([
		repo.findById(db, id),
		departments.scopeFor(user.id, db)
	]);
	return dossier && departments.canSee(scope, dossier) ? dossier : null;
}

export type DossierView = {
	id: string;
	reference: string;
	version: number;
	title: LocalText;
	definition: ProcessDefinition;
	answers: AnswerMap;
	applicantName: string;
	applicantEmail: string | null;
	channel: DossierChannel;
	submittedAt: Date;
	dueDate: string | null;
	pausedSince: Date | null;
	closedAt: Date | null;
	state: StateView;
	filedFiles: (FileView & { fieldKey: string | null })[];
	timeline: TimelineEntry[];
	openRequests: RequestView[];
	/** What the municipality issued: decisions, certificates, permits, refusal letters. */
	documents: IssuedDocumentView[];
};

const fileView = (a: Attachment): FileView => ({
	id: a.id,
	name: a.fileName,
	size: a.sizeBytes,
	type: a.mediaType
});

async function buildView(dossier: Dossier, staff: boolean, db: Db): Promise<DossierView> {
	const definition = await processes.getVersion(dossier.processId, dossier.processVersion, db);
	const [events, messages, attachments, requests, issued] = await Promise.all([
		repo.listEvents(db, dossier.id, !staff),
		repo.listMessages(db, dossier.id, staff),
		repo.listAttachments(db, dossier.id),
		repo.listDocumentRequests(db, dossier.id),
		documents.listForDossier(dossier.id, db)
	]);
	const messagesById = new Map(messages.map((msg) => [msg.id, msg]));
	const requestView = (r: (typeof requests)[number]): RequestView => ({
		id: r.id,
		label: r.label,
		fulfilled: r.fulfilledAt !== null
	});
	// The citizen sees the municipality as one voice; staff see who it was.
	const who = (e: {
		actorName: string | null;
		actorEmail: string | null;
		actorLabel: string | null;
	}) => (staff ? e.actorName || e.actorEmail || e.actorLabel : null);
	const label = (status: string | null) =>
		status ? stateView(definition, status, staff).label : null;

	const timeline: TimelineEntry[] = events.flatMap((e): TimelineEntry[] => {
		const messageId = (e.data as { messageId?: string | null } | null)?.messageId ?? null;
		const message = messageId ? messagesById.get(messageId) : undefined;
		const entries: TimelineEntry[] = [];
		if (e.type === 'submitted') {
			const channel = (e.data as { channel?: unknown } | null)?.channel;
			entries.push({
				kind: 'submitted',
				at: e.at,
				actor: who(e),
				channel: isIntakeChannel(channel) ? channel : null
			});
		} else if (e.type === 'transition')
			entries.push({
				kind: 'state',
				at: e.at,
				label: label(e.toStatus) ?? { nl: '' },
				fromLabel: label(e.fromStatus),
				actor: who(e),
				note: staff ? e.note : null
			});
		else if (e.type === 'assigned')
			entries.push({
				kind: 'assigned',
				at: e.at,
				assignee: (e.data as { assigneeName?: string | null } | null)?.assigneeName ?? null,
				actor: who(e)
			});
		else if (e.type === 'handed-over')
			entries.push({
				kind: 'handed-over',
				at: e.at,
				to: (e.data as { to?: string } | null)?.to ?? '?',
				note: e.note,
				actor: who(e)
			});
		else if (e.type === 'payment' || e.type === 'payment-requested') {
			const data = (e.data ?? {}) as { amountCents?: number; state?: PaymentState };
			entries.push({
				kind: 'payment',
				at: e.at,
				received: e.type === 'payment',
				amountCents: data.amountCents ?? 0,
				state: data.state ?? null,
				actor: who(e)
			});
		} else if (e.type === 'document-issued')
			entries.push({
				kind: 'document',
				at: e.at,
				title: (e.data as { title?: string } | null)?.title ?? '',
				actor: who(e)
			});
		else if (!message) entries.push({ kind: 'other', at: e.at, type: e.type, actor: who(e) });
		if (message)
			entries.push({
				kind: 'message',
				at: message.createdAt,
				from: message.authorRole,
				// A message another system sent through the API has no author account: its token's name.
				author: staff ? (message.authorName ?? e.actorLabel) : null,
				internal: message.internal,
				body: message.body,
				files: attachments.filter((a) => a.messageId === message.id).map(fileView),
				requested: requests.filter((r) => r.messageId === message.id).map(requestView)
			});
		return entries;
	});

	return {
		id: dossier.id,
		reference: dossier.reference,
		version: dossier.version,
		title: definition.title,
		definition,
		answers: dossier.answers as AnswerMap,
		applicantName: dossier.applicantName,
		applicantEmail: dossier.applicantEmail,
		channel: dossier.channel,
		submittedAt: dossier.submittedAt,
		dueDate: dossier.dueDate,
		pausedSince: dossier.clockPausedAt,
		closedAt: dossier.closedAt,
		state: stateView(definition, dossier.status, staff),
		filedFiles: attachments
			.filter((a) => a.messageId === null)
			.map((a) => ({ ...fileView(a), fieldKey: a.fieldKey })),
		timeline,
		openRequests: requests.filter((r) => !r.fulfilledAt).map(requestView),
		documents: issued
	};
}

export type CitizenDossierView = DossierView & {
	actionNeeded: boolean;
	canReply: boolean;
	answers: AnswerMap;
	withdraw: { id: string; label: LocalText; requiresNote: boolean }[];
};

/** The citizen's page of one dossier (the caller found it through ownership or the token). */
export async function viewForCitizen(
	dossier: Dossier,
	db: Db = getDb()
): Promise<CitizenDossierView> {
	const view = await buildView(dossier, false, db);
	const actions = listCitizenActions(view.definition.workflow, dossier.status);
	return {
		...view,
		actionNeeded: view.state.kind === 'waiting',
		canReply: view.state.kind !== 'final',
		withdraw: actions.withdraw.map((t) => ({
			id: t.id,
			label: t.label,
			requiresNote: t.requiresNote
		}))
	};
}

export type StaffDossierView = DossierView & {
	actions: StaffAction[];
	assignee: { id: string; name: string } | null;
	colleagues: { id: string; name: string }[];
	/** The departments that handle it now. */
	departments: string[];
	/** The departments it can be handed over to. */
	handOverTo: { id: string; name: string }[];
	/** The member of staff who filed it for the citizen (an intake), by name; null otherwise. */
	filedBy: string | null;
};

/** The back-office page of one dossier, with the transitions this user's roles allow. */
export async function viewForStaff(
	dossier: Dossier,
	user: SessionUser,
	db: Db = getDb()
): Promise<StaffDossierView> {
	const view = await buildView(dossier, true, db);
	const wf = view.definition.workflow;
	const actions = listAllowedTransitions(wf, dossier.status, user.roles).map((t) => {
		const to = findState(wf, t.to);
		return {
			id: t.id,
			label: t.label,
			toLabel: to?.label ?? { nl: t.to },
			requiresNote: t.requiresNote,
			notifyCitizen: t.notifyCitizen,
			asksCitizen: to?.kind === 'waiting'
		};
	});
	const [members, handledBy, all] = await Promise.all([
		departments.colleaguesFor(dossier, db),
		departments.departmentsOf(dossier, db),
		departments.list(db)
	]);
	const colleagues = members.map((u) => ({ id: u.id, name: u.name || u.email }));
	const current = dossier.assigneeId
		? (colleagues.find((c) => c.id === dossier.assigneeId) ?? {
				id: dossier.assigneeId,
				name: (await userRepo.findById(db, dossier.assigneeId))?.name ?? '?'
			})
		: null;
	const handling = new Set(handledBy.map((d) => d.id));
	const filer = dossier.filedBy ? await userRepo.findById(db, dossier.filedBy) : null;
	return {
		...view,
		filedBy: filer ? filer.name || filer.email : null,
		actions,
		assignee: current,
		colleagues,
		departments: handledBy.map((d) => d.name),
		handOverTo: all.filter((d) => !handling.has(d.id)).map((d) => ({ id: d.id, name: d.name }))
	};
}

/** Remembers that this member of staff looked at the dossier now (the inbox's news marker). */
export async function markSeen(
	dossier: Pick<Dossier, 'id'>,
	user: { id: string },
	db: Db = getDb(),
	now = new Date()
): Promise<void> {
	await repo.markSeen(db, dossier.id, user.id, now);
}

/**
 * A member of staff opens the dossier's page: the look goes into the access log and the inbox's
 * news marker remembers it (one transaction), then the page's view is built.
 */
export async function openForStaff(
	dossier: Dossier,
	user: SessionUser,
	db: Db = getDb(),
	now = new Date()
): Promise<StaffDossierView> {
	await db.transaction().execute(async (trx) => {
		await accessLog.record(
			accessLog.staffReader(user),
			{ what: 'dossier', dossierId: dossier.id },
			trx,
			now
		);
		await repo.markSeen(trx, dossier.id, user.id, now);
	});
	return viewForStaff(dossier, user, db);
}

/**
 * A file of this dossier (filed with the form, or sent with a message), opened to stream its bytes;
 * the reader's download is in the access log before the bytes are handed out (the citizen's own is
 * not logged).
 */
export async function openFile(
	dossier: Dossier,
	fileId: string,
	reader: accessLog.Reader,
	deps: { storage: FileStorage } = { storage: getFileStorage() },
	db: Db = getDb()
): Promise<OpenedFile | null> {
	if (!isUuid(fileId)) return null;
	const file = await repo.findAttachment(db, dossier.id, fileId);
	if (!file) return null;
	const stored = await deps.storage.open(file.storageKey);
	try {
		await accessLog.record(
			reader,
			{ what: 'file', dossierId: dossier.id, attachmentId: file.id },
			db
		);
	} catch (e) {
		// Not on record, so not handed out; the opened file is closed.
		await stored.body.cancel();
		throw e;
	}
	return { name: file.fileName, type: file.mediaType, ...stored };
}

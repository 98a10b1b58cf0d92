// Dossiers as another system sees them through the API: the inbox's list with its filters and
// keyset pages, one dossier with everything staff see (answers, files, messages, internal notes,
// the audit trail and the transitions it may take), its files, and the two changes it may make
// with a write token: a workflow transition (with the same version check as the back-office) and
// a message or internal note. A token limited to some processes finds no other dossier: to it,
// they do not exist (404), so it cannot even learn a reference is taken.
import type { z } from 'zod';
import { findState, listAllowedTransitions } from '$lib/process/progress';
import * as inbox from '../backoffice/service';
import { getDb, type Db } from '../db';
import type { Dossier } from '../db/schema';
import * as handling from '../dossiers/handling';
import * as dossierRepo from '../dossiers/repository';
import * as views from '../dossiers/views';
import { getFileStorage } from '../files';
import type { FileStorage } from '../files/storage';
import * as processes from '../processes/service';
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
	const dossier = views.isUuid(idOrReference)
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
	const [events, messages, attachments] = await Promise.all([
		dossierRepo.listEvents(db, dossier.id, false),
		dossierRepo.listMessages(db, dossier.id, true),
		dossierRepo.listAttachments(db, dossier.id)
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
		applicant: { name: dossier.applicantName, email: dossier.applicantEmail },
		assigneeId: dossier.assigneeId,
		submittedAt: iso(dossier.submittedAt),
		updatedAt: iso(dossier.updatedAt),
		dueDate: dossier.dueDate,
		pausedSince: isoOrNull(dossier.clockPausedAt),
		closedAt: isoOrNull(dossier.closedAt),
		answers: dossier.answers,
		attachments: attachments.map((a) => ({
			id: a.id,
			fieldKey: a.fieldKey,
			messageId: a.messageId,
			documentRequestId: a.documentRequestId,
			fileName: a.fileName,
			mediaType: a.mediaType,
			size: a.sizeBytes,
			sha256: a.sha256,
			createdAt: iso(a.createdAt),
			href: `/api/v1/dossiers/${dossier.id}/attachments/${a.id}`
		})),
		messages: messages.map((msg) => ({
			id: msg.id,
			authorRole: msg.authorRole,
			author: msg.authorName,
			internal: msg.internal,
			body: msg.body,
			createdAt: iso(msg.createdAt)
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
		}))
	};
}

export function openAttachment(
	dossier: Dossier,
	attachmentId: string,
	deps: { storage: FileStorage } = { storage: getFileStorage() },
	db: Db = getDb()
) {
	return views.openFile(dossier, attachmentId, deps, db);
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

// Outgoing documents: on a transition a process's template names, Loket fills the template with
// the dossier, renders it to PDF/A, seals it with the municipality's certificate (when one is
// configured), stores the bytes by SHA-256 and records the document, its audit event and its
// `document.issued` webhook event in the transaction of the transition. If any step fails the
// transition fails with it: a document is issued completely or not at all. The bytes are written
// before the row (content-addressed, as uploads): a rolled-back transaction leaves at most an
// unnamed file, never a row without its file.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AnswerMap } from '$lib/process/answers/values';
import type { ProcessDefinition } from '$lib/process/definition';
import { listDocumentsFor, type DocumentTemplate } from '$lib/process/documents';
import { isUuid } from '$lib/uuid';
import type { IssuedDocumentView } from '$lib/views/dossier';
import { getConfig } from '../config';
import { getDb, type Db } from '../db';
import type { Database, Dossier, OutgoingDocument } from '../db/schema';
import { getFileStorage } from '../files';
import type { FileStorage, OpenedFile } from '../files/storage';
import * as accessLog from '../access-log/service';
import * as dossierRepo from '../dossiers/repository';
import { dossierData, emitWebhookEvent } from '../webhooks/events';
import { DocumentIssueError, renderTemplate, type DocumentSettings } from './compose';
import * as repo from './repository';

export function currentSettings(config = getConfig()): DocumentSettings {
	return {
		municipalityName: config.municipalityName,
		logoFile: config.documents.logoFile,
		seal: config.documents.seal,
		origin: config.origin ?? `http://localhost:${config.port}`
	};
}

/** Whether issued documents are sealed on this server (the back-office says so when not). */
export function isSealConfigured(config = getConfig()): boolean {
	return config.documents.seal !== undefined;
}

export { DocumentIssueError, type DocumentSettings };

export type IssueDeps = { storage?: FileStorage; settings?: DocumentSettings };

function fileNameOf(template: DocumentTemplate, reference: string): string {
	return `${template.id}-${reference}.pdf`;
}

/**
 * Issues the documents the definition's templates name for transition `transitionId`, inside its
 * transaction (`dossier` as it is after the transition; `eventId` the transition's audit event).
 */
export async function issueForTransition(
	trx: Transaction<Database>,
	p: {
		dossier: Dossier;
		definition: ProcessDefinition;
		transitionId: string;
		officerName: string;
		actor: { actorId: string | null; actorLabel: string | null };
		note: string;
		eventId: number;
		now: Date;
	},
	deps: IssueDeps = {}
): Promise<OutgoingDocument[]> {
	const templates = listDocumentsFor(p.definition.documents, p.transitionId);
	if (templates.length === 0) return [];
	const storage = deps.storage ?? getFileStorage();
	const settings = deps.settings ?? currentSettings();
	const issued: OutgoingDocument[] = [];
	for (const template of templates) {
		const id = randomUUID();
		const { title, bytes } = await renderTemplate(
			p.definition,
			template,
			{
				documentId: id,
				reference: p.dossier.reference,
				applicantName: p.dossier.applicantName,
				officerName: p.officerName,
				note: p.note,
				answers: p.dossier.answers as AnswerMap,
				locale: p.dossier.language,
				at: p.now
			},
			settings
		);
		const stored = await storage.put(bytes);
		const document = await repo.insertDocument(trx, {
			id,
			dossierId: p.dossier.id,
			templateId: template.id,
			kind: template.kind,
			title,
			fileName: fileNameOf(template, p.dossier.reference),
			language: p.dossier.language,
			sha256: stored.sha256,
			sizeBytes: stored.size,
			storageKey: stored.sha256,
			sealed: settings.seal !== undefined,
			createdAt: p.now,
			createdByEventId: p.eventId
		});
		await dossierRepo.insertEvent(trx, {
			dossierId: p.dossier.id,
			type: 'document-issued',
			...p.actor,
			visibility: 'public',
			data: {
				documentId: id,
				templateId: template.id,
				title,
				sha256: stored.sha256,
				sealed: document.sealed
			}
		});
		await emitWebhookEvent(
			trx,
			'document.issued',
			{
				...dossierData(p.dossier),
				documentId: id,
				templateId: template.id,
				kind: template.kind,
				fileName: document.fileName,
				sha256: stored.sha256,
				sealed: document.sealed,
				transitionId: p.transitionId
			},
			p.now
		);
		issued.push(document);
	}
	return issued;
}

export function toView(d: OutgoingDocument): IssuedDocumentView {
	return {
		id: d.id,
		title: d.title,
		kind: d.kind,
		fileName: d.fileName,
		size: d.sizeBytes,
		sha256: d.sha256,
		sealed: d.sealed,
		issuedAt: d.createdAt
	};
}

/** The documents issued for a dossier, oldest first. */
export async function listForDossier(
	dossierId: string,
	db: Db = getDb()
): Promise<IssuedDocumentView[]> {
	return (await repo.listForDossier(db, dossierId)).map(toView);
}

/**
 * One issued document of this dossier, opened to stream its bytes, or null; the reader's download
 * is in the access log before the bytes are handed out (the citizen's own is not logged).
 */
export async function openDocument(
	dossier: Pick<Dossier, 'id'>,
	documentId: string,
	reader: accessLog.Reader,
	deps: { storage: FileStorage } = { storage: getFileStorage() },
	db: Db = getDb()
): Promise<OpenedFile | null> {
	if (!isUuid(documentId)) return null;
	const document = await repo.findForDossier(db, dossier.id, documentId);
	if (!document) return null;
	const stored = await deps.storage.open(document.storageKey);
	try {
		await accessLog.record(reader, { what: 'document', dossierId: dossier.id, documentId }, db);
	} catch (e) {
		// Not on record, so not handed out; the opened file is closed.
		await stored.body.cancel();
		throw e;
	}
	return { name: document.fileName, type: 'application/pdf', ...stored };
}

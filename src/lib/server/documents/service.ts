// Outgoing documents: on a transition a process's template names, Loket fills the template with
// the dossier, renders it to PDF/A, seals it with the municipality's certificate (when one is
// configured), stores the bytes by SHA-256 and records the document, its audit event and its
// `document.issued` webhook event in the transaction of the transition. If any step fails the
// transition fails with it: a document is issued completely or not at all. The bytes are written
// before the row (content-addressed, as uploads): a rolled-back transaction leaves at most an
// unnamed file, never a row without its file.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import { displayWords } from '$lib/i18n/answers';
import { formatDay, m, type Locale } from '$lib/i18n';
import { formatAnswer } from '$lib/process/answers/display';
import type { AnswerMap } from '$lib/process/answers/values';
import type { ProcessDefinition } from '$lib/process/definition';
import {
	fillTemplate,
	listDocumentsFor,
	type DocumentKind,
	type DocumentTemplate,
	type DocumentValues
} from '$lib/process/documents';
import { isInputField } from '$lib/process/fields/kinds';
import { localize } from '$lib/process/text';
import { isUuid } from '$lib/uuid';
import type { IssuedDocumentView } from '$lib/views/dossier';
import { getConfig } from '../config';
import { getDb, type Db } from '../db';
import type { Database, Dossier, OutgoingDocument } from '../db/schema';
import { getFileStorage } from '../files';
import type { FileStorage } from '../files/storage';
import * as dossierRepo from '../dossiers/repository';
import { dossierData, emitWebhookEvent } from '../webhooks/events';
import { renderDocument } from './render';
import type { SealConfig } from './seal';
import * as repo from './repository';

export type DocumentSettings = {
	municipalityName: string;
	logoFile: string | undefined;
	seal: SealConfig | undefined;
	/** The site's public address, named in the verification line. */
	origin: string;
};

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

export type IssueDeps = { storage?: FileStorage; settings?: DocumentSettings };

/** A document could not be made; the transition that asked for it is not taken. */
export class DocumentIssueError extends Error {
	override name = 'DocumentIssueError';
}

const kindWords: Record<DocumentKind, (locale: Locale) => string> = {
	decision: (locale) => m.documentKindDecision({}, { locale }),
	certificate: (locale) => m.documentKindCertificate({}, { locale }),
	permit: (locale) => m.documentKindPermit({}, { locale }),
	refusal: (locale) => m.documentKindRefusal({}, { locale })
};

export type DocumentContext = {
	reference: string;
	applicantName: string;
	officerName: string;
	note: string;
	answers: AnswerMap;
	locale: Locale;
	at: Date;
};

/** What the placeholders stand for in a dossier's document. */
export function valuesFor(
	definition: ProcessDefinition,
	ctx: DocumentContext,
	municipality: string
): DocumentValues {
	const words = displayWords(ctx.locale);
	const answers: Record<string, string> = {};
	for (const field of definition.pages.flatMap((p) => p.fields))
		if (isInputField(field))
			answers[field.key] = formatAnswer(field, ctx.answers[field.key] as never, ctx.locale, words);
	return {
		reference: ctx.reference,
		date: formatDay(ctx.at, ctx.locale),
		'applicant.name': ctx.applicantName,
		'officer.name': ctx.officerName,
		note: ctx.note,
		municipality,
		'process.title': localize(definition.title, ctx.locale),
		answers
	};
}

/** One template filled in for a dossier and rendered (sealed when a seal is configured). */
export async function renderTemplate(
	definition: ProcessDefinition,
	template: DocumentTemplate,
	ctx: DocumentContext & { documentId: string },
	settings: DocumentSettings
): Promise<{ title: string; bytes: Uint8Array }> {
	const { locale } = ctx;
	const municipality = settings.municipalityName;
	const filled = fillTemplate(template, locale, valuesFor(definition, ctx, municipality));
	const code = ctx.documentId.slice(0, 8).toUpperCase();
	const url = settings.origin.replace(/\/+$/, '');
	const logo = settings.logoFile ? await readLogo(settings.logoFile) : null;
	try {
		const bytes = await renderDocument({
			municipalityName: municipality,
			logo,
			locale,
			title: filled.title,
			blocks: filled.blocks,
			reference: ctx.reference,
			issuedOn: formatDay(ctx.at, locale),
			words: {
				kind: kindWords[template.kind](locale),
				reference: m.documentReference({}, { locale }),
				issuedOn: m.documentIssuedOn({}, { locale }),
				verification: settings.seal
					? m.documentVerification({ code, municipality, url }, { locale })
					: m.documentVerificationUnsealed({ code, url }, { locale }),
				unsealed: settings.seal ? null : m.documentUnsealed({ municipality }, { locale }),
				sealReason: m.documentSealReason({ municipality }, { locale })
			},
			seal: settings.seal ? { config: settings.seal, signingTime: ctx.at } : null
		});
		return { title: filled.title, bytes };
	} catch (e) {
		throw new DocumentIssueError((e as Error).message);
	}
}

async function readLogo(file: string): Promise<Uint8Array> {
	try {
		return await readFile(file);
	} catch (e) {
		throw new DocumentIssueError(
			`the logo MUNICIPALITY_LOGO_FILE cannot be read: ${(e as Error).message}`
		);
	}
}

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

/** One issued document of this dossier with its bytes, or null. */
export async function openDocument(
	dossier: Pick<Dossier, 'id'>,
	documentId: string,
	deps: { storage: FileStorage } = { storage: getFileStorage() },
	db: Db = getDb()
): Promise<{ name: string; type: string; bytes: Uint8Array } | null> {
	if (!isUuid(documentId)) return null;
	const document = await repo.findForDossier(db, dossier.id, documentId);
	if (!document) return null;
	return {
		name: document.fileName,
		type: 'application/pdf',
		bytes: await deps.storage.read(document.storageKey)
	};
}

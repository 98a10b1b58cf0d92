// The mailer: turns outbox rows of the mail kinds into e-mails and sends them through the
// configured transport. Each kind's payload is a contract with the code that writes it (see the
// schemas below); a payload that does not fit fails at once, anything else (a mail server that is
// down) is retried by the outbox worker. The language is the payload's, else the dossier's, else
// Dutch. A dossier without an e-mail address gets no mail, and its row counts as processed; so do
// internal notes and the citizen's own messages.
import { z } from 'zod';
import { localize, locales, type Locale } from '$lib/i18n';
import type { ProcessDefinition } from '$lib/process/definition';
import { getConfig } from '../config';
import type { Db } from '../db';
import type { Dossier } from '../db/schema';
import * as dossiers from '../dossiers/repository';
import * as documents from '../documents/repository';
import * as payments from '../payments/service';
import * as processes from '../processes/service';
import { getSiteSettings } from '../settings';
import { PermanentOutboxError, registerOutboxHandler, type OutboxJob } from '../outbox/worker';
import * as repo from './repository';
import * as templates from './templates';
import { createMailer, type Mailer } from './transport';

export type MailDeps = {
	mailer: Mailer;
	/** Read for every mail, so a renamed municipality shows at once. */
	municipality: () => string;
	origin: string;
};

const language = z.enum(locales).optional().catch(undefined);
const email = z
	.string()
	.trim()
	.min(3)
	.max(254)
	.regex(/^[^\s@]+@[^\s@]+$/);

/** The payloads other code writes to the outbox, by kind. Keep the names: they are a contract. */
export const mailPayloads = {
	'verify-email': z.object({ userId: z.string(), email, token: z.string().min(1), language }),
	'reset-password': z.object({ userId: z.string(), email, token: z.string().min(1), language }),
	'account-exists': z.object({ userId: z.string(), email, language }),
	invite: z.object({
		userId: z.string(),
		email,
		token: z.string().min(1),
		roles: z.array(z.string()),
		invitedByName: z.string().nullish(),
		language
	}),
	'receipt-email': z.object({
		dossierId: z.string(),
		reference: z.string(),
		to: email,
		language,
		trackingToken: z.string().min(1).nullish()
	}),
	'dossier-message': z.object({ dossierId: z.string(), messageId: z.string(), language }),
	'dossier-transitioned': z.object({
		dossierId: z.string(),
		toStatus: z.string(),
		/** Documents the transition issued: the mail says they are ready in the dossier. */
		documentIds: z.array(z.string()).optional(),
		language
	}),
	'staff-digest': z.object({
		userId: z.string(),
		email,
		name: z.string(),
		day: z.string(),
		assigned: z.array(z.object({ reference: z.string() })),
		replied: z.array(z.object({ reference: z.string() })),
		due: z.array(z.object({ reference: z.string() })),
		language
	})
};

export type MailKind = keyof typeof mailPayloads;
export const mailKinds = Object.keys(mailPayloads) as MailKind[];

function parse<K extends MailKind>(kind: K, payload: unknown): z.infer<(typeof mailPayloads)[K]> {
	const result = mailPayloads[kind].safeParse(payload);
	if (!result.success)
		throw new PermanentOutboxError(
			`malformed ${kind} payload: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`
		);
	return result.data as z.infer<(typeof mailPayloads)[K]>;
}

async function loadDossier(
	db: Db,
	id: string
): Promise<{ dossier: Dossier; definition: ProcessDefinition }> {
	const dossier = await dossiers.findById(db, id);
	if (!dossier) throw new PermanentOutboxError(`dossier ${id} does not exist`);
	const definition = await processes.getVersion(dossier.processId, dossier.processVersion, db);
	return { dossier, definition };
}

type Handler = (payload: unknown, job: OutboxJob, deps: MailDeps) => Promise<void>;

function context(deps: MailDeps, locale: Locale): templates.MailContext {
	return { locale, municipality: deps.municipality(), origin: deps.origin };
}

async function send(
	deps: MailDeps,
	job: OutboxJob,
	to: string,
	locale: Locale,
	mail: templates.RenderedMail
): Promise<void> {
	await deps.mailer.send(
		{ to, locale, ...mail },
		{ outboxId: job.id, kind: job.kind, now: job.now }
	);
}

const handlers: Record<MailKind, Handler> = {
	'verify-email': async (payload, job, deps) => {
		const p = parse('verify-email', payload);
		const locale = p.language ?? 'nl';
		await send(deps, job, p.email, locale, templates.verifyEmailMail(p, context(deps, locale)));
	},
	'reset-password': async (payload, job, deps) => {
		const p = parse('reset-password', payload);
		const locale = p.language ?? 'nl';
		await send(deps, job, p.email, locale, templates.resetPasswordMail(p, context(deps, locale)));
	},
	'staff-digest': async (payload, job, deps) => {
		const p = parse('staff-digest', payload);
		const locale = p.language ?? 'nl';
		await send(deps, job, p.email, locale, templates.staffDigestMail(p, context(deps, locale)));
	},
	'account-exists': async (payload, job, deps) => {
		const p = parse('account-exists', payload);
		const locale = p.language ?? 'nl';
		await send(deps, job, p.email, locale, templates.accountExistsMail(context(deps, locale)));
	},
	invite: async (payload, job, deps) => {
		const p = parse('invite', payload);
		const locale = p.language ?? 'nl';
		await send(deps, job, p.email, locale, templates.inviteMail(p, context(deps, locale)));
	},
	'receipt-email': async (payload, job, deps) => {
		const p = parse('receipt-email', payload);
		const { dossier, definition } = await loadDossier(job.db, p.dossierId);
		const locale = p.language ?? dossier.language;
		// Guests follow with their tracking link; account holders in their account. A guest whose
		// link is not in the payload gets the reference to quote instead of a link that cannot work.
		const link = p.trackingToken
			? { trackingToken: p.trackingToken }
			: dossier.ownerId
				? { reference: dossier.reference }
				: null;
		const mail = templates.receiptMail(
			{
				reference: dossier.reference,
				processTitle: localize(definition.title, locale),
				dueDate: dossier.dueDate,
				link,
				// A fee due at filing: the citizen can pay from the mail alone.
				payment: await openPayment(job.db, dossier.id)
			},
			context(deps, locale)
		);
		await send(deps, job, p.to, locale, mail);
	},
	'dossier-message': async (payload, job, deps) => {
		const p = parse('dossier-message', payload);
		const message = await repo.findMessageMeta(job.db, p.messageId);
		if (!message || message.dossierId !== p.dossierId)
			throw new PermanentOutboxError(
				`message ${p.messageId} of dossier ${p.dossierId} does not exist`
			);
		// Only what the municipality wrote to the citizen is announced: not an internal note, not
		// the citizen's own message.
		if (message.internal || message.authorRole === 'citizen') return;
		const { dossier, definition } = await loadDossier(job.db, p.dossierId);
		if (!dossier.applicantEmail) return;
		const locale = p.language ?? dossier.language;
		const mail = templates.dossierMessageMail(
			{
				reference: dossier.reference,
				processTitle: localize(definition.title, locale),
				hasAccount: dossier.ownerId !== null,
				// Said, never attached: the files wait in the dossier, behind its sign-in or link.
				attachments: Number(message.attachments ?? 0)
			},
			context(deps, locale)
		);
		await send(deps, job, dossier.applicantEmail, locale, mail);
	},
	'dossier-transitioned': async (payload, job, deps) => {
		const p = parse('dossier-transitioned', payload);
		const { dossier, definition } = await loadDossier(job.db, p.dossierId);
		if (!dossier.applicantEmail) return;
		const state = definition.workflow.states.find((s) => s.id === p.toStatus);
		if (!state)
			throw new PermanentOutboxError(
				`state ${p.toStatus} is not in ${dossier.processId}@${dossier.processVersion}`
			);
		const locale = p.language ?? dossier.language;
		const mail = templates.dossierTransitionedMail(
			{
				reference: dossier.reference,
				processTitle: localize(definition.title, locale),
				statusLabel: localize(state.citizenLabel ?? state.label, locale),
				statusText: localize(state.citizenText, locale),
				hasAccount: dossier.ownerId !== null,
				documents: (await documents.listForDossier(job.db, dossier.id))
					.filter((d) => p.documentIds?.includes(d.id))
					.map((d) => d.title),
				payment: await openPayment(job.db, dossier.id)
			},
			context(deps, locale)
		);
		await send(deps, job, dossier.applicantEmail, locale, mail);
	}
};

/** What the dossier still owes and how to transfer it; null when nothing (or no account is set). */
async function openPayment(db: Db, dossierId: string): Promise<templates.ReceiptPayment | null> {
	const payment = await payments.findPaymentView(dossierId, db);
	return payment?.transfer && payment.amountOpenCents > 0
		? {
				amountCents: payment.amountOpenCents,
				iban: payment.transfer.iban,
				beneficiary: payment.transfer.beneficiary,
				structuredReference: payment.structuredReference
			}
		: null;
}

/** Where links in mails point: ORIGIN, else this server on localhost. */
export function siteOrigin(config = getConfig()): string {
	return config.origin ?? `http://localhost:${config.port}`;
}

export function defaultMailDeps(config = getConfig()): MailDeps {
	return {
		mailer: createMailer({
			smtpUrl: config.mail.smtpUrl,
			from: config.mail.from,
			dataDir: config.dataDir
		}),
		municipality: () => getSiteSettings().municipalityName,
		origin: siteOrigin(config)
	};
}

/** Registers a handler for every mail kind with the outbox worker. */
export function registerMailHandlers(deps: MailDeps = defaultMailDeps()): void {
	for (const kind of mailKinds)
		registerOutboxHandler(kind, (payload, job) => handlers[kind](payload, job, deps));
}

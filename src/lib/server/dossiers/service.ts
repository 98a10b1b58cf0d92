// Dossiers: a filed request. Submitting a draft stores the dossier (reference, process id and
// version, answers, initial state, due date), its files, its first audit event and the receipt
// (e-mail and push) in the outbox in one transaction, or nothing at all. The draft's submission
// id makes a retried submit (double click, reload, lost response) return the same dossier.
import { findApplicant } from '$lib/process/applicant';
import {
	validateSubmission,
	type AnswerOptions,
	type StoredFile,
	type SubmissionIssue
} from '$lib/process/answers';
import { computeDueDate, toIsoDate } from '$lib/process/calendar';
import { getDb, type Db } from '../db';
import type { Dossier } from '../db/schema';
import type { DraftView } from '../drafts/service';
import * as outbox from '../outbox/repository';
import { enqueuePush } from '../push/events';
import { dossierData, emitWebhookEvent } from '../webhooks/events';
import * as repo from './repository';

export type SubmitResult =
	{ ok: true; dossier: Dossier; created: boolean } | { ok: false; issues: SubmissionIssue[] };

function listFileIds(answers: Record<string, unknown>): string[] {
	return Object.values(answers)
		.filter(
			(v): v is StoredFile[] =>
				Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && 'id' in x)
		)
		.flatMap((files) => files.map((f) => f.id));
}

export async function submitDraft(
	view: DraftView,
	q: {
		ownerId: string | null;
		opts: AnswerOptions;
		trackingToken?: string;
		/** The idempotency key a device made for a submission it queued; else the draft's own. */
		submissionId?: string;
	},
	db: Db = getDb(),
	now = new Date()
): Promise<SubmitResult> {
	const { draft, definition } = view;
	const submissionId = q.submissionId ?? draft.submissionId;
	if (draft.dossierId) {
		const earlier = await repo.findById(db, draft.dossierId);
		if (earlier) return { ok: true, dossier: earlier, created: false };
	}
	const issues = validateSubmission(definition, view.answers, q.opts);
	if (issues.length > 0) return { ok: false, issues };

	return db.transaction().execute(async (trx) => {
		const existing = await repo.findBySubmissionId(trx, submissionId);
		if (existing) return { ok: true as const, dossier: existing, created: false };
		const today = toIsoDate(now);
		const year = Number(today.slice(0, 4));
		const number = await repo.nextReferenceNumber(trx, year);
		const applicant = findApplicant(definition, view.answers);
		const inserted = await repo.insertDossier(trx, {
			reference: `${year}-${String(number).padStart(6, '0')}`,
			processId: draft.processId,
			processVersion: draft.processVersion,
			status: definition.workflow.initial,
			answers: JSON.stringify(view.answers),
			language: q.opts.locale,
			ownerId: q.ownerId ?? draft.ownerId,
			// A guest follows the dossier with the token that held the draft; only its hash is kept.
			guestTokenHash: (q.ownerId ?? draft.ownerId) ? null : draft.tokenHash,
			applicantName: applicant.name,
			applicantEmail: applicant.email,
			submissionId,
			dueDate: computeDueDate(today, definition.handlingTime)
		});
		// A concurrent submit of the same draft won the race: return its dossier.
		const dossier = inserted ?? (await repo.findBySubmissionId(trx, submissionId));
		if (!dossier) throw new Error('Dossier vanished during submit');
		if (!inserted) return { ok: true as const, dossier, created: false };
		const files = listFileIds(view.answers);
		const copied = await repo.copyDraftFiles(trx, draft.id, dossier.id, files);
		if (copied !== files.length)
			throw new Error(`Only ${copied} of ${files.length} files of the draft were found`);
		await repo.insertEvent(trx, {
			dossierId: dossier.id,
			type: 'submitted',
			toStatus: dossier.status,
			actorId: dossier.ownerId,
			actorLabel: dossier.ownerId ? null : 'guest',
			visibility: 'public'
		});
		if (dossier.applicantEmail)
			await outbox.insertOutbox(trx, 'receipt-email', {
				dossierId: dossier.id,
				reference: dossier.reference,
				to: dossier.applicantEmail,
				language: dossier.language,
				// A guest's way back to the dossier is the tracking link, and only this mail holds it.
				...(dossier.guestTokenHash && q.trackingToken ? { trackingToken: q.trackingToken } : {})
			});
		// Browsers that already follow this citizen's account hear of it too; a guest's dossier has
		// no browser yet (they subscribe on its tracking page).
		if (dossier.ownerId) await enqueuePush(trx, { event: 'receipt', dossierId: dossier.id });
		await emitWebhookEvent(trx, 'dossier.created', dossierData(dossier), now);
		await repo.markDraftSubmitted(trx, draft.id, dossier.id);
		return { ok: true as const, dossier, created: true };
	});
}

/** The dossier a submitted draft became, for its receipt page. */
export async function findSubmitted(view: DraftView, db: Db = getDb()): Promise<Dossier | null> {
	return view.draft.dossierId ? ((await repo.findById(db, view.draft.dossierId)) ?? null) : null;
}

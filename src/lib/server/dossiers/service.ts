// Dossiers: a filed request. Submitting a draft stores the dossier (reference, process id and
// version, answers, initial state, due date), its files, its first audit event and the receipt
// (e-mail and push) in the outbox in one transaction, or nothing at all. The draft's submission
// id makes a retried submit (double click, reload, lost response) return the same dossier.
import { findApplicant } from '$lib/process/applicant';
import { lockedAnswers, withLocked, type VerifiedIdentity } from '$lib/process/identity';
import {
	meetsAssurance,
	neededAssurance,
	type AssuranceLevel,
	type SignedIn
} from '$lib/process/assurance';
import {
	validateSubmission,
	type AnswerMap,
	type AnswerOptions,
	type StoredFile,
	type SubmissionIssue
} from '$lib/process/answers';
import type { Transaction } from 'kysely';
import { computeDueDate, toIsoDate } from '$lib/process/calendar';
import type { ProcessDefinition } from '$lib/process/definition';
import type { Locale } from '$lib/process/text';
import { GUEST_ACTOR } from '$lib/views/dossier';
import type { DossierChannel } from '$lib/views/intake';
import { getDb, type Db } from '../db';
import type { Database, Dossier } from '../db/schema';
import type { DraftView } from '../drafts/service';
import * as outbox from '../outbox/repository';
import { requestPayment } from '../payments/due';
import { enqueuePush } from '../push/events';
import { dossierData, emitWebhookEvent } from '../webhooks/events';
import * as repo from './repository';

export type SubmitResult =
	| { ok: true; dossier: Dossier; created: boolean }
	| { ok: false; issues: SubmissionIssue[] }
	/** The process needs a sign-in at this level, and the citizen has not reached it. */
	| { ok: false; issues: []; needs: AssuranceLevel };

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
		/** How the citizen is signed in now (null: a guest); an intake's is never asked. */
		signedIn: SignedIn | null;
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
	// An intake (staff filing for a citizen) is never linked to an account: what staff typed is no
	// proof of who the citizen is. The citizen follows it with the tracking link, like a guest.
	const intake =
		draft.filedBy && draft.channel ? { by: draft.filedBy, channel: draft.channel } : null;
	const needed = neededAssurance(definition);
	if (!intake && needed !== 'none' && !meetsAssurance(q.signedIn?.assurance ?? null, needed))
		return { ok: false, issues: [], needs: needed };
	// What the identity provider vouched for is filed as it said it (a draft begun before the
	// citizen signed in with eID, or a device's copy, may hold something else).
	const answers =
		intake || !q.signedIn?.identity
			? view.answers
			: withLocked(view.answers, lockedAnswers(definition, q.signedIn.identity));
	const issues = validateSubmission(definition, answers, q.opts);
	if (issues.length > 0) return { ok: false, issues };

	const applicant = findApplicant(definition, answers);
	const ownerId = intake ? null : (q.ownerId ?? draft.ownerId);
	// How the citizen signed in goes on the dossier; a guest, an intake or the API leave it empty.
	const signedIn = intake || !ownerId || !q.signedIn ? null : q.signedIn;
	return db.transaction().execute(async (trx) => {
		const filed = await insertFiled(
			trx,
			{
				processId: draft.processId,
				processVersion: draft.processVersion,
				definition,
				answers,
				// An intake's citizen gets the receipt and mails in the language staff chose for them.
				language: intake ? draft.language : q.opts.locale,
				ownerId,
				// A guest follows the dossier with the token that held the draft; only its hash is kept.
				guestTokenHash: ownerId ? null : draft.tokenHash,
				// The form's applicant fields when it has them, else whom staff entered at the start.
				applicant: intake
					? {
							name: applicant.name || (draft.applicantName ?? ''),
							email: applicant.email ?? draft.applicantEmail
						}
					: applicant,
				submissionId,
				channel: intake?.channel ?? 'web',
				filedBy: intake?.by ?? null,
				trackingToken: q.trackingToken,
				signedIn
			},
			now,
			async (dossier) => {
				const files = listFileIds(view.answers);
				const copied = await repo.copyDraftFiles(trx, draft.id, dossier.id, files);
				if (copied !== files.length)
					throw new Error(`Only ${copied} of ${files.length} files of the draft were found`);
			}
		);
		if (filed.created) await repo.markDraftSubmitted(trx, draft.id, filed.dossier.id);
		return { ok: true as const, ...filed };
	});
}

/**
 * Signed in for an enterprise: the dossier is filed on its behalf, by the person who signed in
 * (their name and role as the provider gave them). Every dossier of such a session is.
 */
function onBehalfOf(identity: VerifiedIdentity | null | undefined) {
	const enterprise = identity?.enterprise;
	if (!enterprise) return {};
	return {
		onBehalfKbo: enterprise.number,
		onBehalfName: enterprise.name,
		onBehalfBy: `${identity.givenName} ${identity.familyName}`.trim().replace(/\s+/g, ' '),
		onBehalfRole: enterprise.role ?? null
	};
}

export type FiledDossier = {
	processId: string;
	processVersion: number;
	definition: ProcessDefinition;
	answers: AnswerMap;
	language: Locale;
	ownerId: string | null;
	guestTokenHash: string | null;
	applicant: { name: string; email: string | null };
	/** Makes a retried submission return the dossier it made the first time. */
	submissionId: string;
	channel: DossierChannel;
	/** The member of staff who filed it for the citizen (an intake); the `submitted` event's actor. */
	filedBy?: string | null;
	/** Who filed it, when it is not the owner: another system ("API: <token name>"). */
	actorLabel?: string;
	/** A guest's tracking link, mailed in the receipt only. */
	trackingToken?: string;
	/** How the owner had signed in (stored on the dossier); none for a guest, intake or API. */
	signedIn?: SignedIn | null;
};

/**
 * Stores a validated submission: the dossier with its next reference, its files (`storeFiles`, in
 * the same transaction), the `submitted` event, the receipt (mail and push) and the
 * dossier.created webhook. When the submission id was used before, it returns that dossier.
 */
export async function insertFiled(
	trx: Transaction<Database>,
	f: FiledDossier,
	now: Date,
	storeFiles: (dossier: Dossier) => Promise<void>
): Promise<{ dossier: Dossier; created: boolean }> {
	const existing = await repo.findBySubmissionId(trx, f.submissionId);
	if (existing) return { dossier: existing, created: false };
	const today = toIsoDate(now);
	const year = Number(today.slice(0, 4));
	const number = await repo.nextReferenceNumber(trx, year);
	const inserted = await repo.insertDossier(trx, {
		reference: `${year}-${String(number).padStart(6, '0')}`,
		processId: f.processId,
		processVersion: f.processVersion,
		status: f.definition.workflow.initial,
		answers: JSON.stringify(f.answers),
		language: f.language,
		ownerId: f.ownerId,
		guestTokenHash: f.guestTokenHash,
		applicantName: f.applicant.name,
		applicantEmail: f.applicant.email,
		submissionId: f.submissionId,
		dueDate: computeDueDate(today, f.definition.handlingTime),
		channel: f.channel,
		filedBy: f.filedBy ?? null,
		signedInWith: f.signedIn?.provider ?? null,
		assurance: f.signedIn?.assurance ?? null,
		...onBehalfOf(f.signedIn?.identity)
	});
	// A concurrent submit of the same submission won the race: return its dossier.
	const dossier = inserted ?? (await repo.findBySubmissionId(trx, f.submissionId));
	if (!dossier) throw new Error('Dossier vanished during submit');
	if (!inserted) return { dossier, created: false };
	await storeFiles(dossier);
	await repo.insertEvent(trx, {
		dossierId: dossier.id,
		type: 'submitted',
		toStatus: dossier.status,
		actorId: f.filedBy ?? dossier.ownerId,
		actorLabel: f.actorLabel ?? (dossier.ownerId || f.filedBy ? null : GUEST_ACTOR),
		visibility: 'public',
		data: f.filedBy ? { channel: f.channel } : null
	});
	await requestPayment(trx, dossier, f.definition, 'filing', now);
	if (dossier.applicantEmail)
		await outbox.insertOutbox(trx, 'receipt-email', {
			dossierId: dossier.id,
			reference: dossier.reference,
			to: dossier.applicantEmail,
			language: dossier.language,
			// A guest's way back to the dossier is the tracking link, and only this mail holds it.
			...(dossier.guestTokenHash && f.trackingToken ? { trackingToken: f.trackingToken } : {})
		});
	// Browsers that already follow this citizen's account hear of it too; a guest's dossier has
	// no browser yet (they subscribe on its tracking page).
	if (dossier.ownerId) await enqueuePush(trx, { event: 'receipt', dossierId: dossier.id });
	await emitWebhookEvent(trx, 'dossier.created', dossierData(dossier), now);
	return { dossier, created: true };
}

/** The dossier a submitted draft became, for its receipt page. */
export async function findSubmitted(view: DraftView, db: Db = getDb()): Promise<Dossier | null> {
	return view.draft.dossierId ? ((await repo.findById(db, view.draft.dossierId)) ?? null) : null;
}

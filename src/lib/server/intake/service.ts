// Intake: a request a member of staff files for a citizen who phones, comes to the desk, writes or
// mails (issue 20, item 3). It is filled in through the same form runner as a citizen's request,
// kept between pages as a draft row marked with the staff member, the channel and whom it is for,
// found only by its id and that staff member, and filed by the same submit as a citizen's: the
// same dossier, reference, receipt mail with the tracking link and PDF receipt, with `channel` and
// `filed_by` on the dossier. Staff may only file for the processes of their departments, checked
// on every step. An intake is never linked to a citizen's account (see dossiers/service.ts).
import type { AnswerOptions } from '$lib/process/answers';
import { prefillApplicant } from '$lib/process/applicant';
import type { AnswerStore } from '$lib/process/runner';
import type { LocalText, Locale } from '$lib/process/text';
import { isUuid } from '$lib/uuid';
import { isIntakeChannel, type IntakeChannel, type IntakeProcess } from '$lib/views/intake';
import { getDb, type Db } from '../db';
import type { FormDraft } from '../db/schema';
import * as departments from '../departments/service';
import * as dossiers from '../dossiers/service';
import * as drafts from '../drafts/service';
import * as draftRepo from '../drafts/repository';
import type { FileStorage } from '../files/storage';
import * as processes from '../processes/service';
import { generateToken, hashToken } from '../tokens';
import { isValidEmail } from '../users/service';

const LIFETIME_DAYS = 30;
export const NAME_MAX = 200;

export type Intake = drafts.DraftView & {
	channel: IntakeChannel;
	applicantName: string;
	applicantEmail: string | null;
};

/** The processes this member of staff may file for a citizen: current ones of their departments. */
export async function listProcesses(userId: string, db: Db = getDb()): Promise<IntakeProcess[]> {
	const [scope, catalogue] = await Promise.all([
		departments.scopeFor(userId, db),
		processes.listCatalogue(db)
	]);
	return catalogue
		.filter((p) => scope.processIds.includes(p.id))
		.map(({ id, title }) => ({ id, title }));
}

export type StartInput = { processId: string; channel: string; name: string; email: string };
export type StartIssues = Partial<Record<'processId' | 'channel' | 'name' | 'email', string>>;
export type StartResult =
	| { ok: true; intake: Intake; token: string }
	| { ok: false; issues: StartIssues; kind: 'invalid' | 'forbidden' };

/**
 * Starts an intake on the current version of a process of the staff member's departments, its
 * applicant fields filled in with the citizen's name and e-mail. The token is the citizen's
 * tracking link once filed; it is given to the staff member's browser only (the web layer keeps
 * it in a cookie of this intake), and only its hash is stored.
 */
export async function start(
	user: { id: string },
	input: StartInput,
	language: Locale,
	db: Db = getDb(),
	now = new Date()
): Promise<StartResult> {
	const issues: StartIssues = {};
	const name = input.name.trim().replace(/\s+/g, ' ');
	const email = input.email.trim();
	if (!input.processId) issues.processId = 'required';
	if (!isIntakeChannel(input.channel)) issues.channel = 'required';
	if (!name) issues.name = 'required';
	else if (name.length > NAME_MAX) issues.name = 'too-long';
	if (email && !isValidEmail(email)) issues.email = 'invalid';
	if (Object.keys(issues).length > 0) return { ok: false, issues, kind: 'invalid' };
	const allowed = await listProcesses(user.id, db);
	if (!allowed.some((p) => p.id === input.processId))
		return { ok: false, issues: { processId: 'forbidden' }, kind: 'forbidden' };
	const product = await processes.findProduct(input.processId, db);
	if (!product) return { ok: false, issues: { processId: 'forbidden' }, kind: 'forbidden' };
	const channel = input.channel as IntakeChannel;
	const token = generateToken();
	const answers = prefillApplicant(product.definition, { name, email });
	const draft = await draftRepo.insertDraft(db, {
		tokenHash: hashToken(token),
		ownerId: null,
		processId: input.processId,
		processVersion: product.version,
		language,
		expiresAt: new Date(now.getTime() + LIFETIME_DAYS * 24 * 60 * 60 * 1000),
		answers,
		intake: {
			filedBy: user.id,
			channel,
			applicantName: name,
			applicantEmail: email || null
		}
	});
	return { ok: true, intake: await toIntake(draft, db), token };
}

async function toIntake(draft: FormDraft, db: Db): Promise<Intake> {
	const definition = await processes.getVersion(draft.processId, draft.processVersion, db);
	return {
		draft,
		definition,
		answers: draft.answers as drafts.DraftView['answers'],
		channel: draft.channel as IntakeChannel,
		applicantName: draft.applicantName ?? '',
		applicantEmail: draft.applicantEmail
	};
}

/**
 * This staff member's intake with this id, while its process is still one of their departments'
 * (a process moved to another department takes its unfiled intakes with it). Null otherwise.
 */
export async function find(
	id: string,
	user: { id: string },
	db: Db = getDb(),
	now = new Date()
): Promise<Intake | null> {
	if (!isUuid(id)) return null;
	const draft = await draftRepo.findIntake(db, id, user.id);
	if (!draft) return null;
	if (!draft.dossierId && draft.expiresAt < now) return null;
	const scope = await departments.scopeFor(user.id, db);
	if (!draft.dossierId && !scope.processIds.includes(draft.processId)) return null;
	return toIntake(draft, db);
}

/**
 * Drops this staff member's unfiled intake (the citizen changed their mind, or it was started by
 * mistake): it is gone from their list at once, and the hourly clean-up removes it and its files.
 * What was dropped (the process's title, the citizen's name), or null when there is no such intake
 * of theirs, or it was filed meanwhile.
 */
export async function discard(
	id: string,
	user: { id: string },
	db: Db = getDb(),
	now = new Date()
): Promise<{ title: LocalText; applicantName: string } | null> {
	if (!isUuid(id)) return null;
	const dropped = await draftRepo.expireIntake(db, id, user.id, now);
	if (!dropped) return null;
	const { title } = await processes.getVersion(dropped.processId, dropped.processVersion, db);
	return { title, applicantName: dropped.applicantName ?? '' };
}

/** This staff member's intakes not yet filed, to continue one. */
export async function listOpen(user: { id: string }, db: Db = getDb(), now = new Date()) {
	const rows = await draftRepo.listOpenIntakes(db, user.id, now);
	const scope = await departments.scopeFor(user.id, db);
	return Promise.all(
		rows
			.filter((r) => scope.processIds.includes(r.processId))
			.map(async (r) => ({
				id: r.id,
				applicantName: r.applicantName ?? '',
				channel: r.channel as IntakeChannel,
				updatedAt: r.updatedAt,
				title: (await processes.getVersion(r.processId, r.processVersion, db)).title
			}))
	);
}

/** The intake as the form runner's answer store: the same pages, under /backoffice/intake/<id>. */
export function answerStore(
	intake: Intake,
	deps: { storage: FileStorage; opts: AnswerOptions },
	db: Db = getDb()
): AnswerStore {
	return drafts.answerStore(
		intake,
		deps,
		db,
		(step) => `/backoffice/intake/${intake.draft.id}/${step}`
	);
}

/**
 * Files the intake as a dossier, exactly as a citizen's submit does (one transaction, the draft's
 * submission id as idempotency key: a retry returns the same dossier). `token` is the tracking
 * token this browser holds; when it is missing or stale (another browser), a new one is made, so
 * the receipt always carries a working tracking link. Answers the token that follows the dossier.
 */
export async function submit(
	intake: Intake,
	q: { token: string | undefined; opts: AnswerOptions },
	db: Db = getDb(),
	now = new Date()
): Promise<dossiers.SubmitResult & { token: string | null }> {
	let view = intake;
	let token = q.token && hashToken(q.token) === intake.draft.tokenHash ? q.token : null;
	if (!token && !intake.draft.dossierId) {
		token = generateToken();
		await draftRepo.updateTokenHash(db, intake.draft.id, hashToken(token));
		view = { ...intake, draft: { ...intake.draft, tokenHash: hashToken(token) } };
	}
	const result = await dossiers.submitDraft(
		view,
		{ ownerId: null, opts: q.opts, trackingToken: token ?? undefined, signedIn: null },
		db,
		now
	);
	return { ...result, token };
}

/** The dossier an intake became, or null while it is not filed. */
export async function findFiled(intake: Intake, db: Db = getDb()) {
	return dossiers.findSubmitted(intake, db);
}

/** Whether the token this browser holds follows the filed dossier (for the paper receipt). */
export function holdsTrackingToken(
	dossier: { guestTokenHash: string | null },
	token: string | undefined
): token is string {
	return !!token && dossier.guestTokenHash === hashToken(token);
}

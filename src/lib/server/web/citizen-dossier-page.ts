// The citizen's dossier page, shared by the owner's route (/dossiers/[ref]) and the guest's
// tracking link (/volg/[token]): the data the page shows, and its two actions, replying (with
// files and requested documents) and withdrawing. The routes find the dossier and say who acts;
// everything else is the same for both.
import { randomUUID } from 'node:crypto';
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { m, type Locale } from '$lib/i18n';
import { displayWords } from '$lib/i18n/answers';
import { isChosenFile, summarizeAnswers } from '$lib/process/answers';
import type { CitizenDossierData, FormError, ReplyLimits } from '$lib/views/dossier';
import type { Dossier } from '../db/schema';
import * as handling from '../dossiers/handling';
import { onBehalfOf } from '../dossiers/on-behalf';
import * as views from '../dossiers/views';
import * as payments from '../payments/service';
import { getFileStorage } from '../files';
import { acceptedInWords, uploadRefusalMessage } from './upload-refusals';

type CitizenActor = { kind: 'citizen'; userId: string | null };

export const replyLimits: ReplyLimits = {
	maxLength: handling.MAX_MESSAGE_LENGTH,
	maxFiles: handling.MAX_REPLY_FILES,
	maxFileMb: handling.MAX_REPLY_FILE_MB,
	accepted: acceptedInWords
};

/** What the page shows; the definition itself stays on the server. */
export async function loadCitizenDossier(
	dossier: Dossier,
	locale: Locale
): Promise<CitizenDossierData> {
	const [view, payment] = await Promise.all([
		views.viewForCitizen(dossier),
		payments.findPaymentView(dossier.id)
	]);
	return {
		reference: view.reference,
		title: view.title,
		requestKind: view.definition.requestKind,
		submittedAt: view.submittedAt,
		dueDate: view.dueDate,
		pausedSince: view.pausedSince,
		closedAt: view.closedAt,
		state: view.state,
		actionNeeded: view.actionNeeded,
		canReply: view.canReply,
		withdraw: view.withdraw,
		payment,
		onBehalfOf: onBehalfOf(dossier),
		sections: summarizeAnswers(view.definition, view.answers, locale, displayWords(locale)),
		filedFiles: view.filedFiles,
		timeline: view.timeline,
		openRequests: view.openRequests,
		documents: view.documents,
		// A fresh id per rendering of the form: the same reply sent twice is stored once.
		replyId: randomUUID(),
		limits: replyLimits
	};
}

/**
 * The answer when a signed-in citizen's dossier was not found: 404, whether it exists or not;
 * except to the one who filed it for an enterprise they are not signed in for now, who is told
 * for which to sign in (403; "Aanmelden voor …" signs out and comes back here).
 */
export async function refuseNotFound(
	event: Pick<RequestEvent, 'params' | 'setHeaders'>,
	scope: { userId: string; enterprise: string | null }
): Promise<never> {
	const enterprise = await views.findEnterpriseOfActor(event.params.ref ?? '', scope);
	if (!enterprise) error(404, 'Not found');
	event.setHeaders({ 'cache-control': 'private, no-store' });
	error(403, {
		message: m.dossierOtherEnterprise({ name: enterprise.name }),
		enterprise: enterprise.name
	});
}

function replyError(issue: handling.ReplyIssue): FormError {
	const name = issue.name === 'body' || issue.name === 'files' ? issue.name : `doc-${issue.name}`;
	const file = issue.fileName ?? '';
	switch (issue.code) {
		case 'required':
			return { name, message: m.followReplyErrorRequired() };
		case 'too-long':
			return { name, message: m.followReplyErrorTooLong({ max: replyLimits.maxLength }) };
		case 'too-many':
			return { name, message: m.followReplyErrorTooMany({ max: replyLimits.maxFiles }) };
		case 'too-large':
		case 'type':
		case 'empty':
		case 'dimensions':
		case 'active-content':
			return { name, message: uploadRefusalMessage(issue.code, file) };
		case 'one-file':
			return { name, message: m.followReplyErrorOneFile() };
		case 'unknown-request':
			return { name, message: m.followReplyErrorUnknownRequest() };
	}
}

/** ?/reply: the citizen's message with files; on a refusal the text comes back with the errors. */
export async function replyAction(event: RequestEvent, dossier: Dossier, actor: CitizenActor) {
	const data = await event.request.formData();
	const body = String(data.get('body') ?? '');
	const uploads: handling.ReplyUpload[] = [];
	for (const [name, value] of data.entries()) {
		if (!(value instanceof File) || !isChosenFile(value)) continue;
		if (name === 'files') uploads.push({ requestId: null, file: value });
		else if (name.startsWith('doc-')) uploads.push({ requestId: name.slice(4), file: value });
	}
	const result = await handling.replyAsCitizen(
		dossier.id,
		actor,
		{ replyId: String(data.get('replyId') ?? ''), body, uploads },
		{ storage: getFileStorage() }
	);
	if (result.ok) return { sent: result.resumed ? ('resumed' as const) : ('stored' as const) };
	const errors =
		result.reason === 'invalid'
			? result.issues.map(replyError)
			: [{ name: 'body', message: m.followReplyErrorClosed() }];
	return fail(400, { reply: { body, errors, hadFiles: uploads.length > 0 } });
}

/** ?/withdraw: only with the box ticked (and a reason where the workflow asks one). */
export async function withdrawAction(event: RequestEvent, dossier: Dossier, actor: CitizenActor) {
	const data = await event.request.formData();
	const transitionId = String(data.get('transition') ?? '');
	const reason = String(data.get('reason') ?? '').trim();
	const errors: FormError[] = [];
	if (data.get('confirm') !== 'yes')
		errors.push({ name: 'confirm', message: m.followWithdrawConfirmRequired() });
	if (errors.length === 0) {
		const result = await handling.transition(dossier.id, actor, {
			transitionId,
			expectedVersion: null,
			note: reason
		});
		if (result.ok) return { withdrawn: true };
		errors.push(
			result.reason === 'note-required'
				? { name: 'reason', message: m.followWithdrawReasonRequired() }
				: { name: 'confirm', message: m.followWithdrawRefused() }
		);
	}
	return fail(400, { withdrawForm: { reason, errors } });
}

export type { CitizenDossierData, FormError };

// The back-office page of one dossier: what staff see (everything, with who did what) and its
// actions, taking a workflow transition (with the version the page showed, so nobody overwrites a
// colleague's change unseen) and adding a message to the citizen or an internal note.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatDateTime, m, type Locale } from '$lib/i18n';
import { displayWords } from '$lib/i18n/answers';
import { summarizeAnswers } from '$lib/process/answers';
import { localize } from '$lib/process/text';
import type { SessionUser } from '../auth/session';
import type { Dossier } from '../db/schema';
import * as departments from '../departments/service';
import * as documents from '../documents/service';
import * as handling from '../dossiers/handling';
import * as views from '../dossiers/views';
import * as processes from '../processes/service';
import { getSiteSettings } from '../settings';
import { templatesForDossier } from '../replies/service';
import { setFlash } from './flash';

export async function loadStaffDossier(dossier: Dossier, user: SessionUser, locale: Locale) {
	const [view, templates] = await Promise.all([
		views.viewForStaff(dossier, user),
		templatesForDossier(dossier, getSiteSettings().municipalityName)
	]);
	return {
		id: view.id,
		reference: view.reference,
		version: view.version,
		title: view.title,
		applicantName: view.applicantName,
		applicantEmail: view.applicantEmail,
		channel: view.channel,
		filedBy: view.filedBy,
		submittedAt: view.submittedAt,
		dueDate: view.dueDate,
		pausedSince: view.pausedSince,
		closedAt: view.closedAt,
		state: view.state,
		actions: view.actions,
		assignee: view.assignee,
		colleagues: view.colleagues,
		departments: view.departments,
		handOverTo: view.handOverTo,
		isMine: view.assignee?.id === user.id,
		timeline: view.timeline,
		openRequests: view.openRequests,
		filedFiles: view.filedFiles,
		documents: view.documents,
		/** Whether the process issues documents, and whether this server seals them. */
		issuesDocuments: (view.definition.documents ?? []).length > 0,
		sealConfigured: documents.isSealConfigured(),
		templates,
		sections: summarizeAnswers(view.definition, view.answers, locale, displayWords(locale))
	};
}

export type StaffDossierData = Awaited<ReturnType<typeof loadStaffDossier>>;

/** Which part of the page a result belongs to: it is shown there, beside the form that was used. */
export type ResultPlace = 'assign' | 'transition' | 'message' | 'handOver';

/** The answer to a stale page: who changed the dossier, and when. */
function conflictFailure(result: handling.Conflict, locale: Locale, on: ResultPlace) {
	return fail(409, {
		on,
		conflict: m.staffDossierConflict({
			who: result.changedBy ?? m.staffDossierSomeone(),
			at: formatDateTime(result.changedAt, locale)
		})
	});
}

/** ?/transition: one of the actions the page offered, checked against the version it showed. */
export async function transitionAction(event: RequestEvent, dossier: Dossier, user: SessionUser) {
	const data = await event.request.formData();
	const transitionId = String(data.get('transition') ?? '');
	const note = String(data.get('note') ?? '');
	const documents = String(data.get('documents') ?? '').split('\n');
	const result = await handling.transition(
		dossier.id,
		{ kind: 'staff', user },
		{
			transitionId,
			expectedVersion: Number(data.get('version')),
			note,
			documents
		}
	);
	const locale = event.locals.locale;
	if (result.ok) {
		const definition = await processes.getVersion(dossier.processId, dossier.processVersion);
		const taken = definition.workflow.transitions.find((t) => t.id === transitionId);
		return {
			on: 'transition' as const,
			done: m.staffDossierDone({ action: taken ? localize(taken.label, locale) : transitionId })
		};
	}
	const failed = { transition: transitionId, note, documents: documents.join('\n') };
	switch (result.reason) {
		case 'conflict':
			return conflictFailure(result, locale, 'transition');
		case 'note-required':
			return fail(400, { ...failed, error: m.staffDossierNoteRequired() });
		case 'too-long':
			return fail(400, {
				...failed,
				error: m.staffDossierNoteTooLong({ max: handling.MAX_NOTE_LENGTH })
			});
		case 'not-allowed':
		case 'not-found':
			return fail(409, { on: 'transition' as const, conflict: m.staffDossierNotAllowed() });
		case 'document-failed':
			return fail(500, { ...failed, error: m.documentFailed({ reason: result.message }) });
	}
}

/** ?/message: a message to the citizen (mailed) or an internal note. */
export async function messageAction(event: RequestEvent, dossier: Dossier, user: SessionUser) {
	const data = await event.request.formData();
	const body = String(data.get('body') ?? '');
	const internal = data.get('kind') !== 'citizen';
	const result = await handling.postStaffMessage(dossier.id, user, { body, internal });
	if (result.ok) return { on: 'message' as const, messageSent: true };
	const error =
		result.reason === 'too-long'
			? m.staffDossierNoteTooLong({ max: handling.MAX_MESSAGE_LENGTH })
			: m.staffDossierMessageEmpty();
	return fail(400, { message: { body, internal, error } });
}

/** ?/assign: take the dossier, hand it to a colleague or release it (version-checked). */
export async function assignAction(event: RequestEvent, dossier: Dossier, user: SessionUser) {
	const data = await event.request.formData();
	const to = String(data.get('assignee') ?? '');
	const result = await handling.assign(dossier.id, user, {
		assigneeId: to === 'me' ? user.id : to || null,
		expectedVersion: Number(data.get('version'))
	});
	if (result.ok) {
		const view = await views.viewForStaff(result.dossier, user);
		return {
			on: 'assign' as const,
			done: view.assignee
				? m.staffDossierAssignedNotice({ name: view.assignee.name })
				: m.staffDossierUnassignedNotice()
		};
	}
	if (result.reason === 'conflict') return conflictFailure(result, event.locals.locale, 'assign');
	return fail(400, { on: 'assign' as const, conflict: m.staffDossierNotStaff() });
}

/**
 * ?/handOver: hand the dossier to another department with a note (version-checked). Staff who
 * still see it afterwards stay on its page; those who do not go back to the inbox, told it went.
 */
export async function handOverAction(event: RequestEvent, dossier: Dossier, user: SessionUser) {
	const data = await event.request.formData();
	const departmentId = String(data.get('department') ?? '');
	const note = String(data.get('note') ?? '');
	const result = await handling.handOver(dossier.id, user, {
		departmentId,
		note,
		expectedVersion: Number(data.get('version'))
	});
	const locale = event.locals.locale;
	if (result.ok) {
		if (await departments.worksOn(user.id, result.dossier))
			return {
				on: 'handOver' as const,
				done: m.staffDossierHandedOver({ department: result.department })
			};
		setFlash(event.cookies, 'handed-over');
		redirect(303, '/backoffice');
	}
	if (result.reason === 'conflict') return conflictFailure(result, locale, 'handOver');
	const error = {
		'note-required': () => m.staffDossierHandOverNoteRequired(),
		'too-long': () => m.staffDossierNoteTooLong({ max: handling.MAX_NOTE_LENGTH }),
		'same-department': () => m.staffDossierHandOverSame(),
		'not-found': () => m.staffDossierHandOverChoose()
	}[result.reason]();
	const field: 'note' | 'department' =
		result.reason === 'note-required' || result.reason === 'too-long' ? 'note' : 'department';
	return fail(400, { on: 'handOver' as const, handOver: { departmentId, note, error, field } });
}

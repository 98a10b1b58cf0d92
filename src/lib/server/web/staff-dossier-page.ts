// The back-office page of one dossier: what staff see (everything, with who did what) and its
// actions, taking a workflow transition (with the version the page showed, so nobody overwrites a
// colleague's change unseen), assigning it, adding a message to the citizen (with files, if any)
// or an internal note, and handing it over to another department. Each is a superforms form with an id of its own
// (`$lib/views/dossier-forms`); its result is the form's message, shown beside it on the page.
import { randomUUID } from 'node:crypto';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { formatDateTime, m, type Locale } from '$lib/i18n';
import { displayWords } from '$lib/i18n/answers';
import { summarizeAnswers } from '$lib/process/answers';
import { localize } from '$lib/process/text';
import type { StaffAction } from '$lib/views/dossier';
import {
	ASSIGN_FORM,
	HAND_OVER_FORM,
	MESSAGE_FORM,
	TAKE_FORM,
	transitionFormId
} from '$lib/views/dossier-forms';
import type { FormNotice } from '$lib/views/forms';
import { canHandleDossiers } from '../auth/policies';
import type { SessionUser } from '../auth/session';
import type { Dossier } from '../db/schema';
import * as accessLog from '../access-log/service';
import * as departments from '../departments/service';
import {
	assignSchema,
	handOverErrors,
	handOverSchema,
	messageError,
	messageSchema,
	transitionNoteError,
	transitionSchema
} from '../dossiers/form';
import * as documents from '../documents/service';
import * as handling from '../dossiers/handling';
import * as views from '../dossiers/views';
import * as payments from '../payments/service';
import * as processes from '../processes/service';
import * as holds from '../retention/holds';
import { providerName } from '../oidc/providers';
import { onBehalfOf } from '../dossiers/on-behalf';
import { getSiteSettings } from '../settings';
import { templatesForDossier } from '../replies/service';
import { setFlash } from './flash';
import { requireAllowed } from './guards';
import { refuse, postedForm } from './forms';
import { replyLimits } from './citizen-dossier-page';
import { uploadRefusalMessage } from './upload-refusals';

/**
 * The page's data. Opening it is a look at the dossier, on record in the access log before the
 * view is built; the page then shows that log (the latest lines, or all with `allLooks`).
 */

/**
 * The dossier of the route's `id` for staff who handle dossiers (its department's, or an admin);
 * another department's dossier, like one that does not exist, is not found.
 */
export async function findStaffDossier(
	event: Pick<RequestEvent, 'locals' | 'url'> & { params: { id: string } }
): Promise<{ user: SessionUser; dossier: Dossier }> {
	const user = requireAllowed(event, canHandleDossiers);
	const dossier = await views.findForStaff(event.params.id, user);
	if (!dossier) error(404, 'Not found');
	return { user, dossier };
}

export async function loadStaffDossier(
	dossier: Dossier,
	user: SessionUser,
	locale: Locale,
	options: { allLooks: boolean } = { allLooks: false }
) {
	const view = await views.openForStaff(dossier, user);
	const [templates, payment, looks, hold] = await Promise.all([
		templatesForDossier(dossier, getSiteSettings().municipalityName),
		payments.findPaymentView(dossier.id),
		accessLog.listForDossier(dossier.id, { all: options.allLooks }),
		holds.getHoldStatus(dossier.id)
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
		/** How the citizen had signed in to file it (web only): provider, level; null for a guest. */
		signedIn: dossier.assurance
			? {
					provider: dossier.signedInWith ? providerName(dossier.signedInWith, locale) : null,
					level: dossier.assurance
				}
			: null,
		/** Filed for an enterprise: which (KBO number as written), by whom, in which role. */
		onBehalfOf: onBehalfOf(dossier),
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
		/** The files a message may carry: as many, as large and of the types a citizen may send. */
		fileLimits: replyLimits,
		payment,
		looks,
		/** Legal hold: set, it stops the dossier's destruction (retention). */
		legalHold: hold.held,
		sections: summarizeAnswers(view.definition, view.answers, locale, displayWords(locale))
	};
}

export type StaffDossierData = Awaited<ReturnType<typeof loadStaffDossier>>;

/**
 * The page's empty forms, each with its id: taking the dossier, assigning it, a message, the
 * hand-over and one form per step offered. The version and the current assignee are drawn from
 * the page's data, loaded again after every answer; the forms hold what staff choose and type.
 */
export async function staffDossierForms(actions: readonly StaffAction[]) {
	const noErrors = { errors: false } as const;
	const [take, assign, writing, handOver, steps] = await Promise.all([
		superValidate({ assignee: 'me' }, zod4(assignSchema), { ...noErrors, id: TAKE_FORM }),
		superValidate(zod4(assignSchema), { id: ASSIGN_FORM }),
		superValidate({ messageId: randomUUID() }, zod4(messageSchema), {
			...noErrors,
			id: MESSAGE_FORM
		}),
		superValidate(zod4(handOverSchema), { id: HAND_OVER_FORM }),
		Promise.all(
			actions.map((action) =>
				superValidate({ transition: action.id }, zod4(transitionSchema), {
					...noErrors,
					id: transitionFormId(action.id)
				})
			)
		)
	]);
	const transitions: Record<string, (typeof steps)[number]> = {};
	actions.forEach((action, i) => (transitions[action.id] = steps[i]!));
	return { take, assign, message: writing, handOver, transitions };
}

type Form = SuperValidated<Record<string, unknown>, FormNotice>;

/** The answer to a stale page: who changed the dossier, and when, with a way to load it again. */
function conflictNotice<F extends Form>(form: F, result: handling.Conflict, locale: Locale) {
	const text = m.staffDossierConflict({
		who: result.changedBy ?? m.staffDossierSomeone(),
		at: formatDateTime(result.changedAt, locale)
	});
	return message(form, { text, tone: 'error', reload: true }, { status: 409 });
}

/** ?/transition: one of the actions the page offered, checked against the version it showed. */
export async function transitionAction(event: RequestEvent, dossier: Dossier, user: SessionUser) {
	const form = await superValidate(await postedForm(event.request), zod4(transitionSchema));
	if (!form.valid) return fail(400, { form });
	const { transition: transitionId, version, note, documents } = form.data;
	const result = await handling.transition(
		dossier.id,
		{ kind: 'staff', user },
		{ transitionId, expectedVersion: version, note, documents: documents.split('\n') }
	);
	const locale = event.locals.locale;
	if (result.ok) {
		const definition = await processes.getVersion(dossier.processId, dossier.processVersion);
		const taken = definition.workflow.transitions.find((t) => t.id === transitionId);
		const action = taken ? localize(taken.label, locale) : transitionId;
		return message(form, { text: m.staffDossierDone({ action }), tone: 'info' });
	}
	switch (result.reason) {
		case 'conflict':
			return conflictNotice(form, result, locale);
		case 'note-required':
		case 'too-long':
			return refuse(form, { note: transitionNoteError(result.reason) });
		case 'not-allowed':
		case 'not-found': {
			const text = m.staffDossierNotAllowed();
			return message(form, { text, tone: 'error', reload: true }, { status: 409 });
		}
		case 'document-failed': {
			const text = m.documentFailed({ reason: result.message });
			return message(form, { text, tone: 'error' }, { status: 500 });
		}
	}
}

/** The words for files refused with a message, next to the file field. */
function messageFilesError(issues: handling.MessageFileIssue[]): string {
	return issues
		.map((issue) => {
			switch (issue.code) {
				case 'internal':
					return m.staffDossierMessageFilesInternal();
				case 'too-many':
					return m.followReplyErrorTooMany({ max: handling.MAX_REPLY_FILES });
				case 'too-large':
				case 'type':
				case 'empty':
				case 'dimensions':
				case 'active-content':
					return uploadRefusalMessage(issue.code, issue.fileName ?? '');
			}
		})
		.join(' ');
}

/**
 * ?/message: a message to the citizen (mailed, with the files chosen) or an internal note. Sent,
 * the form comes back empty with a new message id; refused, with what was typed and each refusal
 * next to its field.
 */
export async function messageAction(event: RequestEvent, dossier: Dossier, user: SessionUser) {
	const posted = await postedForm(event.request);
	const form = await superValidate(posted, zod4(messageSchema));
	if (!form.valid) return fail(400, { form });
	const { body, kind, messageId } = form.data;
	const files = posted.getAll('files').filter((f): f is File => f instanceof File);
	const result = await handling.postStaffMessage(dossier.id, user, {
		body,
		internal: kind === 'internal',
		messageId,
		files
	});
	if (result.ok) {
		form.data = { body: '', kind, messageId: randomUUID() };
		return message(form, { text: m.staffDossierMessageSent(), tone: 'info' });
	}
	if (result.reason === 'conflict') return conflictNotice(form, result, event.locals.locale);
	if (result.reason === 'files')
		return refuse(form, {
			body: result.body ? messageError(result.body) : undefined,
			files: messageFilesError(result.issues)
		});
	return refuse(form, { body: messageError(result.reason) });
}

/** ?/assign: take the dossier, hand it to a colleague or release it (version-checked). */
export async function assignAction(event: RequestEvent, dossier: Dossier, user: SessionUser) {
	const form = await superValidate(await postedForm(event.request), zod4(assignSchema));
	if (!form.valid) return fail(400, { form });
	const { assignee: to, version } = form.data;
	const result = await handling.assign(dossier.id, user, {
		assigneeId: to === 'me' ? user.id : to || null,
		expectedVersion: version
	});
	if (result.ok) {
		const view = await views.viewForStaff(result.dossier, user);
		const text = view.assignee
			? m.staffDossierAssignedNotice({ name: view.assignee.name })
			: m.staffDossierUnassignedNotice();
		return message(form, { text, tone: 'info' });
	}
	if (result.reason === 'conflict') return conflictNotice(form, result, event.locals.locale);
	const text = m.staffDossierNotStaff();
	return message(form, { text, tone: 'error', reload: true }, { status: 400 });
}

/**
 * ?/handOver: hand the dossier to another department with a note (version-checked). Staff who
 * still see it afterwards stay on its page; those who do not go back to the inbox, told it went.
 */
export async function handOverAction(event: RequestEvent, dossier: Dossier, user: SessionUser) {
	const form = await superValidate(await postedForm(event.request), zod4(handOverSchema));
	if (!form.valid) return fail(400, { form });
	const { department: departmentId, note, version } = form.data;
	const result = await handling.handOver(dossier.id, user, {
		departmentId,
		note,
		expectedVersion: version
	});
	if (result.ok) {
		if (await departments.worksOn(user.id, result.dossier)) {
			const text = m.staffDossierHandedOver({ department: result.department });
			return message(form, { text, tone: 'info' });
		}
		setFlash(event.cookies, 'handed-over');
		redirect(303, '/backoffice');
	}
	if (result.reason === 'conflict') return conflictNotice(form, result, event.locals.locale);
	return refuse(form, handOverErrors(result.reason));
}

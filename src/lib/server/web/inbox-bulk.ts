// The inbox's ?/bulk action: the dossiers ticked in the table (each as `id:version`, the version
// the inbox showed), and what to do with them: assign them (to oneself, a colleague, or nobody)
// or take one workflow step. Read by superforms (the bulk form); the answer lists every dossier
// with what happened to it, and a refusal of the whole is the form's message.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { postedForm } from './forms';
import { formatDateTime, m, type Locale } from '$lib/i18n';
import type { SessionUser } from '../auth/session';
import { localize } from '$lib/process/text';
import * as bulk from '../dossiers/bulk';
import { bulkSchema } from '../dossiers/form';
import { MAX_NOTE_LENGTH } from '../dossiers/handling';

export type BulkResultView = {
	/** What was asked, in words. */
	action: string;
	done: string[];
	refused: { reference: string; reason: string }[];
};

function reasonText(outcome: bulk.BulkOutcome & { ok: false }, locale: Locale): string {
	switch (outcome.reason) {
		case 'conflict':
			return m.inboxBulkConflict({
				who: outcome.changedBy ?? m.staffDossierSomeone(),
				at: outcome.changedAt ? formatDateTime(outcome.changedAt, locale) : '—'
			});
		case 'not-found':
			return m.inboxBulkNotFound();
		case 'not-allowed':
			return m.inboxBulkNotAllowed();
		case 'note-required':
			return m.inboxBulkNoteRequired();
		case 'too-long':
			return m.staffDossierNoteTooLong({ max: MAX_NOTE_LENGTH });
		case 'not-staff':
			return m.staffDossierNotStaff();
		case 'document-failed':
			return m.documentFailed({ reason: outcome.message ?? '' });
	}
}

export async function bulkAction(event: RequestEvent, user: SessionUser) {
	const form = await superValidate(await postedForm(event.request), zod4(bulkSchema));
	if (!form.valid) return fail(400, { form });
	const refuse = (text: string) => message(form, { text, tone: 'error' }, { status: 400 });
	const locale = event.locals.locale;
	const items = bulk.parseItems(form.data.dossier);
	if (items.length === 0) return refuse(m.inboxBulkNone());
	let action: bulk.BulkAction;
	let label: string;
	if (form.data.do === 'assign') {
		const to = form.data.assignee;
		action = { kind: 'assign', assigneeId: to === 'me' ? user.id : to || null };
		label = to ? m.inboxBulkAssign() : m.inboxBulkRelease();
	} else if (form.data.do === 'transition') {
		const transitionId = form.data.transition;
		if (!transitionId) return refuse(m.inboxBulkChooseStep());
		action = { kind: 'transition', transitionId, note: form.data.note };
		label = transitionId;
	} else return refuse(m.inboxBulkChooseStep());
	const result = await bulk.apply(user, items, action);
	if (!result.ok)
		return refuse(
			result.reason === 'none' ? m.inboxBulkNone() : m.inboxBulkTooMany({ max: bulk.BULK_MAX })
		);
	const bulkResult: BulkResultView = {
		action: result.label ? localize(result.label, locale) : label,
		done: result.outcomes.filter((o) => o.ok).map((o) => o.reference ?? o.id),
		refused: result.outcomes
			.filter((o): o is bulk.BulkOutcome & { ok: false } => !o.ok)
			.map((o) => ({ reference: o.reference ?? o.id, reason: reasonText(o, locale) }))
	};
	return { form, bulk: bulkResult };
}

// The editor's form actions, one per edit operation: guard, read the posted form into the
// operation, save it through the editor service, and map the outcome to what the page shows.
// Every editor form is read here and in editor-form.ts, which says why that is not superforms.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { formatDateTime, m, type Locale } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import type { Reference } from '$lib/process/edit';
import * as editor from '$lib/server/processes/editor';
import { readEditForm, type EditAction } from '$lib/server/processes/editor-form';

type Event = RequestEvent<{ id: string; version: string }>;

/** The draft's version from the URL: a number, else 404. */
export function draftVersion(event: Event): number {
	const version = editor.parseVersion(event.params.version);
	if (typeof version !== 'number') error(404, m.editorNotADraft());
	return version;
}

export function formatWhen(at: Date, locale: string): string {
	return formatDateTime(at, locale as Locale);
}

export function conflictMessage(r: { changedAt: Date; changedBy: string | null }, locale: string) {
	return m.editorConflict({
		who: r.changedBy ?? m.editorConflictUnknown(),
		at: formatWhen(r.changedAt, locale)
	});
}

function describeReferences(references: Reference[]): string {
	const name = (r: Reference) =>
		r.kind === 'field'
			? m.editorRefField({ name: r.name })
			: r.kind === 'page'
				? m.editorRefPage({ name: r.name })
				: m.editorRefLeadTime({ name: r.name });
	const keys = new Set(references.map((r) => r.of));
	return references
		.map((r) => (keys.size > 1 ? m.editorRefOf({ where: name(r), key: r.of }) : name(r)))
		.join(', ');
}

function refusalMessage(
	refusal: string,
	detail: string | undefined,
	references: Reference[] = []
): string {
	switch (refusal) {
		case 'referenced':
			return m.editorRefusedReferenced({ where: describeReferences(references) || (detail ?? '') });
		case 'state-in-use':
			return m.editorRefusedStateInUse({
				where: detail === 'initial' ? m.editorRefusedInitial() : (detail ?? '')
			});
		case 'at-edge':
			return m.editorRefusedAtEdge();
		case 'key-taken':
			return m.editorRefusedKeyTaken({ name: detail ?? '' });
		case 'key-invalid':
			return m.editorRefusedKeyInvalid({ name: detail ?? '' });
		case 'not-a-choice':
			return m.editorRefusedNotAChoice();
		default:
			return m.editorRefusedNotFound();
	}
}

/** A form action that applies one kind of edit. */
export function editAction(
	action: EditAction,
	redirectTo?: (event: Event, subject: string) => string
) {
	return async (event: Event) => {
		const user = requireAllowed(event, canConfigureProcesses);
		const version = draftVersion(event);
		const form = await event.request.formData();
		const result = await editor.edit(
			{
				processId: event.params.id,
				version,
				revision: Number(form.get('revision')),
				actorId: user.id
			},
			(definition) => readEditForm(action, form, definition)
		);
		// Which form was used, so the page shows the result beside it; after a removal, or a move of
		// something known by its place, that form is gone or holds another item, so the result goes
		// to the top of the page.
		const at = String(form.get('at') ?? '') || undefined;
		const moved =
			action.startsWith('remove-') || action === 'move-page' || action === 'move-option';
		if (result.ok && redirectTo) redirect(303, redirectTo(event, result.subject));
		if (result.ok)
			return {
				saved: true as const,
				subject: result.subject,
				at: moved ? undefined : at
			};
		if (result.reason === 'refused')
			return fail(400, {
				at,
				refusal: refusalMessage(result.refusal, result.detail, result.references)
			});
		if (result.reason === 'conflict')
			return fail(409, { conflict: conflictMessage(result, event.locals.locale) });
		error(404, m.editorNotADraft());
	};
}

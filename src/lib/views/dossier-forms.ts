// The staff dossier page's forms as superforms tells them apart: each has an id of its own (four
// forms, and one per workflow step, share the page), posted with it, so an answer goes to the
// form that was used. The id also says where on the page its result is shown and how its inputs
// are named, so the error summary links to them.

/** Taking the dossier ("Ik neem dit dossier"): an assignment to oneself, in a form of its own. */
export const TAKE_FORM = 'take';
export const ASSIGN_FORM = 'assign';
export const MESSAGE_FORM = 'message';
export const HAND_OVER_FORM = 'hand-over';

/** The form of one workflow step. */
export function transitionFormId(transitionId: string): string {
	return `transition-${transitionId}`;
}

/** Where a result is shown: beside the form that was used (the steps share one place). */
export type ResultPlace = 'assign' | 'handOver' | 'transition' | 'message';

/** The place of a form's result, from its id. */
export function placeOf(formId: string): ResultPlace | null {
	if (formId === TAKE_FORM || formId === ASSIGN_FORM) return 'assign';
	if (formId === HAND_OVER_FORM) return 'handOver';
	if (formId === MESSAGE_FORM) return 'message';
	return formId.startsWith('transition-') ? 'transition' : null;
}

/** The name of a form's field on the page: its input's id is `inputId` of it. */
export function fieldName(formId: string, field: string): string {
	return `${formId}-${field}`;
}

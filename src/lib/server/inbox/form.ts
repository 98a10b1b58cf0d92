// The inbox's saved-filter form as superforms reads it: a name and the query string of the filter
// shown, with the inbox service's refusal as the message next to the name. Every message is a
// function called while a post is read, so it follows that request's language. Whether a name
// is given is the service's rule; the query is read by the service's own parser.
import { z } from 'zod';
import { m } from '$lib/i18n';
import { SAVED_FILTER_NAME_MAX, type SaveFilterResult } from './service';

const tooLong = () => m.inboxSaveNameTooLong({ max: SAVED_FILTER_NAME_MAX });

/** A filter saved under a name: the name and the inbox's query string when it was saved. */
export const savedFilterSchema = z.object({
	name: z.string().trim().max(SAVED_FILTER_NAME_MAX, { error: tooLong }),
	query: z.string()
});

/** A refused save, as the message next to the name. */
export function savedFilterError(reason: Extract<SaveFilterResult, { ok: false }>['reason']) {
	return reason === 'name-required' ? m.inboxSaveNameRequired() : tooLong();
}

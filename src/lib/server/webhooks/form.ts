// The webhook forms (add, edit) as superforms reads them: the fields and their limits, and the
// service's refusals as a message next to each field. Defined once; every message is a function
// called while a post is read, so it follows that request's language.
import { z } from 'zod';
import { m } from '$lib/i18n';
import type { FieldErrors } from '../auth/form';
import { WEBHOOK_EVENTS } from './events';
import { MAX_NAME_LENGTH, type WebhookIssues } from './service';
import { MAX_URL_LENGTH } from './url';

/** The add form. What a webhook needs (a name, an allowed address, known events) the service checks. */
export const webhookSchema = z.object({
	name: z
		.string()
		.trim()
		.max(MAX_NAME_LENGTH, { error: () => m.webhooksErrorNameTooLong() }),
	url: z
		.string()
		.trim()
		.max(MAX_URL_LENGTH, { error: () => m.webhooksErrorUrlTooLong() }),
	events: z
		.array(z.string())
		.max(WEBHOOK_EVENTS.length, { error: () => m.webhooksErrorEventsUnknown() })
});

/** The edit form: the same fields and whether the webhook is on. */
export const webhookEditSchema = webhookSchema.extend({ active: z.boolean() });

/** The delete form: only the confirmation. */
export const webhookDeleteSchema = z.object({
	confirm: z.boolean().refine((ticked) => ticked, {
		error: () => m.webhooksDeleteConfirmRequired()
	})
});

/** Each refusal as the message shown next to its field. */
export function issueMessages(issues: WebhookIssues): FieldErrors {
	const errors: FieldErrors = {};
	if (issues.name)
		errors.name =
			issues.name === 'required' ? m.webhooksErrorNameRequired() : m.webhooksErrorNameTooLong();
	if (issues.url)
		errors.url = {
			required: m.webhooksErrorUrlRequired,
			invalid: m.webhooksErrorUrlInvalid,
			scheme: m.webhooksErrorUrlScheme,
			credentials: m.webhooksErrorUrlCredentials,
			'too-long': m.webhooksErrorUrlTooLong
		}[issues.url]();
	if (issues.events)
		errors.events =
			issues.events === 'required'
				? m.webhooksErrorEventsRequired()
				: m.webhooksErrorEventsUnknown();
	return errors;
}

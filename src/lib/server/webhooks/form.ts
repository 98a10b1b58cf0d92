// The posted webhook forms (add, edit): read into the service's input, with the values as typed
// (to show again after a refusal), and the service's refusals turned into a message per field.
// Built per request, so the messages follow the request's language.
import { m } from '$lib/i18n';
import type { FieldErrors } from '../auth/form';
import type { WebhookIssues } from './service';

export type WebhookValues = { name: string; url: string; events: string[]; active: boolean };

function text(formData: FormData, name: string, max: number): string {
	const value = formData.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

/** The form as posted; `active` is read only where the form has that box (the edit page). */
export function readWebhookForm(formData: FormData, withActive: boolean): WebhookValues {
	return {
		name: text(formData, 'name', 500),
		// One more than allowed, so that a too-long address is refused rather than cut.
		url: text(formData, 'url', 2001),
		events: formData
			.getAll('events')
			.filter((v): v is string => typeof v === 'string')
			.slice(0, 10),
		active: withActive ? formData.get('active') === 'on' : true
	};
}

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

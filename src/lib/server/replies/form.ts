// The posted template form: read into the service's input, and its refusals turned into a message
// next to each field. Built per request, so the messages follow the request's language.
import { m } from '$lib/i18n';
import type { FieldErrors } from '../auth/form';
import { placeholderNames } from '$lib/replies';
import { BODY_MAX, TITLE_MAX, type TemplateInput, type TemplateRefusal } from './service';

function text(formData: FormData, name: string, max: number): string {
	const value = formData.get(name);
	// Keep a little more than allowed, so "too long" is reported rather than silently cut.
	return typeof value === 'string' ? value.replace(/\r\n/g, '\n').slice(0, max + 1) : '';
}

export function readTemplateForm(formData: FormData): TemplateInput {
	return {
		processId: text(formData, 'processId', 200) || null,
		title: text(formData, 'title', TITLE_MAX),
		bodyNl: text(formData, 'bodyNl', BODY_MAX),
		bodyEn: text(formData, 'bodyEn', BODY_MAX)
	};
}

export function refusalErrors(refusal: TemplateRefusal, locale: 'nl' | 'en'): FieldErrors {
	const errors: FieldErrors = {};
	for (const [field, reason] of Object.entries(refusal)) {
		if (reason === undefined) continue;
		if (typeof reason === 'object')
			errors[field] = m.templateErrorUnknown({
				found: reason.unknown.join(', '),
				known: placeholderNames(locale)
			});
		else if (reason === 'unknown-process') errors[field] = m.templateErrorProcess();
		else if (reason === 'too-long')
			errors[field] = m.templateErrorTooLong({ max: field === 'title' ? TITLE_MAX : BODY_MAX });
		else errors[field] = field === 'title' ? m.templateErrorTitle() : m.templateErrorBody();
	}
	return errors;
}

// The standard-reply form as superforms reads it: its fields and their limits (line ends as
// typed in any browser, `\r\n`, counted as one), and the service's refusals as a message next to
// each field. Defined once; every message is a function called while a post is read, so it
// follows that request's language.
import { z } from 'zod';
import { m } from '$lib/i18n';
import type { FieldErrors } from '../auth/form';
import { placeholderNames } from '$lib/replies';
import { BODY_MAX, TITLE_MAX, type TemplateRefusal } from './service';
import type { Locale } from '$lib/process/text';

const text = (max: number) =>
	z
		.string()
		.overwrite((value) => value.replace(/\r\n/g, '\n'))
		.trim()
		.max(max, { error: () => m.templateErrorTooLong({ max }) });

/** A process id ('' for every process), a title and the three texts; the service checks the rest. */
export const templateSchema = z.object({
	processId: z.string().max(200, { error: () => m.templateErrorProcess() }),
	title: text(TITLE_MAX),
	bodyNl: text(BODY_MAX),
	bodyEn: text(BODY_MAX),
	bodyFr: text(BODY_MAX)
});

export function refusalErrors(refusal: TemplateRefusal, locale: Locale): FieldErrors {
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

// The standard-reply form's fields, in page order (for the error summary), as the new and the
// edit page hand their superform to TemplateForm.
import type { StaffForm } from './staff-form.svelte';

export const templateFields = ['processId', 'title', 'bodyNl', 'bodyEn', 'bodyFr'] as const;

export type TemplateForm = StaffForm<{
	processId: string;
	title: string;
	bodyNl: string;
	bodyEn: string;
	bodyFr: string;
}>;

// The departments' refusals as the messages shown next to their fields, in the request's language.
import { m } from '$lib/i18n';
import type { NameIssue } from '../departments/service';

export function departmentNameError(issue: NameIssue): string {
	return {
		required: () => m.departmentsNameRequired(),
		'too-long': () => m.departmentsNameTooLong({ max: 100 }),
		taken: () => m.departmentsNameTaken()
	}[issue]();
}

// The admin's department forms as superforms reads them: adding one (its name) and saving one
// (name, members, processes), with the departments service's refusals as a message next to the
// right field. Defined once; every message is a function called while a post is read, so it
// follows that request's language. A name's other rules (required, not taken) are the service's.
import { z } from 'zod';
import { m } from '$lib/i18n';
import type { FieldErrors } from '../auth/form';
import { DEPARTMENT_NAME_MAX, type NameIssue, type UpdateIssues } from './service';

/** More ids than any page offers is not a choice made on the page. */
const MAX_CHOICES = 1000;

const ids = z.array(z.string()).max(MAX_CHOICES, { error: () => m.departmentsUnknown() });

/** A new department: its name. */
export const departmentSchema = z.object({
	name: z
		.string()
		.trim()
		.max(DEPARTMENT_NAME_MAX, {
			error: () => m.departmentsNameTooLong({ max: DEPARTMENT_NAME_MAX })
		})
});

/** A department saved at once: its name, the people who work in it and the processes it handles. */
export const departmentEditSchema = departmentSchema.extend({ members: ids, processes: ids });

/** A refused name, as the message next to it. */
export function nameError(issue: NameIssue): string {
	return {
		required: () => m.departmentsNameRequired(),
		'too-long': () => m.departmentsNameTooLong({ max: DEPARTMENT_NAME_MAX }),
		taken: () => m.departmentsNameTaken()
	}[issue]();
}

/** A refused save, each issue next to its field. */
export function updateErrors(issues: UpdateIssues): FieldErrors {
	const errors: FieldErrors = {};
	if (issues.name) errors.name = nameError(issues.name);
	if (issues.orphans)
		errors.processes = m.departmentsOrphans({ processes: issues.orphans.join(', ') });
	if (issues.unknown) errors.members = m.departmentsUnknown();
	return errors;
}

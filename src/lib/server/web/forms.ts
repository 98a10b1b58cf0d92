// The back-office forms' HTTP side, around superforms: a service's refusals put next to their
// fields, so the form comes back with what was typed and every message at once. The schemas live
// beside their services (`src/lib/server/<domain>/form.ts`); the routes read a post with
// `superValidate(event.request, zod4(schema))` and send notices with superforms' `message`.
import { fail } from '@sveltejs/kit';
import { setError, type SuperValidated } from 'sveltekit-superforms';
import type { FormNotice } from '$lib/views/forms';

type Form = SuperValidated<Record<string, unknown>, FormNotice>;

/** Each refusal as the error of its field (arrays, such as checkboxes, take it as a whole). */
export function putErrors(form: Form, errors: Partial<Record<string, string>>): void {
	for (const [name, text] of Object.entries(errors)) if (text) setError(form, name as '', text);
}

/** The form again with each refusal next to its field, answered with `status`. */
export function refuse<F extends Form>(
	form: F,
	errors: Partial<Record<string, string>>,
	status: 400 | 409 = 400
) {
	putErrors(form, errors);
	return fail(status, { form });
}

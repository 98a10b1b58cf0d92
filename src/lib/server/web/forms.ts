// The back-office forms' HTTP side, around superforms: a service's refusals put next to their
// fields, so the form comes back with what was typed and every message at once. The schemas live
// beside their services (`src/lib/server/<domain>/form.ts`); the routes read a post with
// `superValidate(await postedForm(event.request), zod4(schema))` and send notices with superforms'
// `message`.
import { fail } from '@sveltejs/kit';
import { setError, type SuperValidated } from 'sveltekit-superforms';
import type { FormNotice } from '$lib/views/forms';

type Form = SuperValidated<Record<string, unknown>, FormNotice>;

/** Each refusal as the error of its field (arrays, such as checkboxes, take it as a whole). */
export function putErrors(form: Form, errors: Partial<Record<string, string>>): void {
	for (const [name, text] of Object.entries(errors)) if (text) setError(form, name as '', text);
}

/**
 * What was posted, for `superValidate(await postedForm(event.request), …)`. superforms reads a body
 * it cannot read as an empty form, so a post over BODY_SIZE_LIMIT would be refused as empty;
 * read here, it fails as such and is answered 413 with its message, as every other post.
 */
export function postedForm(request: Request): Promise<FormData> {
	return request.formData();
}

/**
 * The named fields (passwords) taken out of what goes back to the page: emptied in the form and
 * returned, so an answer never carries a password, with or without JavaScript.
 */
export function withhold<T extends Record<K, string>, K extends string>(
	form: SuperValidated<T, FormNotice>,
	...names: K[]
): Pick<T, K> {
	const taken = {} as Pick<T, K>;
	for (const name of names) {
		taken[name] = form.data[name];
		(form.data as Record<K, string>)[name] = '';
	}
	return taken;
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

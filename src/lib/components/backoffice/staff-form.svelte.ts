// A back-office form on superforms: `superForm` with the project's behaviour after a post. The
// error summary at the top takes focus (so superforms neither scrolls nor focuses a field itself),
// and `attempt` counts the answers so the summary is focused again after each one. Back-office
// pages and the account page (/mijn-account) only: the citizen's form runner and the public
// account pages (sign in, register, …) keep superforms' client out of the phone's JavaScript
// (src/lib/process/runner.ts and src/lib/components/auth/answer.ts say why).
import { fromStore } from 'svelte/store';
import { superForm, type FormOptions, type SuperValidated } from 'sveltekit-superforms';
import type { FormNotice } from '$lib/views/forms';

/** The first message for a posted name: arrays (checkboxes) keep theirs in `_errors`. */
function firstMessage(errors: Record<string, unknown>, name: string): string | undefined {
	const value = errors[name];
	const list = Array.isArray(value)
		? value
		: value && typeof value === 'object' && Array.isArray((value as { _errors?: unknown })._errors)
			? (value as { _errors: unknown[] })._errors
			: [];
	return list.length > 0 ? String(list[0]) : undefined;
}

export function staffForm<T extends Record<string, unknown>>(
	validated: SuperValidated<T, FormNotice>,
	options: FormOptions<T, FormNotice> = {}
) {
	let attempt = $state(0);
	const form = superForm<T, FormNotice>(validated, {
		scrollToError: 'off',
		...options,
		onUpdated(event) {
			attempt++;
			options.onUpdated?.(event);
		}
	});
	const errors = fromStore(form.errors);
	return {
		...form,
		/** Counts the answers to this form (see ErrorSummary). */
		get attempt() {
			return attempt;
		},
		/** The message next to a field, if any. */
		errorOf(name: keyof T & string): string | undefined {
			return firstMessage(errors.current as Record<string, unknown>, name);
		},
		/** The error summary's entries, in the order of the fields on the page. */
		summary(names: readonly (keyof T & string)[]): { name: string; message: string }[] {
			return names.flatMap((name) => {
				const message = firstMessage(errors.current as Record<string, unknown>, name);
				return message ? [{ name, message }] : [];
			});
		}
	};
}

/** What `staffForm` gives a page, for components that draw one of its forms. */
export type StaffForm<T extends Record<string, unknown>> = ReturnType<typeof staffForm<T>>;

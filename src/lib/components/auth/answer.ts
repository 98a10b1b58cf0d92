// A public account form's answer (sign in, register, reset, confirm, invitation, first admin) as
// superforms' `superValidate` made it on the server, read on the page without superforms' client:
// the first message of each field (beside it and in the error summary, in the order of the
// fields), what was typed (never a password: the server withholds it) and the notice superforms'
// `message` carried. The pages post with plain `use:enhance` (./enhance.ts).
//
// Why not `superForm` here, as on the back-office and account pages: citizens open these pages on
// phones, often as their first page of the site. Measured on the login page (production build,
// Chromium at a phone viewport, empty cache, everything loaded until the network was idle;
// sveltekit-superforms 3.0.0, December 2026): its JavaScript was 63.0 kB gzip (56.3 kB as sent,
// Brotli) with plain `use:enhance`, and 73.3 kB gzip (65.6 kB sent) with `superForm` through
// `staffForm`: +10.3 kB gzip, +16 %, nearly all of it superforms' client chunk (29.6 kB, 10.8 kB
// gzip). Nothing on these pages needs it: the server validates, and the answer below is all the
// page reads.
import type { FormNotice } from '$lib/views/forms';

type Answered = {
	data: Record<string, unknown>;
	errors: Record<string, unknown>;
	message?: FormNotice;
};

export type AccountAnswer = {
	/** The message next to each field that has one. */
	errors: Record<string, string>;
	/** The error summary's entries, in the order of the fields on the page. */
	summary: { name: string; message: string }[];
	/** What was typed in a field, to show again. */
	values: Record<string, string>;
	notice: FormNotice | undefined;
};

export function readAnswer(
	form: Answered | null | undefined,
	names: readonly string[]
): AccountAnswer {
	const errors: Record<string, string> = {};
	const values: Record<string, string> = {};
	for (const name of names) {
		const list = form?.errors[name];
		if (Array.isArray(list) && list.length > 0) errors[name] = String(list[0]);
		const value = form?.data[name];
		if (typeof value === 'string') values[name] = value;
	}
	return {
		errors,
		summary: names.flatMap((name) => (errors[name] ? [{ name, message: errors[name] }] : [])),
		values,
		notice: form?.message
	};
}

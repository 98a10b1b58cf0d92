// Shared by the login and registration actions: reads a posted form with a zod schema (on the
// server only; the browser gets no validation library) into values or one message per field.
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

export function parseForm<S extends z.ZodType>(
	schema: S,
	formData: FormData
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
	const raw = Object.fromEntries(
		[...formData.entries()].filter(
			(entry): entry is [string, string] => typeof entry[1] === 'string'
		)
	);
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data };
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const name = String(issue.path[0] ?? '');
		errors[name] ??= issue.message;
	}
	return { ok: false, errors };
}

/** A posted text field as typed, to show again after a refusal (never used for passwords). */
export function readText(formData: FormData, name: string): string {
	const value = formData.get(name);
	return typeof value === 'string' ? value.slice(0, 500) : '';
}

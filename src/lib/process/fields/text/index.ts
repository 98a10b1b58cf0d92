// One line of free text, kept as typed (trimmed), between the definition's length bounds.
import {
	empty,
	fail,
	postsText,
	readText,
	writeText,
	type FieldModule,
	type Flat,
	type ReadContext,
	type ReadResult
} from '../module';
import type { TextField } from './definition';
import type { TextareaField } from '../textarea/definition';

/** The length rules text and textarea share. */
export function readBoundedText(
	f: TextField | TextareaField,
	flat: Flat,
	ctx: ReadContext<string>
): ReadResult<string> {
	const { messages: m, label } = ctx;
	const raw = readText(flat, f.key);
	if (!raw) return empty(f, ctx);
	if (f.minLength !== undefined && raw.length < f.minLength)
		return fail(f.key, m.tooShort({ label, count: f.minLength }));
	if (raw.length > f.maxLength) return fail(f.key, m.tooLong({ label, count: f.maxLength }));
	return { value: raw, issues: [] };
}

export const text: FieldModule<TextField, string> = {
	kind: 'string',
	posted: postsText,
	read: readBoundedText,
	write: writeText,
	display: (_f, value) => value
};

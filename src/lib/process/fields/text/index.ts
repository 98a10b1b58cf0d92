// One line of free text, kept as typed (trimmed), between the definition's length bounds.
import { textInputModule, type ReadContext, type TextReading } from '../module';
import type { TextField } from './definition';
import type { TextareaField } from '../textarea/definition';

/** The length rules text and textarea share. */
export function readBoundedText(
	raw: string,
	f: TextField | TextareaField,
	{ messages: m, label }: ReadContext<string>
): TextReading<string> {
	if (f.minLength !== undefined && raw.length < f.minLength)
		return { message: m.tooShort({ label, count: f.minLength }) };
	if (raw.length > f.maxLength) return { message: m.tooLong({ label, count: f.maxLength }) };
	return { value: raw };
}

export const text = textInputModule<TextField, string>({ kind: 'string', read: readBoundedText });

// Several lines of free text, kept as typed (trimmed), between the definition's length bounds.
import { postsText, writeText, type FieldModule } from '../module';
import { readBoundedText } from '../text';
import type { TextareaField } from './definition';

export const textarea: FieldModule<TextareaField, string> = {
	kind: 'string',
	posted: postsText,
	read: readBoundedText,
	write: writeText,
	display: (_f, value) => value
};

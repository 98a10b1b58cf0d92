// Several lines of free text, kept as typed (trimmed), between the definition's length bounds.
import { textInputModule } from '../module';
import { readBoundedText } from '../text';
import type { TextareaField } from './definition';

export const textarea = textInputModule<TextareaField, string>({
	kind: 'string',
	read: readBoundedText
});

// One option's value from radio buttons, shown by its label.
import { postsText, writeText, type FieldModule } from '../module';
import { labelOf, readOneOf } from '../options';
import type { RadioField } from './definition';

export const radio: FieldModule<RadioField, string> = {
	kind: 'string',
	posted: postsText,
	read: readOneOf,
	write: writeText,
	display: (f, value, { locale }) => labelOf(f, value, locale)
};

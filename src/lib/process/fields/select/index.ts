// One option's value from a drop-down, shown by its label.
import { postsText, writeText, type FieldModule } from '../module';
import { labelOf, readOneOf } from '../options';
import type { SelectField } from './definition';

export const select: FieldModule<SelectField, string> = {
	kind: 'string',
	posted: postsText,
	read: readOneOf,
	write: writeText,
	display: (f, value, { locale }) => labelOf(f, value, locale)
};

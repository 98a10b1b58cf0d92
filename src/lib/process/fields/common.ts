// Properties every input field shares. A field type module spreads `inputBase` into its own
// definition schema and declares what kind of value it produces, so conditions can be checked
// against it when a definition is loaded.
import { z } from 'zod';
import { condition, fieldKey } from '../conditions';
import { localText } from '../local-text';

export const inputBase = {
	key: fieldKey.meta({
		description: 'Unique within the definition; the answer is stored under it'
	}),
	label: localText,
	hint: localText.optional().meta({ description: 'Short hint shown under the label' }),
	help: localText.optional().meta({ description: 'Longer explanation, shown on request' }),
	required: z.boolean().default(false),
	showIf: condition.optional()
};

/** What an answer looks like, for checking conditions that compare against it. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'strings' | 'address' | 'files' | 'none';

export const optionValue = z
	.string()
	.regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be lower-case letters and digits, with - or _');

export const option = z.strictObject({
	value: optionValue,
	label: localText,
	hint: localText.optional()
});

/** HTML autocomplete tokens we allow, so phones can fill in known data (WCAG 1.3.5). */
export const autocomplete = z
	.enum([
		'name',
		'given-name',
		'family-name',
		'email',
		'tel',
		'organization',
		'street-address',
		'address-line1',
		'postal-code',
		'address-level2',
		'bday',
		'off'
	])
	.optional();

// The field registry: every field type of the definition format, with the kind of value it
// produces. Adding a type means adding it here, and the loader, the JSON schema and the form
// runner all learn about it.
import { z } from 'zod';
import { addressField } from './address';
import { consentField, yesNoField } from './boolean';
import { checkboxesField, radioField, selectField } from './choice';
import { headingBlock, paragraphBlock } from './content';
import { dateField } from './date';
import { fileField } from './file';
import {
	enterpriseNumberField,
	ibanField,
	licensePlateField,
	nationalNumberField,
	postcodeField
} from './identifiers';
import { numberField } from './number';
import { emailField, telField, textareaField, textField } from './text';

export type { ValueKind } from './common';
export { valueKinds, fieldTypes, isInputField, isChoiceField } from './kinds';
import { fieldTypes } from './kinds';
export { mediaTypes } from './file';

export const field = z
	.discriminatedUnion(
		'type',
		[
			textField,
			textareaField,
			emailField,
			telField,
			numberField,
			dateField,
			selectField,
			radioField,
			checkboxesField,
			consentField,
			yesNoField,
			fileField,
			addressField,
			nationalNumberField,
			enterpriseNumberField,
			ibanField,
			licensePlateField,
			postcodeField,
			headingBlock,
			paragraphBlock
		],
		{
			error: (issue): string => {
				const type = (issue.input as { type?: unknown } | undefined)?.type;
				return `unknown field type ${JSON.stringify(type)}; use one of: ${fieldTypes.join(', ')}`;
			}
		}
	)
	.meta({ id: 'Field' });

export type Field = z.infer<typeof field>;
export type FieldType = Field['type'];
export type InputField = Exclude<Field, { type: 'heading' | 'paragraph' }>;
export type ChoiceField = Extract<Field, { type: 'select' | 'radio' | 'checkboxes' }>;

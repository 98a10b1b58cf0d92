// The field registry: every field type of the definition format. Each type is one folder here
// (see module.ts): its definition schema, joined below into the `Field` union, and its module,
// joined in registry.ts. Adding a type means adding its folder and its line in both lists; the
// loader, the JSON schema, the builder and the form runner then all know it.
import { z } from 'zod';
import { addressField } from './address/definition';
import { checkboxesField } from './checkboxes/definition';
import { consentField } from './consent/definition';
import { headingBlock, paragraphBlock } from './content';
import { dateField } from './date/definition';
import { emailField } from './email/definition';
import { enterpriseNumberField } from './enterprise-number/definition';
import { fileField } from './file/definition';
import { ibanField } from './iban/definition';
import { licensePlateField } from './license-plate/definition';
import { nationalNumberField } from './national-number/definition';
import { numberField } from './number/definition';
import { postcodeField } from './postcode/definition';
import { radioField } from './radio/definition';
import { selectField } from './select/definition';
import { telField } from './tel/definition';
import { textareaField } from './textarea/definition';
import { textField } from './text/definition';
import { yesNoField } from './yes-no/definition';

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
export type InputFieldType = InputField['type'];
/** The definition of one field type: `FieldOf<'iban'>` has `belgianOnly`. */
export type FieldOf<T extends FieldType> = Extract<Field, { type: T }>;
export type ChoiceField = FieldOf<'select' | 'radio' | 'checkboxes'>;

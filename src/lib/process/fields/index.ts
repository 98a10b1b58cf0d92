// The field registry: every field type of the definition format, with the kind of value it
// produces. Adding a type means adding it here, and the loader, the JSON schema and the form
// runner all learn about it.
import { z } from 'zod';
import { addressField } from './address';
import { consentField, yesNoField } from './boolean';
import { checkboxesField, radioField, selectField } from './choice';
import type { ValueKind } from './common';
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

export const valueKinds: Record<FieldType, ValueKind> = {
	text: 'string',
	textarea: 'string',
	email: 'string',
	tel: 'string',
	number: 'number',
	date: 'string',
	select: 'string',
	radio: 'string',
	checkboxes: 'strings',
	consent: 'boolean',
	yesNo: 'boolean',
	file: 'files',
	address: 'address',
	nationalNumber: 'string',
	enterpriseNumber: 'string',
	iban: 'string',
	licensePlate: 'string',
	postcode: 'string',
	heading: 'none',
	paragraph: 'none'
};

export const fieldTypes = Object.keys(valueKinds) as FieldType[];

export function isInputField(f: Field): f is InputField {
	return valueKinds[f.type] !== 'none';
}

export function isChoiceField(f: Field): f is ChoiceField {
	return f.type === 'select' || f.type === 'radio' || f.type === 'checkboxes';
}

// What each field type's answer looks like, and the type guards over fields. Free of the schema
// library, so the browser can use them.
import type { ValueKind } from './common';
import type { ChoiceField, Field, FieldType, InputField } from './index';

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

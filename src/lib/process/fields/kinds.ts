// What each field type's answer looks like, and the type guards over fields. Free of the schema
// library, so the browser can use them.
import type { ValueKind } from './common';
import type { ChoiceField, Field, FieldType, InputField } from './index';
import { fieldModules } from './registry';

export const valueKinds: Record<FieldType, ValueKind> = {
	...(Object.fromEntries(
		Object.entries(fieldModules).map(([type, module]) => [type, module.kind])
	) as Record<InputField['type'], ValueKind>),
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

// The input component of each field type, chosen by the field's type. The map is typed against
// the definition's field types: a type without a component does not compile, and each component
// gets the field of its own type. `layout` says what Field.svelte wraps it in: a label, a
// fieldset (a group of inputs with one legend) or nothing (the component does it itself).
import type { Component } from 'svelte';
import type { StoredFile } from '$lib/process/answers';
import type { FieldOf, InputField, InputFieldType } from '$lib/process/fields';
import type { Locale, TextLocale } from '$lib/process/text';
import AddressInput from './AddressInput.svelte';
import CheckboxesInput from './CheckboxesInput.svelte';
import ConsentInput from './ConsentInput.svelte';
import FileInput from './FileInput.svelte';
import RadioInput from './RadioInput.svelte';
import SelectInput from './SelectInput.svelte';
import TextareaInput from './TextareaInput.svelte';
import TextInput from './TextInput.svelte';

export type InputProps<F extends InputField> = {
	field: F;
	/** The id of the (first) input, which the label points at. */
	id: string;
	describedBy: string | undefined;
	invalid: boolean;
	/** The form's values by posted name (bindable). */
	values: Record<string, unknown>;
	errors: Record<string, string[] | undefined>;
	storedFiles: StoredFile[];
	locale: Locale;
	/** The language of the definition's texts when not the page's (the builder's preview in French). */
	textLocale?: TextLocale;
	label: string;
	hint: string | undefined;
	help: string | undefined;
	/** 'nl' when the label or hint is Dutch on a page in another language (marked fallback). */
	labelLang?: string;
	hintLang?: string;
	helpLang?: string;
	/** Vouched for by an identity provider: shown, not changed (one-line inputs). */
	readonly?: boolean;
};

export type FieldInput<F extends InputField> = {
	component: Component<InputProps<F>, object, 'values'>;
	layout: 'label' | 'fieldset' | 'own';
};

export const fieldInputs: { [T in InputFieldType]: FieldInput<FieldOf<T>> } = {
	text: { component: TextInput, layout: 'label' },
	textarea: { component: TextareaInput, layout: 'label' },
	email: { component: TextInput, layout: 'label' },
	tel: { component: TextInput, layout: 'label' },
	number: { component: TextInput, layout: 'label' },
	date: { component: TextInput, layout: 'label' },
	select: { component: SelectInput, layout: 'label' },
	radio: { component: RadioInput, layout: 'fieldset' },
	checkboxes: { component: CheckboxesInput, layout: 'fieldset' },
	consent: { component: ConsentInput, layout: 'fieldset' },
	yesNo: { component: RadioInput, layout: 'fieldset' },
	file: { component: FileInput, layout: 'label' },
	address: { component: AddressInput, layout: 'own' },
	nationalNumber: { component: TextInput, layout: 'label' },
	enterpriseNumber: { component: TextInput, layout: 'label' },
	iban: { component: TextInput, layout: 'label' },
	licensePlate: { component: TextInput, layout: 'label' },
	postcode: { component: TextInput, layout: 'label' }
};

/** The input of a field's type, typed for that field. */
export function inputOf<F extends InputField>(field: F): FieldInput<F> {
	// A correlated union TypeScript cannot follow; the map's type is what guarantees it.
	return fieldInputs[field.type] as unknown as FieldInput<F>;
}

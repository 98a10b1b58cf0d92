// Every field type's module by its type, and the answer each gives. The map is typed against the
// definition's field types, so a type without a module (or a module that reads another type's
// definition) does not compile; `moduleOf` is the one place where a field meets its module.
import { address } from './address';
import { checkboxes } from './checkboxes';
import { consent } from './consent';
import { date } from './date';
import { email } from './email';
import { enterpriseNumber } from './enterprise-number';
import { file } from './file';
import { iban } from './iban';
import type { FieldOf, InputField, InputFieldType } from './index';
import { licensePlate } from './license-plate';
import type { FieldModule, Flat, ReadContext, ReadResult } from './module';
import { nationalNumber } from './national-number';
import { number } from './number';
import { postcode } from './postcode';
import { radio } from './radio';
import { select } from './select';
import { tel } from './tel';
import { textarea } from './textarea';
import { text } from './text';
import { yesNo } from './yes-no';

export const fieldModules = {
	text,
	textarea,
	email,
	tel,
	number,
	date,
	select,
	radio,
	checkboxes,
	consent,
	yesNo,
	file,
	address,
	nationalNumber,
	enterpriseNumber,
	iban,
	licensePlate,
	postcode
} satisfies { [T in InputFieldType]: FieldModule<FieldOf<T>, unknown> };

type ValueOf<M> = M extends { read(...args: never[]): ReadResult<infer V> } ? V : never;

/** The answer a field type gives: `AnswerOf<'number'>` is `number`. */
export type AnswerOf<T extends InputFieldType> = ValueOf<(typeof fieldModules)[T]>;

/** Any answer, as an answer map holds it (keyed by field, so its type is known per field only). */
export type AnswerValue = AnswerOf<InputFieldType>;

/** The module of a field's type, typed for that field and its answer. */
export function moduleOf<F extends InputField>(f: F): FieldModule<F, AnswerOf<F['type']>> {
	// TypeScript cannot follow the link between `f.type` and the map's entry (a correlated
	// union); the `satisfies` above is what guarantees it.
	return fieldModules[f.type] as unknown as FieldModule<F, AnswerOf<F['type']>>;
}

/** The names a field posts; file fields post new uploads under `key` and kept ids under `key.keep`. */
export function listNames(f: InputField): string[] {
	return Object.keys(moduleOf(f).posted(f));
}

/**
 * Validates the posted values of one visible field and returns its canonical answer (none when
 * left empty and allowed to be). `ctx.saved` is the answer saved before (file fields keep from it).
 */
export function readField(
	f: InputField,
	flat: Flat,
	ctx: ReadContext<AnswerValue>
): ReadResult<AnswerValue> {
	return moduleOf(f).read(f, flat, ctx);
}

/** The posted form of a saved answer, to fill a page in again. */
export function writeField(f: InputField, value: AnswerValue | undefined): Flat {
	return moduleOf(f).write(f, value);
}

// What a field type is made of. Each type has one folder here: `definition.ts` (its zod schema,
// loaded by the server and the builder only) and `index.ts` (its `FieldModule`: the names it
// posts, the answer it gives, and read, write and display). The module ties the value type to the
// field type, so `read` returns what `display` and `write` take, and no caller casts an answer.
// Modules are free of the schema library: the browser runs them to check a page as it is typed.
import { stripBidiControls } from '../clean-text';
import type { Locale } from '../text';
import type { ValueKind } from './common';
import type { AnswerMessages } from './messages';

/** A page's form as posted: values by input name (`adres.street`, `bijlage.keep`…). */
export type Flat = Record<string, unknown>;
export type Issue = { name: string; message: string };

/**
 * The official list of Belgian postcodes and the place names that go with them. The server has
 * it when the operator installed the list; the browser does not load it, so there the check is
 * left to the server.
 */
export type PostcodeDirectory = { namesOf(postcode: string): string[] | null };

export type ReadContext<V> = {
	messages: AnswerMessages;
	/** The field's label in the citizen's language, for the messages. */
	label: string;
	today: string;
	places?: PostcodeDirectory;
	/** The answer saved before this post (file fields keep files from it). */
	saved?: V;
};
export type ReadResult<V> = { value?: V; issues: Issue[] };

export type DisplayWords = { yes: string; no: string; none: string };
export type DisplayContext = { locale: Locale; words: DisplayWords };

/**
 * How a posted name is coerced from the form data before `read` sees it: one text, a list of
 * texts (checkboxes, kept file ids), a checkbox's on/off, or uploaded files.
 */
export type Posted = 'text' | 'list' | 'flag' | 'files';

export type FieldModule<F extends { key: string }, V> = {
	/** What the answer looks like, for conditions that compare against it. */
	kind: Exclude<ValueKind, 'none'>;
	/** The names the field posts, in the order of its inputs, and how each is coerced. */
	posted(field: F): Record<string, Posted>;
	/** Validates the posted values and gives the canonical answer (none when left empty). */
	read(field: F, flat: Flat, ctx: ReadContext<V>): ReadResult<V>;
	/** The posted form of a saved answer, to fill the page in again. */
	write(field: F, value: V | undefined): Flat;
	/** The answer as people read it; several lines are joined with "\n". Never called empty. */
	display(field: F, value: V, ctx: DisplayContext): string;
	/** New uploads in what was posted, still to be stored (file fields only). */
	uploads?(field: F, flat: Flat): File[];
};

/**
 * One posted text, trimmed and without bidirectional controls (a right-to-left override would show
 * a name or a file name reversed to staff); anything else counts as empty.
 */
export function readText(flat: Flat, name: string): string {
	const v = flat[name];
	return typeof v === 'string' ? stripBidiControls(v).trim() : '';
}

export function fail(name: string, message: string): ReadResult<never> {
	return { issues: [{ name, message }] };
}

/** Left empty: an issue when the field is required, else no answer. */
export function empty(
	f: { key: string; required: boolean },
	ctx: ReadContext<unknown>
): ReadResult<never> {
	return f.required ? fail(f.key, ctx.messages.required({ label: ctx.label })) : { issues: [] };
}

/** The posted form of a field with one text input. */
export function writeText(f: { key: string }, value: string | undefined): Flat {
	return { [f.key]: value ?? '' };
}

/** A field with one text input posts its key. */
export function postsText(f: { key: string }): Record<string, Posted> {
	return { [f.key]: 'text' };
}

/** What a one-text field makes of the typed text: its answer, or the message why not. */
export type TextReading<V> = { value: V } | { message: string };

/**
 * A field with one text input whose answer is read from what was typed: left empty it is required
 * or no answer; else `read` gets the trimmed text and gives the answer or a message. `write` puts
 * the answer back into the input (as it is stored, unless given) and `display` shows it (as
 * `write` writes it, unless given).
 */
export function textInputModule<
	F extends { key: string; required: boolean },
	V extends string | number
>(spec: {
	kind: 'string' | 'number';
	read(raw: string, field: F, ctx: ReadContext<V>): TextReading<V>;
	write?(value: V): string;
	display?(field: F, value: V, ctx: DisplayContext): string;
}): FieldModule<F, V> {
	const write = spec.write ?? ((value: V) => String(value));
	return {
		kind: spec.kind,
		posted: postsText,
		read(f, flat, ctx) {
			const raw = readText(flat, f.key);
			if (!raw) return empty(f, ctx);
			const reading = spec.read(raw, f, ctx);
			return 'message' in reading
				? fail(f.key, reading.message)
				: { value: reading.value, issues: [] };
		},
		write: (f, value) => ({ [f.key]: value === undefined || value === null ? '' : write(value) }),
		display: spec.display ?? ((_f, value) => write(value))
	};
}

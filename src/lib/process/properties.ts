// The editor's controls, read from the zod schemas of the definition format: a string becomes a
// text input, a number a number input, a boolean a checkbox, an enum a select, a LocalText two
// inputs (nl, en, fr), a list of enum values a group of checkboxes. One generic form then edits every
// field kind, the general settings and the workflow, and a new kind or property needs no new form.
// `readControls` turns a posted form back into values, keeping what cannot be parsed as typed, so
// the draft's problems point at it and the clerk sees their input again.
import { z } from 'zod';
import { page, processDefinition } from './definition';
import { field, type FieldType } from './fields';
import { option } from './fields/common';
import { workflowState, workflowTransition } from './workflow';
import { documentTemplate } from './documents';
import { retentionRule } from './retention';
import { readLocalText } from './edit';

export type Control =
	| { kind: 'text'; name: string; optional: boolean; multiline?: boolean }
	| { kind: 'number'; name: string; optional: boolean; integer: boolean }
	| { kind: 'boolean'; name: string }
	| { kind: 'select'; name: string; optional: boolean; options: string[] }
	| { kind: 'multi'; name: string; options: string[] }
	| { kind: 'lines'; name: string }
	| { kind: 'localText'; name: string; optional: boolean; multiline?: boolean };

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: unknown };

function defOf(schema: z.ZodType): Def {
	return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: z.ZodType): { schema: z.ZodType; optional: boolean } {
	let optional = false;
	let s = schema;
	for (;;) {
		const d = defOf(s);
		if ((d.type === 'optional' || d.type === 'default') && d.innerType) {
			optional ||= d.type === 'optional';
			s = d.innerType;
		} else if (d.type === 'pipe') s = (d as unknown as { in: z.ZodType }).in;
		else return { schema: s, optional };
	}
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
	const s = schema as unknown as { shape?: Record<string, z.ZodType> };
	return defOf(schema).type === 'object' && s.shape ? s.shape : null;
}

function enumValues(schema: z.ZodType): string[] | null {
	const d = defOf(schema);
	if (d.type === 'enum') return (schema as unknown as { options: string[] }).options;
	if (d.type === 'literal') return (d as unknown as { values: unknown[] }).values.map(String);
	return null;
}

function describe(name: string, schema: z.ZodType): Control[] {
	const { schema: s, optional } = unwrap(schema);
	const d = defOf(s);
	const shape = shapeOf(s);
	if (shape && 'nl' in shape && 'en' in shape) return [{ kind: 'localText', name, optional }];
	if (shape) return Object.entries(shape).flatMap(([k, v]) => describe(`${name}.${k}`, v));
	const values = enumValues(s);
	if (values) return [{ kind: 'select', name, optional, options: values }];
	if (d.type === 'string' || d.type === 'union') return [{ kind: 'text', name, optional }];
	if (d.type === 'number') {
		const format = (s as unknown as { format?: string | null }).format;
		return [{ kind: 'number', name, optional, integer: !!format && /int/.test(format) }];
	}
	if (d.type === 'boolean') return [{ kind: 'boolean', name }];
	if (d.type === 'array' && d.element) {
		const inner = enumValues(unwrap(d.element).schema);
		if (inner) return [{ kind: 'multi', name, options: inner }];
		if (defOf(unwrap(d.element).schema).type === 'string') return [{ kind: 'lines', name }];
	}
	return [];
}

function describeShape(shape: Record<string, z.ZodType>, skip: string[]): Control[] {
	return Object.entries(shape)
		.filter(([k]) => !skip.includes(k))
		.flatMap(([k, v]) => describe(k, v));
}

const fieldSchemas = new Map(
	(field.options as unknown as z.ZodType[]).map((o) => {
		const shape = shapeOf(o) ?? {};
		return [enumValues(shape.type)?.[0] ?? '', shape] as const;
	})
);

/** The controls of a field kind, without its type, key, options and condition (edited apart). */
export function describeFieldControls(type: FieldType): Control[] {
	const shape = fieldSchemas.get(type);
	return shape ? describeShape(shape, ['type', 'key', 'options', 'showIf']) : [];
}

const general = shapeOf(processDefinition) ?? {};

/** The process's own texts and settings. */
export const generalControls: Control[] = describeShape(
	Object.fromEntries(
		[
			'title',
			'summary',
			'description',
			'eligibility',
			'category',
			'productType',
			'requestKind',
			'audience',
			'auth',
			'assurance',
			'keywords',
			'handlingTime',
			'fee'
		].map((k) => [k, general[k]])
	),
	[]
	// An amount per option (a record of option values) has no generic control: it has its own form
	// (FeeOptions.svelte, the set-fee-options edit), and saving the other settings keeps it as it is.
).filter((c) => !c.name.startsWith('fee.perOption.'));

export const stateControls: Control[] = describeShape(shapeOf(workflowState) ?? {}, []);

/** Transition controls; `from` and `to` list the workflow's states, filled in by the caller. */
export function describeTransitionControls(stateIds: string[]): Control[] {
	return describeShape(shapeOf(workflowTransition) ?? {}, []).map((c) =>
		c.name === 'from'
			? { kind: 'multi', name: 'from', options: stateIds }
			: c.name === 'to'
				? { kind: 'select', name: 'to', optional: false, options: stateIds }
				: c
	);
}

/**
 * A document template's controls: its body as two text areas, and the transitions that issue it as
 * checkboxes of the workflow's transitions, filled in by the caller.
 */
export function describeDocumentControls(transitionIds: string[]): Control[] {
	return describeShape(shapeOf(documentTemplate) ?? {}, []).map((c) =>
		c.name === 'transitions'
			? { kind: 'multi', name: 'transitions', options: transitionIds }
			: c.name === 'body' && c.kind === 'localText'
				? { ...c, multiline: true }
				: c
	);
}

/**
 * A retention rule's controls: the outcomes it applies to as checkboxes of the workflow's final
 * states (none ticked: every other outcome), filled in by the caller; its term, start, action and
 * selection-list rule.
 */
export function describeRetentionControls(finalStateIds: string[]): Control[] {
	return describeShape(shapeOf(retentionRule) ?? {}, []).map((c) =>
		c.name === 'states' ? { kind: 'multi', name: 'states', options: finalStateIds } : c
	);
}

export const optionControls: Control[] = describeShape(shapeOf(option) ?? {}, []);

export const requirementControls: Control[] = describeShape(
	shapeOf(defOf(unwrap(general.requirements).schema).element as z.ZodType) ?? {},
	[]
);

type Posted = {
	get(name: string): FormDataEntryValue | null;
	getAll(name: string): FormDataEntryValue[];
};

/** The values of the controls in a posted form; undefined removes an optional property. */
export function readControls(controls: Control[], form: Posted): Record<string, unknown> {
	const text = (name: string) => {
		const v = form.get(name);
		return typeof v === 'string' ? v : '';
	};
	const values: Record<string, unknown> = {};
	for (const c of controls) {
		const raw = text(c.name).trim();
		switch (c.kind) {
			case 'localText': {
				const value = readLocalText(
					text(`${c.name}.nl`),
					text(`${c.name}.en`),
					text(`${c.name}.fr`)
				);
				values[c.name] = value ?? (c.optional ? undefined : { nl: '' });
				break;
			}
			case 'text':
				values[c.name] = raw === '' && c.optional ? undefined : raw;
				break;
			case 'select':
				values[c.name] = raw === '' ? (c.optional ? undefined : '') : raw;
				break;
			case 'number': {
				const n = Number(raw.replace(',', '.'));
				values[c.name] = raw === '' ? undefined : Number.isFinite(n) ? n : raw;
				break;
			}
			case 'boolean':
				values[c.name] = form.get(c.name) !== null;
				break;
			case 'multi':
				values[c.name] = form.getAll(c.name).map(String);
				break;
			case 'lines':
				values[c.name] = raw
					.split(/[\n,]/)
					.map((s) => s.trim())
					.filter(Boolean);
				break;
		}
	}
	return values;
}

export const pageControls: Control[] = describeShape(shapeOf(page) ?? {}, [
	'id',
	'showIf',
	'fields'
]);

// The editor's posted forms, read into edit operations. Each form names what it edits (a field
// key, a page or state index) in hidden inputs; the controls come from the definition's schemas,
// so a form for any field kind is read the same way.
//
// This is the editor's one reading path, and it is not superforms on purpose (issue 22 made
// superforms the back-office's form library; the process pages' own forms use it, see
// lifecycle-form.ts). superforms reads a post against one fixed schema and answers with that
// form's data and errors, to be shown until it is right. An editor form works the other way:
// - its controls are generated from the definition's zod schemas ($lib/process/properties): per
//   field kind, with the workflow's own states as the choices of a transition's from and to,
//   and with a condition's comparisons depending on the earlier field it reads, so there is no
//   fixed schema to write beside the service, only the same generation a second time;
// - what was typed is saved as typed even when it is wrong (a number that is not one, a Dutch text
//   left empty), and the problems shown next to a control are the saved draft's, which the page
//   shows after every load, not the errors of a post; the values the page shows are the draft's;
// - a page holds one form per option, page, state and transition (dozens on a workflow page),
//   where superforms would keep a copy of the draft's values per form in the browser, beside the
//   draft the page already has;
// - a refusal (a name taken, a field still used by a condition) or a conflict is one sentence
//   about the edit, shown beside its form or at the top (Notices.svelte), not a field's error.
// Converting some of these forms would make a second reading path in the editor, not one fewer.
import type { Comparison } from '$lib/process/evaluate';
import {
	buildComparison,
	describeComparison,
	findField,
	listConditionSources,
	listDocuments,
	listOperators,
	listRetention,
	toDraft,
	type Direction,
	type EditOp,
	type Operator
} from '$lib/process/edit';
import { fieldTypes, valueKinds, type FieldType } from '$lib/process/fields';
import {
	describeDocumentControls,
	describeFieldControls,
	describeRetentionControls,
	describeTransitionControls,
	generalControls,
	optionControls,
	pageControls,
	readControls,
	requirementControls,
	stateControls
} from '$lib/process/properties';

export type EditAction = EditOp['action'];

const text = (form: FormData, name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v.trim() : '';
};
const index = (form: FormData, name = 'index') => {
	const n = Number(text(form, name));
	return Number.isInteger(n) && n >= 0 ? n : -1;
};
const direction = (form: FormData): Direction => (text(form, 'direction') === 'up' ? 'up' : 'down');

/** The condition the builder posted: undefined for "always", null for a field it may not read. */
function readCondition(
	def: ReturnType<typeof toDraft>,
	of: string | { page: number },
	form: FormData
): Comparison | undefined | null {
	const sourceKey = text(form, 'source');
	if (!sourceKey) return undefined;
	const source = listConditionSources(def, of).find((f) => f.key === sourceKey);
	if (!source) return null;
	const operators = listOperators(valueKinds[source.type as FieldType]);
	const operator = text(form, 'operator') as Operator;
	return buildComparison(
		source,
		operators.includes(operator) ? operator : operators[0],
		text(form, 'value')
	);
}

/** The operation a posted form asks for, or null when the form does not make sense. */
export function readEditForm(
	action: EditAction,
	form: FormData,
	definition: Record<string, unknown>
): EditOp | null {
	const key = text(form, 'key');
	const def = toDraft(definition);
	switch (action) {
		case 'set-general':
			return { action, values: readControls(generalControls, form) };
		case 'add-requirement':
		case 'add-page':
		case 'add-state':
		case 'add-transition':
		case 'add-document':
		case 'add-retention':
			return { action };
		case 'set-requirement':
			return { action, index: index(form), values: readControls(requirementControls, form) };
		case 'remove-requirement':
		case 'remove-page':
		case 'remove-state':
		case 'remove-transition':
		case 'remove-document':
		case 'remove-retention':
			return { action, index: index(form) };
		case 'set-page':
			return {
				action,
				index: index(form),
				values: readControls(pageControls, form)
			};
		case 'move-page':
			return { action, index: index(form), direction: direction(form) };
		case 'add-field': {
			const type = text(form, 'type') as FieldType;
			return fieldTypes.includes(type) ? { action, page: index(form, 'page'), type } : null;
		}
		case 'set-field': {
			const at = findField(def, key);
			if (!at) return null;
			const type = def.pages[at.page].fields[at.index].type as FieldType;
			return { action, key, values: readControls(describeFieldControls(type), form) };
		}
		case 'rename-field':
			return { action, key, to: text(form, 'to') };
		case 'move-field':
			return { action, key, direction: direction(form) };
		case 'remove-field':
		case 'add-option':
			return { action, key };
		case 'set-option':
			return { action, key, index: index(form), values: readControls(optionControls, form) };
		case 'move-option':
			return { action, key, index: index(form), direction: direction(form) };
		case 'remove-option':
			return { action, key, index: index(form) };
		case 'set-condition': {
			const condition = readCondition(def, key, form);
			return condition === null ? null : { action, key, condition };
		}
		case 'set-page-condition': {
			const condition = readCondition(def, { page: index(form) }, form);
			return condition === null ? null : { action, index: index(form), condition };
		}
		case 'set-state':
			return { action, index: index(form), values: readControls(stateControls, form) };
		case 'set-initial':
			return { action, id: text(form, 'id') };
		case 'set-transition':
			return {
				action,
				index: index(form),
				values: readControls(describeTransitionControls(def.workflow.states.map((s) => s.id)), form)
			};
		case 'set-fee-options':
			return { action, field: key, amounts: readFeeAmounts(def, key, form) };
		case 'set-document': {
			const controls = describeDocumentControls(def.workflow.transitions.map((t) => t.id));
			return { action, index: index(form), values: readControls(controls, form) };
		}
		case 'set-retention': {
			const controls = describeRetentionControls(finalStates(def));
			return { action, index: index(form), values: readControls(controls, form) };
		}
	}
}

const choiceFieldTypes = new Set(['select', 'radio']);

/** The option values of a select or radio field of the draft; null for any other key. */
function feeOptionsOf(def: ReturnType<typeof toDraft>, key: string) {
	const at = findField(def, key);
	const field = at ? def.pages[at.page].fields[at.index] : null;
	if (!field || !choiceFieldTypes.has(field.type) || !Array.isArray(field.options)) return null;
	return (field.options as { value?: unknown; label?: unknown }[]).map((o) => ({
		value: String(o.value),
		label: o.label
	}));
}

/**
 * The posted amounts (`amount.<option value>`, euro, a comma allowed) of the field's options: an
 * empty one is left out (that option costs the fixed amount); one that is not a number is kept as
 * typed, so the draft's problem points at it.
 */
function readFeeAmounts(def: ReturnType<typeof toDraft>, key: string, form: FormData) {
	const options = feeOptionsOf(def, key);
	const amounts: Record<string, unknown> = {};
	for (const { value } of options ?? []) {
		const raw = text(form, `amount.${value}`);
		if (raw === '') continue;
		const n = Number(raw.replace(',', '.'));
		amounts[value] = Number.isFinite(n) ? n : raw;
	}
	return amounts;
}

/** What the fee's amounts per answer show: the fields to choose from, the chosen one's options. */
export function describeFeeEditor(definition: Record<string, unknown>) {
	const def = toDraft(definition);
	const fee = (definition.fee ?? {}) as { perOption?: { field?: unknown; amounts?: unknown } };
	const field = typeof fee.perOption?.field === 'string' ? fee.perOption.field : '';
	const amounts = (fee.perOption?.amounts ?? {}) as Record<string, unknown>;
	return {
		fields: def.pages.flatMap((p) =>
			p.fields
				.filter((f) => choiceFieldTypes.has(f.type))
				.map((f) => ({ key: f.key, label: f.label }))
		),
		field,
		options: (feeOptionsOf(def, field) ?? []).map((o) => ({
			...o,
			amount: Object.hasOwn(amounts, o.value) ? String(amounts[o.value]) : ''
		}))
	};
}

/** What the documents page shows: each template, the controls, and what its text may use. */
export function describeDocumentEditor(definition: Record<string, unknown>) {
	const def = toDraft(definition);
	return {
		documents: listDocuments(def),
		controls: describeDocumentControls(def.workflow.transitions.map((t) => t.id)),
		transitions: def.workflow.transitions.map((t) => ({ id: t.id, label: t.label })),
		answers: def.pages.flatMap((p) =>
			p.fields
				.filter((f) => (valueKinds[f.type as FieldType] ?? 'none') !== 'none')
				.map((f) => ({ key: f.key, label: f.label }))
		)
	};
}

/** What the field page shows: the field, where it sits, and the controls of its kind. */
export function describeFieldEditor(definition: Record<string, unknown>, key: string) {
	const def = toDraft(definition);
	const at = findField(def, key);
	if (!at) return null;
	const field = def.pages[at.page].fields[at.index];
	const type = field.type as FieldType;
	return {
		value: field,
		type,
		path: `pages[${at.page}].fields[${at.index}]`,
		controls: describeFieldControls(type),
		optionControls: Array.isArray(field.options) ? optionControls : null
	};
}

/** The condition builder: earlier fields, the comparisons each allows, the current condition. */
export function describeConditionBuilder(
	definition: Record<string, unknown>,
	of: string | { page: number }
) {
	const def = toDraft(definition);
	const at = typeof of === 'string' ? findField(def, of) : null;
	const field =
		typeof of === 'string'
			? at
				? def.pages[at.page].fields[at.index]
				: null
			: (def.pages[of.page] ?? null);
	const sources = listConditionSources(def, of).map((f) => ({
		key: f.key,
		label: f.label,
		operators: listOperators(valueKinds[f.type as FieldType]),
		options: Array.isArray(f.options)
			? f.options.map((o) => String((o as { value?: unknown }).value))
			: []
	}));
	return {
		sources,
		current: describeComparison(field?.showIf),
		complex: !!field?.showIf && describeComparison(field.showIf) === null
	};
}

const finalStates = (def: ReturnType<typeof toDraft>) =>
	def.workflow.states.filter((s) => s.kind === 'final').map((s) => s.id);

/** What the retention page shows: each rule, the controls, and the outcomes (final states). */
export function describeRetentionEditor(definition: Record<string, unknown>) {
	const def = toDraft(definition);
	return {
		rules: listRetention(def),
		controls: describeRetentionControls(finalStates(def)),
		states: def.workflow.states
			.filter((s) => s.kind === 'final')
			.map((s) => ({ id: s.id, label: s.label }))
	};
}

// Edit operations on a draft definition: the raw JSON a clerk is working on, which may have
// problems. Each operation is pure: it returns a new definition (the input is never changed) or
// a refusal with a reason, e.g. removing a field that a condition elsewhere still reads. Renaming
// a field key, a state id or a transition id carries every reference to it along (conditions,
// lead times, the transitions' states, document templates' placeholders and transitions).
import type { Comparison, Condition } from './evaluate';
import { valueKinds } from './fields/kinds';
import type { FieldType, ValueKind } from './fields';
import type { LocalText } from './text';

type Obj = Record<string, unknown>;
export type DraftField = Obj & { type: string; key: string; showIf?: Condition };
export type DraftPage = Obj & { id: string; fields: DraftField[]; showIf?: Condition };
export type DraftLeadTime = Obj & { field: string; showIf?: Condition };
export type DraftState = Obj & { id: string };
export type DraftTransition = Obj & { id: string; from: string[]; to: string };
export type DraftDocument = Obj & { id: string; transitions: string[] };
export type Draft = Obj & {
	pages: DraftPage[];
	leadTimes: DraftLeadTime[];
	requirements: Obj[];
	workflow: Obj & { initial: string; states: DraftState[]; transitions: DraftTransition[] };
};

export type Direction = 'up' | 'down';

export type EditOp =
	| { action: 'set-general'; values: Obj }
	| { action: 'add-requirement' }
	| { action: 'set-requirement'; index: number; values: Obj }
	| { action: 'remove-requirement'; index: number }
	| { action: 'add-page' }
	| { action: 'set-page'; index: number; values: Obj }
	| { action: 'move-page'; index: number; direction: Direction }
	| { action: 'remove-page'; index: number }
	| { action: 'add-field'; page: number; type: FieldType }
	| { action: 'set-field'; key: string; values: Obj }
	| { action: 'rename-field'; key: string; to: string }
	| { action: 'move-field'; key: string; direction: Direction }
	| { action: 'remove-field'; key: string }
	| { action: 'add-option'; key: string }
	| { action: 'set-option'; key: string; index: number; values: Obj }
	| { action: 'move-option'; key: string; index: number; direction: Direction }
	| { action: 'remove-option'; key: string; index: number }
	| { action: 'set-condition'; key: string; condition: Condition | undefined }
	| { action: 'set-page-condition'; index: number; condition: Condition | undefined }
	| { action: 'add-state' }
	| { action: 'set-state'; index: number; values: Obj }
	| { action: 'remove-state'; index: number }
	| { action: 'set-initial'; id: string }
	| { action: 'add-transition' }
	| { action: 'set-transition'; index: number; values: Obj }
	| { action: 'remove-transition'; index: number }
	| { action: 'add-document' }
	| { action: 'set-document'; index: number; values: Obj }
	| { action: 'remove-document'; index: number }
	| { action: 'add-retention' }
	| { action: 'set-retention'; index: number; values: Obj }
	| { action: 'remove-retention'; index: number }
	| { action: 'set-fee-options'; field: string; amounts: Obj };

export type RefusalReason =
	| 'not-found'
	| 'referenced'
	| 'state-in-use'
	| 'at-edge'
	| 'key-taken'
	| 'key-invalid'
	| 'not-a-choice';

export type EditResult =
	| { ok: true; definition: Draft; subject: string }
	| { ok: false; reason: RefusalReason; detail?: string; references?: Reference[] };

/** Something that reads a field's answer: a field's or page's condition, or a lead time rule. */
export type Reference = { kind: 'field' | 'page' | 'leadTime'; name: string; of: string };

const describeReference = (r: Reference) =>
	r.kind === 'leadTime' ? `lead time ${r.name}` : `${r.kind} "${r.name}"`;

const asObj = (v: unknown): Obj =>
	v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(asObj) : []);

/** The raw stored JSON in the shape the operations walk, with every list present. */
export function toDraft(raw: unknown): Draft {
	const d = structuredClone(asObj(raw));
	const wf = asObj(d.workflow);
	return {
		...d,
		pages: asList(d.pages).map((p) => ({
			...p,
			id: String(p.id ?? ''),
			fields: asList(p.fields).map((f) => ({ ...f, type: String(f.type), key: String(f.key) }))
		})),
		leadTimes: asList(d.leadTimes).map((l) => ({ ...l, field: String(l.field ?? '') })),
		requirements: asList(d.requirements),
		workflow: {
			...wf,
			initial: String(wf.initial ?? ''),
			states: asList(wf.states).map((s) => ({ ...s, id: String(s.id ?? '') })),
			transitions: asList(wf.transitions).map((t) => ({
				...t,
				id: String(t.id ?? ''),
				from: Array.isArray(t.from) ? t.from.map(String) : [],
				to: String(t.to ?? '')
			}))
		}
	} as Draft;
}

/** The draft's document templates, each with an id and a list of transitions. */
export function listDocuments(def: Draft): DraftDocument[] {
	return asList(def.documents).map((d) => ({
		...d,
		id: String(d.id ?? ''),
		transitions: Array.isArray(d.transitions) ? d.transitions.map(String) : []
	}));
}

/** The draft's retention rules (as stored: what was typed, checked by the definition's schema). */
export function listRetention(def: Draft): Obj[] {
	return asList(def.retention).map((r) => ({ ...r }));
}

/** Sets the values on a copy; `undefined` removes the property. Dotted names reach inside. */
export function assign(target: Obj, values: Obj): Obj {
	const out = structuredClone(target);
	for (const [name, value] of Object.entries(values)) {
		const parts = name.split('.');
		let at = out;
		for (const part of parts.slice(0, -1)) {
			at[part] = asObj(at[part]);
			at = at[part] as Obj;
		}
		const last = parts[parts.length - 1];
		if (value === undefined) delete at[last];
		else at[last] = value;
	}
	return out;
}

export function findField(def: Draft, key: string): { page: number; index: number } | null {
	for (let page = 0; page < def.pages.length; page++) {
		const index = def.pages[page].fields.findIndex((f) => f.key === key);
		if (index >= 0) return { page, index };
	}
	return null;
}

function conditionKeys(c: Condition | undefined): string[] {
	if (!c || typeof c !== 'object') return [];
	if ('all' in c) return c.all.flatMap(conditionKeys);
	if ('any' in c) return c.any.flatMap(conditionKeys);
	if ('not' in c) return conditionKeys(c.not);
	return 'field' in c ? [c.field] : [];
}

function renameInCondition(
	c: Condition | undefined,
	from: string,
	to: string
): Condition | undefined {
	if (!c || typeof c !== 'object') return c;
	if ('all' in c) return { all: c.all.map((x) => renameInCondition(x, from, to) as Condition) };
	if ('any' in c) return { any: c.any.map((x) => renameInCondition(x, from, to) as Condition) };
	if ('not' in c) return { not: renameInCondition(c.not, from, to) as Condition };
	return c.field === from ? { ...c, field: to } : c;
}

/** Where a field's answer is read by others: fields' and pages' conditions, lead time rules. */
export function listReferences(def: Draft, key: string): Reference[] {
	const where: Reference[] = [];
	def.pages.forEach((p) => {
		if (conditionKeys(p.showIf).includes(key)) where.push({ kind: 'page', name: p.id, of: key });
		for (const f of p.fields)
			if (f.key !== key && conditionKeys(f.showIf).includes(key))
				where.push({ kind: 'field', name: f.key, of: key });
	});
	def.leadTimes.forEach((l, i) => {
		if (l.field === key || conditionKeys(l.showIf).includes(key))
			where.push({ kind: 'leadTime', name: String(i + 1), of: key });
	});
	return where;
}

function refuseReferenced(references: Reference[], withKey: boolean): EditResult {
	return {
		ok: false,
		reason: 'referenced',
		detail: references.map((r) => describeReference(r) + (withKey ? ` (${r.of})` : '')).join(', '),
		references
	};
}

function uniqueName(taken: Set<string>, base: string, sep = ''): string {
	for (let n = 1; ; n++) if (!taken.has(`${base}${sep}${n}`)) return `${base}${sep}${n}`;
}

const allKeys = (def: Draft) => new Set(def.pages.flatMap((p) => p.fields.map((f) => f.key)));

const choiceTypes = new Set(['select', 'radio', 'checkboxes']);

function newOption(n: number): Obj {
	return { value: `optie-${n}`, label: { nl: `Optie ${n}`, en: `Option ${n}` } };
}

/** A new field of a kind, with a unique key and the texts the clerk still has to write. */
export function newField(def: Draft, type: FieldType): DraftField {
	const key = uniqueName(allKeys(def), type === 'nationalNumber' ? 'rijksregisternummer' : type);
	if (type === 'heading' || type === 'paragraph')
		return { type, key, text: { nl: '' }, ...(type === 'paragraph' ? { variant: 'plain' } : {}) };
	const field: DraftField = { type, key, label: { nl: '' }, required: false };
	if (choiceTypes.has(type)) field.options = [newOption(1), newOption(2)];
	return field;
}

function move<T>(list: T[], index: number, direction: Direction): T[] | null {
	const to = direction === 'up' ? index - 1 : index + 1;
	if (index < 0 || index >= list.length || to < 0 || to >= list.length) return null;
	const out = [...list];
	[out[index], out[to]] = [out[to], out[index]];
	return out;
}

const ok = (definition: Draft, subject: string): EditResult => ({ ok: true, definition, subject });
const refuse = (reason: RefusalReason, detail?: string): EditResult => ({
	ok: false,
	reason,
	detail
});

const fieldKeyPattern = /^[a-z][a-zA-Z0-9]*$/;
const stateIdPattern = /^[a-z][a-z0-9_]*$/;
const documentIdPattern = /^[a-z][a-z0-9-]*$/;

function setDocument(def: Draft, index: number, values: Obj): EditResult {
	const documents = listDocuments(def);
	const current = documents[index];
	if (!current) return refuse('not-found');
	const id = values.id;
	if (typeof id === 'string' && id !== current.id) {
		if (!documentIdPattern.test(id)) return refuse('key-invalid', id);
		if (documents.some((d) => d.id === id)) return refuse('key-taken', id);
	}
	documents[index] = assign(current, values) as DraftDocument;
	return ok({ ...def, documents }, documents[index].id);
}

function editField(def: Draft, key: string, change: (f: DraftField) => DraftField): EditResult {
	const at = findField(def, key);
	if (!at) return refuse('not-found', key);
	const page = def.pages[at.page];
	const fields = [...page.fields];
	fields[at.index] = change(fields[at.index]);
	const pages = [...def.pages];
	pages[at.page] = { ...page, fields };
	return ok({ ...def, pages }, key);
}

function editOptions(def: Draft, key: string, change: (o: Obj[]) => Obj[] | null): EditResult {
	const at = findField(def, key);
	if (!at) return refuse('not-found', key);
	const f = def.pages[at.page].fields[at.index];
	if (!choiceTypes.has(f.type)) return refuse('not-a-choice', key);
	const options = change(asList(f.options));
	if (!options) return refuse('at-edge', key);
	return editField(def, key, (x) => ({ ...x, options }));
}

function moveField(def: Draft, key: string, direction: Direction): EditResult {
	const at = findField(def, key);
	if (!at) return refuse('not-found', key);
	const pages = def.pages.map((p) => ({ ...p, fields: [...p.fields] }));
	const here = pages[at.page].fields;
	const within = move(here, at.index, direction);
	if (within) {
		pages[at.page].fields = within;
		return ok({ ...def, pages }, key);
	}
	const target = direction === 'up' ? at.page - 1 : at.page + 1;
	if (target < 0 || target >= pages.length) return refuse('at-edge', key);
	const [field] = here.splice(at.index, 1);
	if (direction === 'up') pages[target].fields.push(field);
	else pages[target].fields.unshift(field);
	return ok({ ...def, pages }, key);
}

function renameField(def: Draft, key: string, to: string): EditResult {
	if (key === to) return ok(def, key);
	if (!findField(def, key)) return refuse('not-found', key);
	if (!fieldKeyPattern.test(to)) return refuse('key-invalid', to);
	if (allKeys(def).has(to)) return refuse('key-taken', to);
	const pages = def.pages.map((p) => ({
		...withCondition(p, renameInCondition(p.showIf, key, to)),
		fields: p.fields.map((f) => ({
			...withCondition(f, renameInCondition(f.showIf, key, to)),
			key: f.key === key ? to : f.key
		}))
	}));
	const leadTimes = def.leadTimes.map((l) => ({
		...withCondition(l, renameInCondition(l.showIf, key, to)),
		field: l.field === key ? to : l.field
	}));
	const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const answer = new RegExp(`(\\{\\{\\s*answers\\.)${escaped}(\\s*\\}\\})`, 'g');
	const renameText = (text: unknown) =>
		text && typeof text === 'object'
			? Object.fromEntries(
					Object.entries(text as Obj).map(([locale, t]) => [
						locale,
						typeof t === 'string' ? t.replace(answer, `$1${to}$2`) : t
					])
				)
			: text;
	const out: Draft = { ...def, pages, leadTimes };
	if (Array.isArray(def.documents))
		out.documents = listDocuments(def).map((d) => ({
			...d,
			title: renameText(d.title),
			body: renameText(d.body)
		}));
	return ok(out, to);
}

function withCondition<T extends Obj>(o: T, showIf: Condition | undefined): T {
	const out = { ...o };
	if (showIf === undefined) delete out.showIf;
	else (out as Obj).showIf = showIf;
	return out;
}

function setState(def: Draft, index: number, values: Obj): EditResult {
	const state = def.workflow.states[index];
	if (!state) return refuse('not-found', String(index));
	const next = assign(state, values) as DraftState;
	const wf = { ...def.workflow, states: [...def.workflow.states] };
	wf.states[index] = next;
	if (typeof values.id === 'string' && values.id !== state.id) {
		if (!stateIdPattern.test(values.id)) return refuse('key-invalid', values.id);
		if (def.workflow.states.some((s) => s.id === values.id)) return refuse('key-taken', values.id);
		const rename = (id: string) => (id === state.id ? next.id : id);
		wf.initial = rename(wf.initial);
		wf.transitions = wf.transitions.map((t) => ({
			...t,
			from: t.from.map(rename),
			to: rename(t.to)
		}));
		// The retention rules that name the outcome follow it.
		if (Array.isArray(def.retention)) {
			const retention = listRetention(def).map((r) =>
				Array.isArray(r.states) ? { ...r, states: r.states.map((id) => rename(String(id))) } : r
			);
			return ok({ ...def, workflow: wf, retention }, next.id);
		}
	}
	return ok({ ...def, workflow: wf }, next.id);
}

function removeState(def: Draft, index: number): EditResult {
	const state = def.workflow.states[index];
	if (!state) return refuse('not-found', String(index));
	if (def.workflow.initial === state.id) return refuse('state-in-use', 'initial');
	const users = def.workflow.transitions
		.filter((t) => t.to === state.id || t.from.includes(state.id))
		.map((t) => t.id);
	if (users.length > 0) return refuse('state-in-use', users.join(', '));
	const states = def.workflow.states.filter((_, i) => i !== index);
	return ok({ ...def, workflow: { ...def.workflow, states } }, state.id);
}

function setListItem(list: Obj[], index: number, values: Obj): Obj[] | null {
	if (!list[index]) return null;
	const out = [...list];
	out[index] = assign(list[index], values);
	return out;
}

/** Applies one edit to a draft; the draft passed in is never changed. */
export function applyEdit(raw: unknown, op: EditOp): EditResult {
	const def = toDraft(raw);
	const wf = def.workflow;
	switch (op.action) {
		case 'set-general':
			return ok(assign(def, op.values) as Draft, 'general');
		case 'add-requirement':
			return ok(
				{ ...def, requirements: [...def.requirements, { text: { nl: '' } }] },
				'requirements'
			);
		case 'set-requirement': {
			const requirements = setListItem(def.requirements, op.index, op.values);
			return requirements
				? ok({ ...def, requirements }, `requirements[${op.index}]`)
				: refuse('not-found');
		}
		case 'remove-requirement':
			if (!def.requirements[op.index]) return refuse('not-found');
			return ok(
				{ ...def, requirements: def.requirements.filter((_, i) => i !== op.index) },
				'requirements'
			);
		case 'add-page': {
			const id = uniqueName(new Set(def.pages.map((p) => p.id)), 'pagina', '-');
			return ok({ ...def, pages: [...def.pages, { id, title: { nl: '' }, fields: [] }] }, id);
		}
		case 'set-page': {
			const pages = setListItem(def.pages, op.index, op.values) as DraftPage[] | null;
			return pages ? ok({ ...def, pages }, pages[op.index].id) : refuse('not-found');
		}
		case 'move-page': {
			if (!def.pages[op.index]) return refuse('not-found');
			const pages = move(def.pages, op.index, op.direction);
			return pages ? ok({ ...def, pages }, def.pages[op.index].id) : refuse('at-edge');
		}
		case 'remove-page': {
			const page = def.pages[op.index];
			if (!page) return refuse('not-found');
			const own = new Set(page.fields.map((f) => f.key));
			const rest: Draft = { ...def, pages: def.pages.filter((_, i) => i !== op.index) };
			const where = [...own].flatMap((k) => listReferences(rest, k));
			if (where.length > 0) return refuseReferenced(where, true);
			return ok(rest, page.id);
		}
		case 'add-field': {
			if (!def.pages[op.page]) return refuse('not-found');
			if (!(op.type in valueKinds)) return refuse('not-found', op.type);
			const field = newField(def, op.type);
			const pages = [...def.pages];
			pages[op.page] = { ...pages[op.page], fields: [...pages[op.page].fields, field] };
			return ok({ ...def, pages }, field.key);
		}
		case 'set-field':
			return editField(def, op.key, (f) => assign(f, op.values) as DraftField);
		case 'rename-field':
			return renameField(def, op.key, op.to);
		case 'move-field':
			return moveField(def, op.key, op.direction);
		case 'remove-field': {
			const at = findField(def, op.key);
			if (!at) return refuse('not-found', op.key);
			const where = listReferences(def, op.key);
			if (where.length > 0) return refuseReferenced(where, false);
			const pages = [...def.pages];
			pages[at.page] = {
				...pages[at.page],
				fields: pages[at.page].fields.filter((f) => f.key !== op.key)
			};
			return ok({ ...def, pages }, op.key);
		}
		case 'add-option':
			return editOptions(def, op.key, (o) => {
				const values = new Set(o.map((x) => String(x.value)));
				let n = o.length + 1;
				while (values.has(`optie-${n}`)) n++;
				return [...o, newOption(n)];
			});
		case 'set-option':
			return editOptions(def, op.key, (o) => setListItem(o, op.index, op.values));
		case 'move-option':
			return editOptions(def, op.key, (o) => move(o, op.index, op.direction));
		case 'remove-option':
			return editOptions(def, op.key, (o) =>
				o[op.index] ? o.filter((_, i) => i !== op.index) : null
			);
		case 'set-page-condition': {
			const page = def.pages[op.index];
			if (!page) return refuse('not-found');
			const pages = [...def.pages];
			pages[op.index] = withCondition(page, op.condition);
			return ok({ ...def, pages }, page.id);
		}
		case 'set-condition':
			return editField(def, op.key, (f) => withCondition(f, op.condition));
		case 'add-state': {
			const id = uniqueName(new Set(wf.states.map((s) => s.id)), 'status', '_');
			const state: DraftState = {
				id,
				label: { nl: '' },
				citizenText: { nl: '' },
				kind: 'open',
				clock: 'run',
				vlaamseCode: 'InVerwerking'
			};
			return ok({ ...def, workflow: { ...wf, states: [...wf.states, state] } }, id);
		}
		case 'set-state':
			return setState(def, op.index, op.values);
		case 'remove-state':
			return removeState(def, op.index);
		case 'set-initial':
			if (!wf.states.some((s) => s.id === op.id)) return refuse('not-found', op.id);
			return ok({ ...def, workflow: { ...wf, initial: op.id } }, op.id);
		case 'add-transition': {
			const id = uniqueName(new Set(wf.transitions.map((t) => t.id)), 'overgang', '_');
			const transition: DraftTransition = {
				id,
				from: [],
				to: '',
				label: { nl: '' },
				roles: ['staff'],
				requiresNote: false,
				notifyCitizen: false
			};
			return ok({ ...def, workflow: { ...wf, transitions: [...wf.transitions, transition] } }, id);
		}
		case 'set-transition': {
			const transitions = setListItem(wf.transitions, op.index, op.values) as
				DraftTransition[] | null;
			if (!transitions) return refuse('not-found');
			const id = op.values.id;
			if (typeof id === 'string' && id !== wf.transitions[op.index].id) {
				if (!stateIdPattern.test(id)) return refuse('key-invalid', id);
				if (wf.transitions.some((t) => t.id === id)) return refuse('key-taken', id);
			}
			const next: Draft = { ...def, workflow: { ...wf, transitions } };
			const renamed = transitions[op.index].id;
			const old = wf.transitions[op.index].id;
			// The documents a transition issues follow it when it is renamed.
			if (renamed !== old && Array.isArray(def.documents))
				next.documents = listDocuments(def).map((d) => ({
					...d,
					transitions: d.transitions.map((t) => (t === old ? renamed : t))
				}));
			return ok(next, renamed);
		}
		case 'remove-transition': {
			const t = wf.transitions[op.index];
			if (!t) return refuse('not-found');
			const transitions = wf.transitions.filter((_, i) => i !== op.index);
			return ok({ ...def, workflow: { ...wf, transitions } }, t.id);
		}
		case 'set-fee-options': {
			// The amount per option of one select or radio field; no field: the fixed amount only.
			const fee = { ...asObj(def.fee) };
			if (op.field) fee.perOption = { field: op.field, amounts: op.amounts };
			else delete fee.perOption;
			return ok({ ...def, fee }, 'fee');
		}
		case 'add-document': {
			const documents = listDocuments(def);
			const id = uniqueName(new Set(documents.map((d) => d.id)), 'document', '-');
			const document: DraftDocument = {
				id,
				kind: 'decision',
				title: { nl: '' },
				body: { nl: '' },
				transitions: []
			};
			return ok({ ...def, documents: [...documents, document] }, id);
		}
		case 'set-document':
			return setDocument(def, op.index, op.values);
		case 'remove-document': {
			const documents = listDocuments(def);
			const document = documents[op.index];
			if (!document) return refuse('not-found');
			return ok({ ...def, documents: documents.filter((_, i) => i !== op.index) }, document.id);
		}
		case 'add-retention': {
			const rules = listRetention(def);
			// A first rule applies to every outcome; a later one starts naming none, for the clerk to tick.
			const rule: Obj = {
				...(rules.length > 0 ? { states: [] } : {}),
				term: { years: 2 },
				start: 'closed',
				action: 'destroy',
				selectionRule: ''
			};
			return ok({ ...def, retention: [...rules, rule] }, `retention[${rules.length}]`);
		}
		case 'set-retention': {
			const rules = listRetention(def);
			const current = rules[op.index];
			if (!current) return refuse('not-found');
			const next = assign(current, op.values);
			// No outcome ticked: the rule applies to every outcome no other rule names.
			if (Array.isArray(next.states) && next.states.length === 0) delete next.states;
			rules[op.index] = next;
			return ok({ ...def, retention: rules }, `retention[${op.index}]`);
		}
		case 'remove-retention': {
			const rules = listRetention(def);
			if (!rules[op.index]) return refuse('not-found');
			const rest = rules.filter((_, i) => i !== op.index);
			const next: Draft = { ...def, retention: rest };
			if (rest.length === 0) delete next.retention;
			return ok(next, `retention[${op.index}]`);
		}
	}
}

/** Comparisons the condition builder offers for a field's kind of answer. */
export type Operator =
	'equals' | 'notEquals' | 'includes' | 'filled' | 'empty' | 'greaterThan' | 'lessThan';

export function listOperators(kind: ValueKind): Operator[] {
	switch (kind) {
		case 'string':
			return ['equals', 'notEquals', 'filled', 'empty'];
		case 'number':
			return ['equals', 'greaterThan', 'lessThan', 'filled', 'empty'];
		case 'boolean':
			return ['equals', 'notEquals'];
		case 'strings':
			return ['includes', 'filled', 'empty'];
		case 'address':
		case 'files':
			return ['filled', 'empty'];
		case 'none':
		default:
			// A kind read from a stored draft may be unknown: it offers nothing.
			return [];
	}
}

/**
 * The fields a condition may read: for a field (its key), the input fields before it; for a page
 * (`{ page: index }`), the input fields of the pages before it.
 */
export function listConditionSources(def: Draft, of: string | { page: number }): DraftField[] {
	const out: DraftField[] = [];
	for (const [pi, p] of def.pages.entries()) {
		if (typeof of === 'object' && pi >= of.page) return out;
		for (const f of p.fields) {
			if (f.key === of) return out;
			if ((valueKinds[f.type as FieldType] ?? 'none') !== 'none') out.push(f);
		}
	}
	return out;
}

/**
 * A comparison from the builder's three controls: the field, the operator and the typed value,
 * converted to the kind of answer the field holds ("ja"/"true" for yes/no, a number for numbers).
 */
export function buildComparison(source: DraftField, operator: Operator, value: string): Comparison {
	const field = source.key;
	const kind = valueKinds[source.type as FieldType];
	const typed = (): string | number | boolean => {
		const v = value.trim();
		if (kind === 'boolean') return /^(true|ja|yes|1|on)$/i.test(v);
		if (kind === 'number') {
			const n = Number(v.replace(',', '.'));
			return v !== '' && Number.isFinite(n) ? n : v;
		}
		return v;
	};
	switch (operator) {
		case 'filled':
			return { field, filled: true };
		case 'empty':
			return { field, filled: false };
		case 'includes':
			return { field, includes: value.trim() };
		case 'greaterThan':
			return { field, greaterThan: typed() as number };
		case 'lessThan':
			return { field, lessThan: typed() as number };
		case 'notEquals':
			return { field, notEquals: typed() };
		case 'equals':
		default:
			return { field, equals: typed() };
	}
}

/** The builder's view of a simple condition; null for combined ones (all, any, not). */
export function describeComparison(
	c: Condition | undefined
): { field: string; operator: Operator; value: string } | null {
	if (!c || !('field' in c)) return null;
	if ('filled' in c) return { field: c.field, operator: c.filled ? 'filled' : 'empty', value: '' };
	if ('in' in c) return null;
	const [operator, value] = Object.entries(c).find(([k]) => k !== 'field') as [Operator, unknown];
	return { field: c.field, operator, value: String(value) };
}

/**
 * A LocalText from its posted inputs (Dutch, English, French): null when all are empty. An empty
 * English or French is left out, so the text falls back to Dutch there.
 */
export function readLocalText(nl: string, en: string, fr = ''): LocalText | null {
	const [n, e, f] = [nl.trim(), en.trim(), fr.trim()];
	if (!n && !e && !f) return null;
	return { nl: n, ...(e && { en: e }), ...(f && { fr: f }) };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	applyEdit,
	buildComparison,
	listConditionSources,
	listDocuments,
	toDraft,
	type Draft
} from './edit';
import { checkDefinition } from './loader';
import {
	describeDocumentControls,
	describeFieldControls,
	describeRetentionControls,
	readControls
} from './properties';
import { fieldTypes } from './fields';

const klacht = JSON.parse(readFileSync('forms/klacht.json', 'utf8')) as Record<string, unknown>;

function apply(def: unknown, ...ops: Parameters<typeof applyEdit>[1][]): Draft {
	let current = def;
	for (const op of ops) {
		const result = applyEdit(current, op);
		if (!result.ok)
			throw new Error(`${op.action} refused: ${result.reason} ${result.detail ?? ''}`);
		current = result.definition;
	}
	return current as Draft;
}

describe('edit operations', () => {
	it('adds a field of every kind with a unique key and the texts still to write', () => {
		let def: unknown = klacht;
		for (const type of fieldTypes) def = apply(def, { action: 'add-field', page: 0, type });
		const fields = toDraft(def).pages[0].fields;
		const keys = fields.map((f) => f.key);
		expect(new Set(keys).size).toBe(keys.length);
		const check = checkDefinition(def);
		expect(check.ok).toBe(false);
		if (check.ok) return;
		expect(
			check.problems.some((p) => /^pages\[0\]\.fields\[\d+\]\.(label|text)\.nl$/.test(p.path))
		).toBe(true);
		expect(klacht).toEqual(JSON.parse(readFileSync('forms/klacht.json', 'utf8')));
	});

	it('fills in a new field through the generic controls until the definition is valid again', () => {
		let def = apply(klacht, { action: 'add-field', page: 0, type: 'number' });
		const form = new FormData();
		form.set('label.nl', 'Aantal');
		form.set('label.en', 'Count');
		form.set('required', 'on');
		form.set('min', '1');
		form.set('max', 'tien');
		const values = readControls(describeFieldControls('number'), form);
		def = apply(def, { action: 'set-field', key: 'number1', values });
		const check = checkDefinition(def);
		expect(check.ok ? [] : check.problems.map((p) => p.path)).toEqual([
			'pages[0].fields[' + (def.pages[0].fields.length - 1) + '].max'
		]);
		def = apply(def, { action: 'set-field', key: 'number1', values: { max: 10 } });
		expect(checkDefinition(def).ok).toBe(true);
	});

	it('reads a French text beside the Dutch and English one, and drops an empty one', () => {
		const controls = describeFieldControls('text');
		const form = new FormData();
		form.set('label.nl', 'Naam');
		form.set('label.en', '');
		form.set('label.fr', ' Nom ');
		form.set('hint.nl', 'Zoals op uw identiteitskaart');
		form.set('hint.fr', '   ');
		const values = readControls(controls, form);
		expect(values.label).toEqual({ nl: 'Naam', fr: 'Nom' });
		expect(values.hint).toEqual({ nl: 'Zoals op uw identiteitskaart' });
		// A French text without the Dutch one is kept, so the builder can say Dutch is missing.
		form.set('label.nl', '');
		expect(readControls(controls, form).label).toEqual({ nl: '', fr: 'Nom' });
	});

	it('refuses to remove a field a condition reads, naming where, and carries a renamed key', () => {
		let def = apply(
			klacht,
			{ action: 'add-field', page: 0, type: 'yesNo' },
			{ action: 'set-field', key: 'yesNo1', values: { label: { nl: 'Anoniem?' } } },
			{ action: 'add-field', page: 0, type: 'text' },
			{ action: 'set-field', key: 'text1', values: { label: { nl: 'Waarom?' } } }
		);
		const sources = listConditionSources(def, 'text1');
		const source = sources.find((f) => f.key === 'yesNo1')!;
		def = apply(def, {
			action: 'set-condition',
			key: 'text1',
			condition: buildComparison(source, 'equals', 'ja')
		});
		expect(checkDefinition(def).ok).toBe(true);
		expect(applyEdit(def, { action: 'remove-field', key: 'yesNo1' })).toEqual({
			ok: false,
			reason: 'referenced',
			detail: 'field "text1"',
			references: [{ kind: 'field', name: 'text1', of: 'yesNo1' }]
		});
		// Nor the page it is on, once the field reading it is on another page.
		const moved = apply(def, { action: 'move-field', key: 'text1', direction: 'down' });
		expect(moved.pages[1].fields[0].key).toBe('text1');
		expect(applyEdit(moved, { action: 'remove-page', index: 0 })).toMatchObject({
			ok: false,
			reason: 'referenced',
			detail: 'field "text1" (yesNo1)'
		});
		def = apply(def, { action: 'rename-field', key: 'yesNo1', to: 'anoniem' });
		const text1 = def.pages[0].fields.find((f) => f.key === 'text1');
		expect(text1?.showIf).toEqual({ field: 'anoniem', equals: true });
		expect(applyEdit(def, { action: 'rename-field', key: 'anoniem', to: 'text1' })).toMatchObject({
			ok: false,
			reason: 'key-taken'
		});
		// Moving the condition's source after the field it controls is a problem, not a refusal.
		const last = def.pages[0].fields.length;
		expect(last).toBeGreaterThan(1);
		def = apply(def, { action: 'move-field', key: 'anoniem', direction: 'down' });
		def = apply(def, { action: 'move-field', key: 'anoniem', direction: 'down' });
		expect(checkDefinition(def).ok).toBe(false);
	});

	it('moves fields over page edges and pages up and down', () => {
		let def = apply(klacht, { action: 'add-page' });
		const last = def.pages.length - 1;
		const firstKey = def.pages[last - 1].fields.at(-1)!.key;
		def = apply(def, { action: 'move-field', key: firstKey, direction: 'down' });
		expect(def.pages[last].fields.map((f) => f.key)).toEqual([firstKey]);
		def = apply(def, { action: 'move-page', index: last, direction: 'up' });
		expect(def.pages[last - 1].fields[0].key).toBe(firstKey);
		expect(applyEdit(def, { action: 'move-page', index: 0, direction: 'up' })).toMatchObject({
			ok: false,
			reason: 'at-edge'
		});
	});

	it('edits the workflow: a state renamed carries its transitions, one in use is not removed', () => {
		let def = apply(klacht, { action: 'add-state' }, { action: 'add-transition' });
		const wf = def.workflow;
		const added = wf.states.length - 1;
		def = apply(
			def,
			{ action: 'set-state', index: added, values: { id: 'advies', label: { nl: 'Advies' } } },
			{
				action: 'set-transition',
				index: wf.transitions.length - 1,
				values: {
					id: 'vraag_advies',
					from: [wf.initial],
					to: 'advies',
					label: { nl: 'Vraag advies' }
				}
			},
			{ action: 'set-state', index: added, values: { id: 'advies_gevraagd' } }
		);
		expect(def.workflow.transitions.at(-1)?.to).toBe('advies_gevraagd');
		expect(applyEdit(def, { action: 'remove-state', index: added })).toEqual({
			ok: false,
			reason: 'state-in-use',
			detail: 'vraag_advies'
		});
		const initial = def.workflow.states.findIndex((s) => s.id === def.workflow.initial);
		expect(applyEdit(def, { action: 'remove-state', index: initial })).toMatchObject({
			reason: 'state-in-use'
		});
	});

	it('sets a page condition on fields of earlier pages only', () => {
		const def = toDraft(klacht);
		expect(listConditionSources(def, { page: 0 })).toEqual([]);
		const sources = listConditionSources(def, { page: 1 });
		expect(sources.length).toBeGreaterThan(0);
		expect(sources.every((f) => def.pages[0].fields.includes(f))).toBe(true);
		const source = sources[0];
		const withCondition = apply(def, {
			action: 'set-page-condition',
			index: 1,
			condition: buildComparison(source, 'filled', '')
		});
		expect(withCondition.pages[1].showIf).toEqual({ field: source.key, filled: true });
		expect(checkDefinition(withCondition).ok).toBe(true);
		const cleared = apply(withCondition, {
			action: 'set-page-condition',
			index: 1,
			condition: undefined
		});
		expect('showIf' in cleared.pages[1]).toBe(false);
	});

	it('edits option lists', () => {
		let def = apply(
			klacht,
			{ action: 'add-field', page: 0, type: 'radio' },
			{ action: 'add-option', key: 'radio1' }
		);
		const options = () =>
			(def.pages[0].fields.at(-1)!.options as { value: string }[]).map((o) => o.value);
		expect(options()).toEqual(['optie-1', 'optie-2', 'optie-3']);
		def = apply(
			def,
			{ action: 'move-option', key: 'radio1', index: 2, direction: 'up' },
			{ action: 'remove-option', key: 'radio1', index: 0 }
		);
		expect(options()).toEqual(['optie-3', 'optie-2']);
		def = apply(def, { action: 'set-option', key: 'radio1', index: 0, values: { value: 'ja' } });
		expect(options()).toEqual(['ja', 'optie-2']);
	});
});

const attest = JSON.parse(readFileSync('forms/attest-gezinssamenstelling.json', 'utf8')) as Record<
	string,
	unknown
>;

function posted(values: Record<string, string | string[]>): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(values))
		for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
	return form;
}

describe('document template edits', () => {
	const transitionIds = toDraft(attest).workflow.transitions.map((t) => t.id);
	const controls = describeDocumentControls(transitionIds);

	it('offers the body as text areas and the transitions as checkboxes of the workflow', () => {
		expect(controls.map((c) => [c.name, c.kind])).toEqual([
			['id', 'text'],
			['kind', 'select'],
			['title', 'localText'],
			['body', 'localText'],
			['transitions', 'multi']
		]);
		expect(controls.find((c) => c.name === 'body')).toMatchObject({ multiline: true });
		expect(controls.find((c) => c.name === 'kind')).toMatchObject({
			options: ['decision', 'certificate', 'permit', 'refusal']
		});
		expect(controls.find((c) => c.name === 'transitions')).toMatchObject({
			options: transitionIds
		});
	});

	it('adds a template that is saved with its problems, and fills it in until it is valid', () => {
		let def = apply(attest, { action: 'add-document' });
		const added = listDocuments(def).at(-1)!;
		expect(added).toEqual({
			id: 'document-1',
			kind: 'decision',
			title: { nl: '' },
			body: { nl: '' },
			transitions: []
		});
		const before = checkDefinition(def);
		expect(before.ok ? [] : before.problems.map((p) => p.path)).toEqual([
			'documents[2].title.nl',
			'documents[2].body.nl',
			'documents[2].transitions'
		]);
		const values = readControls(
			controls,
			posted({
				id: 'beslissing',
				kind: 'decision',
				'title.nl': 'Beslissing',
				'title.en': '',
				'body.nl': 'Dossier {{reference}}\n\nDoel: {{answers.doelx}} {{ onbekend }}',
				'body.en': '',
				transitions: ['weigeren']
			})
		);
		def = apply(def, { action: 'set-document', index: 2, values });
		const saved = listDocuments(def)[2];
		expect(saved).toMatchObject({ id: 'beslissing', title: { nl: 'Beslissing' } });
		expect(saved.title).not.toHaveProperty('en');
		const problems = checkDefinition(def);
		expect(problems.ok ? [] : problems.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
			'documents[2].body.nl: unknown field "doelx" in "{{answers.doelx}}"',
			'documents[2].body.nl: unknown placeholder "{{onbekend}}"'
		]);
		def = apply(def, {
			action: 'set-document',
			index: 2,
			values: { body: { nl: 'Dossier {{reference}}\n\nDoel: {{answers.doel}}' } }
		});
		expect(checkDefinition(def).ok).toBe(true);
		expect(attest).toEqual(
			JSON.parse(readFileSync('forms/attest-gezinssamenstelling.json', 'utf8'))
		);
	});

	it('refuses an id that is taken or not lower-case, and removes a template by its place', () => {
		expect(
			applyEdit(attest, { action: 'set-document', index: 1, values: { id: 'attest' } })
		).toEqual({ ok: false, reason: 'key-taken', detail: 'attest' });
		expect(
			applyEdit(attest, { action: 'set-document', index: 1, values: { id: 'Attest 2' } })
		).toEqual({ ok: false, reason: 'key-invalid', detail: 'Attest 2' });
		expect(applyEdit(attest, { action: 'set-document', index: 9, values: {} })).toMatchObject({
			ok: false,
			reason: 'not-found'
		});
		const removed = apply(attest, { action: 'remove-document', index: 0 });
		expect(listDocuments(removed).map((d) => d.id)).toEqual(['weigering']);
		expect(applyEdit(removed, { action: 'remove-document', index: 1 })).toMatchObject({
			ok: false,
			reason: 'not-found'
		});
	});

	it('carries a renamed field into the placeholders and a renamed transition into the list', () => {
		const renamedField = apply(attest, { action: 'rename-field', key: 'doel', to: 'reden' });
		const body = listDocuments(renamedField)[0].body as { nl: string; en: string };
		expect(body.nl).toContain('Doel: {{answers.reden}}');
		expect(body.en).toContain('Purpose: {{answers.reden}}');
		expect(body.nl).not.toContain('{{answers.doel}}');
		expect(checkDefinition(renamedField).ok).toBe(true);
		const index = transitionIds.indexOf('afleveren');
		const renamedTransition = apply(attest, {
			action: 'set-transition',
			index,
			values: { id: 'versturen' }
		});
		expect(listDocuments(renamedTransition)[0].transitions).toEqual(['versturen', 'klaarleggen']);
		expect(checkDefinition(renamedTransition).ok).toBe(true);
	});
});

describe('fee amounts per answer', () => {
	const kaart = JSON.parse(readFileSync('forms/bewonerskaart.json', 'utf8')) as Record<
		string,
		unknown
	>;

	it('sets the field and its amounts, keeps the rest of the fee, and removes them for no field', () => {
		const set = apply(kaart, {
			action: 'set-fee-options',
			field: 'welkeKaart',
			amounts: { tweede: 75 }
		});
		expect(set.fee).toEqual({
			...(kaart.fee as object),
			perOption: { field: 'welkeKaart', amounts: { tweede: 75 } }
		});
		expect(checkDefinition(set).ok).toBe(true);
		const wrong = apply(kaart, {
			action: 'set-fee-options',
			field: 'periode',
			amounts: { jaar: 'veertig' }
		});
		const check = checkDefinition(wrong);
		expect(check.ok ? [] : check.problems.map((p) => p.path)).toEqual([
			'fee.perOption.amounts.jaar'
		]);
		// A value of the wrong type is not a missing one ("Hier hoort een getal", not "Vul dit in").
		expect(check.ok ? null : check.problems[0].issue).toMatchObject({
			code: 'invalid_type',
			expected: 'number',
			missing: false
		});
		const none = apply(set, { action: 'set-fee-options', field: '', amounts: {} });
		expect(none.fee).not.toHaveProperty('perOption');
		expect(none.fee).toMatchObject({ amount: 40, due: 'decision' });
		expect((kaart.fee as { perOption: object }).perOption).toMatchObject({ field: 'periode' });
	});
});

describe('retention rule edits', () => {
	const finals = toDraft(klacht)
		.workflow.states.filter((s) => s.kind === 'final')
		.map((s) => s.id);
	const controls = describeRetentionControls(finals);
	const form = (values: Record<string, string | string[]>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(values))
			for (const one of Array.isArray(v) ? v : [v]) data.append(k, one);
		return data;
	};

	it('offers the outcomes as checkboxes of the final states, the term, start, action and rule', () => {
		expect(controls.map((c) => [c.name, c.kind])).toEqual([
			['states', 'multi'],
			['term.years', 'number'],
			['term.months', 'number'],
			['start', 'select'],
			['action', 'select'],
			['selectionRule', 'text']
		]);
		expect(controls[0]).toMatchObject({ options: finals });
	});

	it('adds, sets and removes rules; a renamed outcome carries its rule; the result checks', () => {
		const { retention: _r, ...bare } = klacht;
		let def = apply(bare, { action: 'add-retention' });
		expect(def.retention).toEqual([
			{ term: { years: 2 }, start: 'closed', action: 'destroy', selectionRule: '' }
		]);
		def = apply(
			def,
			{
				action: 'set-retention',
				index: 0,
				values: readControls(
					controls,
					form({
						'term.years': '5',
						'term.months': '',
						start: 'closed',
						action: 'destroy',
						selectionRule: 'Klachten: 5 jaar'
					})
				)
			},
			{ action: 'add-retention' }
		);
		def = apply(def, {
			action: 'set-retention',
			index: 1,
			values: readControls(
				controls,
				form({
					states: ['gegrond'],
					'term.years': '10',
					start: 'closed',
					action: 'archive',
					selectionRule: 'Gegronde klachten'
				})
			)
		});
		expect(checkDefinition(def).ok).toBe(true);
		const gegrond = def.workflow.states.findIndex((s) => s.id === 'gegrond');
		def = apply(def, { action: 'set-state', index: gegrond, values: { id: 'terecht' } });
		expect((def.retention as { states?: string[] }[])[1].states).toEqual(['terecht']);
		def = apply(def, { action: 'remove-retention', index: 0 });
		// Only the rule for one outcome is left: the other outcomes have none, which blocks publishing.
		expect(checkDefinition(def).ok).toBe(false);
		def = apply(def, { action: 'remove-retention', index: 0 });
		expect(def.retention).toBeUndefined();
		expect(applyEdit(def, { action: 'remove-retention', index: 0 })).toMatchObject({
			ok: false,
			reason: 'not-found'
		});
	});
});

import { describe, expect, it } from 'vitest';
import { testDefinition } from './answers/test-definition';
import type { ProcessDefinition } from './definition';
import { diffDefinitions, findMoved, type Change } from './diff';

const copy = (): ProcessDefinition => structuredClone(testDefinition);
/** The changes without the names they carry for people (tested on their own below). */
const unnamed = (changes: Change[]) => changes.map(({ name: _n, pageName: _p, ...c }) => c);
const page = (d: ProcessDefinition, id: string) => d.pages.find((p) => p.id === id)!;

describe('diffDefinitions', () => {
	it('finds no changes between identical definitions, nor for the version number', () => {
		expect(diffDefinitions(testDefinition, copy())).toEqual([]);
		expect(diffDefinitions(testDefinition, { ...copy(), version: 7 })).toEqual([]);
	});

	it('ignores the order of keys (the database does not keep it)', () => {
		const b = copy();
		b.title = { en: b.title.en, nl: b.title.nl } as typeof b.title;
		expect(unnamed(diffDefinitions(testDefinition, b))).toEqual([]);
	});

	it('reports a text whose French alone changed, as a change of that text', () => {
		const b = copy();
		const field = page(b, 'aanvrager').fields[0] as { label: { nl: string; fr?: string } };
		field.label = { ...field.label, fr: 'Nom' };
		expect(unnamed(diffDefinitions(testDefinition, b))).toEqual([
			{
				action: 'changed',
				subject: 'field',
				id: 'naam',
				property: 'label',
				page: 'aanvrager',
				before: { nl: 'Naam' },
				after: { nl: 'Naam', fr: 'Nom' }
			}
		]);
	});

	it('reports a property of the process with before and after', () => {
		const b = copy();
		b.title = { nl: 'Nieuwe titel' };
		b.fee = { amount: 12 };
		expect(unnamed(diffDefinitions(testDefinition, b))).toEqual([
			{
				action: 'changed',
				subject: 'process',
				id: 'title',
				before: testDefinition.title,
				after: { nl: 'Nieuwe titel' }
			},
			expect.objectContaining({ action: 'changed', subject: 'process', id: 'fee' })
		]);
	});

	it('reports a field added and one removed, with their page', () => {
		const b = copy();
		const evenement = page(b, 'evenement');
		evenement.fields.push({
			type: 'text',
			key: 'kenteken',
			label: { nl: 'Nummerplaat' },
			required: false,
			maxLength: 10
		});
		page(b, 'aanvrager').fields = page(b, 'aanvrager').fields.filter((f) => f.key !== 'rekening');
		expect(unnamed(diffDefinitions(testDefinition, b))).toEqual([
			{ action: 'removed', subject: 'field', id: 'rekening', page: 'aanvrager' },
			{ action: 'added', subject: 'field', id: 'kenteken', page: 'evenement' }
		]);
	});

	it('reports a label change of a field, not a removal and an addition', () => {
		const b = copy();
		const naam = page(b, 'aanvrager').fields[0];
		if (naam.type !== 'text') throw new Error('test definition changed');
		naam.label = { nl: 'Volledige naam' };
		expect(unnamed(diffDefinitions(testDefinition, b))).toEqual([
			{
				action: 'changed',
				subject: 'field',
				id: 'naam',
				property: 'label',
				before: { nl: 'Naam' },
				after: { nl: 'Volledige naam' },
				page: 'aanvrager'
			}
		]);
	});

	it('reports a field moved to another page, and one moved within its page once', () => {
		const b = copy();
		const aanvrager = page(b, 'aanvrager');
		const email = aanvrager.fields.pop()!;
		page(b, 'evenement').fields.unshift(email);
		// Move the first field (naam) to the end of its page: only naam moved, not its neighbours.
		aanvrager.fields.push(aanvrager.fields.shift()!);
		const changes = diffDefinitions(testDefinition, b);
		expect(unnamed(changes)).toEqual([
			{
				action: 'moved',
				subject: 'field',
				id: 'email',
				property: 'page',
				before: 'aanvrager',
				after: 'evenement',
				page: 'evenement'
			},
			{
				action: 'moved',
				subject: 'field',
				id: 'naam',
				property: 'position',
				before: 1,
				after: aanvrager.fields.length,
				page: 'aanvrager'
			}
		]);
	});

	it('reports a changed list of options as one change with both lists', () => {
		const b = copy();
		const eigendom = page(b, 'aanvrager').fields.find((f) => f.key === 'eigendom');
		if (eigendom?.type !== 'radio') throw new Error('test definition changed');
		eigendom.options = [...eigendom.options, { value: 'huur', label: { nl: 'Huur' } }];
		expect(unnamed(diffDefinitions(testDefinition, b))).toEqual([
			expect.objectContaining({
				action: 'changed',
				subject: 'field',
				id: 'eigendom',
				property: 'options',
				after: expect.arrayContaining([expect.objectContaining({ value: 'huur' })])
			})
		]);
	});

	it('reports pages added, removed and moved', () => {
		const b = copy();
		b.pages = [b.pages[1], b.pages[0], { ...b.pages[2], id: 'groot-nieuw' }];
		const changes = diffDefinitions(testDefinition, b);
		expect(unnamed(changes)).toEqual(
			expect.arrayContaining([
				{ action: 'removed', subject: 'page', id: 'groot' },
				{ action: 'added', subject: 'page', id: 'groot-nieuw' },
				expect.objectContaining({ action: 'moved', subject: 'page', property: 'position' })
			])
		);
		expect(changes.filter((c) => c.subject === 'page' && c.action === 'moved')).toHaveLength(1);
	});

	it('reports states added and removed, and the roles of a transition', () => {
		const b = copy();
		b.workflow.states.splice(1, 0, {
			id: 'in_behandeling',
			label: { nl: 'In behandeling' },
			citizenText: { nl: 'We werken eraan.' },
			kind: 'open',
			clock: 'run',
			vlaamseCode: 'InVerwerking'
		});
		b.workflow.transitions[0].roles = ['staff', 'admin'];
		const c = copy();
		c.workflow.states = c.workflow.states.filter((s) => s.id !== 'klaar');
		expect(unnamed(diffDefinitions(testDefinition, b))).toEqual([
			{ action: 'added', subject: 'state', id: 'in_behandeling' },
			{
				action: 'changed',
				subject: 'transition',
				id: 'afronden',
				property: 'roles',
				before: ['staff'],
				after: ['staff', 'admin']
			}
		]);
		expect(unnamed(diffDefinitions(testDefinition, c))).toEqual([
			{ action: 'removed', subject: 'state', id: 'klaar' }
		]);
	});

	it('reports a new initial state', () => {
		const b = copy();
		b.workflow.initial = 'klaar';
		expect(unnamed(diffDefinitions(testDefinition, b))).toEqual([
			{
				action: 'changed',
				subject: 'workflow',
				id: 'initial',
				property: 'initial',
				before: 'ingediend',
				after: 'klaar'
			}
		]);
	});
});

describe('findMoved', () => {
	it('names only the items that left their place', () => {
		expect(findMoved(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toEqual([]);
		expect(findMoved(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a'])).toEqual(['a']);
		expect(findMoved(['a', 'b', 'c'], ['c', 'b', 'a'])).toHaveLength(2);
		expect(findMoved(['a', 'b', 'x'], ['y', 'a', 'b'])).toEqual([]);
	});

	it('names what changed the way people call it: labels, page titles, state labels', () => {
		const b = copy();
		const evenement = page(b, 'evenement');
		evenement.fields.push({
			key: 'telefoon',
			type: 'tel',
			label: { nl: 'Telefoon' },
			required: false
		});
		const [added] = diffDefinitions(testDefinition, b);
		expect(added).toMatchObject({
			action: 'added',
			id: 'telefoon',
			name: { nl: 'Telefoon' },
			pageName: evenement.title
		});
	});
});

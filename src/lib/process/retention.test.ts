import { describe, expect, it } from 'vitest';
import {
	addMonths,
	findRetentionProblems,
	findRetentionRule,
	formatTerm,
	retention,
	retentionDueAt
} from './retention';

const states = [
	{ id: 'ingediend', kind: 'open' as const },
	{ id: 'uitgevoerd', kind: 'final' as const },
	{ id: 'ingetrokken', kind: 'final' as const }
];
const rules = retention.parse([
	{ states: ['uitgevoerd'], term: { years: 2 }, action: 'destroy', selectionRule: 'A' },
	{ term: { months: 6 }, action: 'archive', start: 'paid', selectionRule: 'B' }
]);

describe('retention rules', () => {
	it('finds the rule naming the outcome, else the catch-all', () => {
		expect(findRetentionRule(rules, 'uitgevoerd')?.selectionRule).toBe('A');
		expect(findRetentionRule(rules, 'ingetrokken')?.selectionRule).toBe('B');
		expect(findRetentionRule(rules.slice(0, 1), 'ingetrokken')).toBeNull();
		expect(findRetentionRule(undefined, 'uitgevoerd')).toBeNull();
	});

	it('counts the term from closing, or from a later payment', () => {
		const closedAt = new Date('2024-01-31T10:00:00Z');
		expect(retentionDueAt(rules[0], { closedAt }).toISOString()).toBe('2026-01-31T10:00:00.000Z');
		expect(retentionDueAt(rules[1], { closedAt }).toISOString()).toBe('2024-07-31T10:00:00.000Z');
		const paidAt = new Date('2024-03-01T00:00:00Z');
		expect(retentionDueAt(rules[1], { closedAt, paidAt }).toISOString()).toBe(
			'2024-09-01T00:00:00.000Z'
		);
		expect(addMonths(new Date('2025-01-31T00:00:00Z'), 1).toISOString()).toBe(
			'2025-02-28T00:00:00.000Z'
		);
		expect(formatTerm({ years: 10, months: 6 })).toBe('P10Y6M');
	});

	it('reports unknown and open states, overlaps, gaps and empty terms', () => {
		expect(findRetentionProblems(rules, { states })).toEqual([]);
		const bad = retention.parse([
			{
				states: ['onbekend', 'ingediend', 'uitgevoerd'],
				term: {},
				action: 'destroy',
				selectionRule: 'A'
			},
			{ states: ['uitgevoerd'], term: { years: 1 }, action: 'destroy', selectionRule: 'B' }
		]);
		expect(findRetentionProblems(bad, { states }).map((p) => p.message)).toEqual([
			'give years, months or both',
			'unknown state "onbekend"',
			'state "ingediend" is not a final state',
			'state "uitgevoerd" already has rule 1',
			'final state "ingetrokken" has no rule'
		]);
		expect(findRetentionProblems([], { states })).toEqual([]);
	});
});

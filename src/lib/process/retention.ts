// Retention (bewaring): how long a closed dossier is kept and what happens then, per outcome (the
// final state it reached), as the Flemish selection list for local governments (VVBAD,
// "Selectielijst Gemeenten") says per kind of dossier. A rule gives a term, the moment it starts
// (closing, or payment), the action (`destroy`: answers and files removed, a tombstone kept;
// `archive`: exported as a package first) and the selection-list rule it rests on.
// `findRetentionRule` and `retentionDueAt` are the one place that says when a dossier is due.
import { z } from 'zod';
import type { Problem, Workflow } from './workflow';

export const retentionActions = ['destroy', 'archive'] as const;
export type RetentionAction = (typeof retentionActions)[number];
export const retentionStarts = ['closed', 'paid'] as const;
export type RetentionStart = (typeof retentionStarts)[number];

export const retentionTerm = z
	.strictObject({
		years: z.int().min(0).max(100).optional(),
		months: z.int().min(0).max(1200).optional()
	})
	.meta({ description: 'How long after the start, e.g. { "years": 2 } or { "months": 6 }' });
export type RetentionTerm = z.infer<typeof retentionTerm>;

export const retentionRule = z.strictObject({
	states: z.array(z.string()).optional().meta({
		description: 'The final states (outcomes) the rule applies to; without it: every final state'
	}),
	term: retentionTerm,
	start: z.enum(retentionStarts).default('closed').meta({
		description:
			'closed: from when the dossier reached its final state; paid: from its payment (the closing when nothing was paid, whichever is later)'
	}),
	action: z.enum(retentionActions).meta({
		description:
			'destroy: answers and files removed, the dossier kept as a tombstone; archive: exported as a package to the archive folder first, then removed the same way'
	}),
	selectionRule: z.string().trim().min(1).max(300).meta({
		description:
			'The rule of the selection list (VVBAD, Selectielijst Gemeenten) this rests on, e.g. "2.3.4 Meldingen openbaar domein"'
	})
});
export type RetentionRule = z.infer<typeof retentionRule>;
export type RetentionRuleInput = z.input<typeof retentionRule>;

export const retention = z.array(retentionRule);

/** Months in a term (a term of 0 months keeps nothing after closing). */
export function termMonths(term: RetentionTerm): number {
	return (term.years ?? 0) * 12 + (term.months ?? 0);
}

/** The rule for a dossier that reached `finalState`: the first that names it, else a catch-all. */
export function findRetentionRule(
	rules: readonly RetentionRule[] | undefined,
	finalState: string
): RetentionRule | null {
	if (!rules) return null;
	return (
		rules.find((r) => r.states?.includes(finalState)) ??
		rules.find((r) => !r.states || r.states.length === 0) ??
		null
	);
}

/** `at` plus a number of calendar months (UTC); the 31st of a short month becomes its last day. */
export function addMonths(at: Date, months: number): Date {
	const d = new Date(at.getTime());
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, last));
	return d;
}

/** When the term of a closed dossier ends: from its closing, or the later of closing and payment. */
export function retentionDueAt(
	rule: RetentionRule,
	dates: { closedAt: Date; paidAt?: Date | null }
): Date {
	const start =
		rule.start === 'paid' && dates.paidAt && dates.paidAt > dates.closedAt
			? dates.paidAt
			: dates.closedAt;
	return addMonths(start, termMonths(rule.term));
}

/** A term as ISO 8601 (P2Y, P10Y6M), for audit events and packages. */
export function formatTerm(term: RetentionTerm): string {
	const y = term.years ? `${term.years}Y` : '';
	const m = term.months ? `${term.months}M` : '';
	return `P${y}${m}` === 'P' ? 'P0M' : `P${y}${m}`;
}

/** Problems of the retention rules against the workflow: unknown or open states, gaps, overlaps. */
export function findRetentionProblems(
	rules: readonly RetentionRule[] | undefined,
	wf: { states: readonly { id: string; kind: Workflow['states'][number]['kind'] }[] }
): Problem[] {
	if (!rules || rules.length === 0) return [];
	const problems: Problem[] = [];
	const kinds = new Map(wf.states.map((s) => [s.id, s.kind]));
	const finals = wf.states.filter((s) => s.kind === 'final').map((s) => s.id);
	const covered = new Map<string, number>();
	let catchAll: number | null = null;
	rules.forEach((rule, i) => {
		if (rule.term.years === undefined && rule.term.months === undefined)
			problems.push({ path: ['retention', i, 'term'], message: 'give years, months or both' });
		if (!rule.states || rule.states.length === 0) {
			if (catchAll !== null)
				problems.push({
					path: ['retention', i, 'states'],
					message: `rule ${catchAll + 1} already applies to every other final state`
				});
			else catchAll = i;
			return;
		}
		rule.states.forEach((id, j) => {
			const at = ['retention', i, 'states', j];
			const kind = kinds.get(id);
			if (!kind) problems.push({ path: at, message: `unknown state "${id}"` });
			else if (kind !== 'final')
				problems.push({ path: at, message: `state "${id}" is not a final state` });
			else if (covered.has(id))
				problems.push({
					path: at,
					message: `state "${id}" already has rule ${(covered.get(id) ?? 0) + 1}`
				});
			else covered.set(id, i);
		});
	});
	if (catchAll === null)
		for (const id of finals)
			if (!covered.has(id))
				problems.push({ path: ['retention'], message: `final state "${id}" has no rule` });
	return problems;
}

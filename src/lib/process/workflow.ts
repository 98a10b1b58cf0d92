// A process's workflow: the states a dossier can be in and the transitions staff (or the citizen)
// may take between them. Each state maps to one Flemish StatusVlaamseCode and says whether the
// handling clock runs, pauses (waiting for the citizen) or stops (final).
import { z } from 'zod';
import { localText } from './local-text';

export const statusVlaamseCodes = [
	'Geinitieerd',
	'Ingediend',
	'Ontvangen',
	'DossierOnvolledig',
	'DossierVolledig',
	'Ontvankelijk',
	'Onontvankelijk',
	'InVerwerking',
	'InWacht',
	'InOpenbaarOnderzoek',
	'KlaarVoorBeslissing',
	'Beslist',
	'Goedgekeurd',
	'VoorwaardelijkGoedgekeurd',
	'DeelsGoedgekeurd',
	'Geweigerd',
	'ErkendOfVergund',
	'ErkenningOfVergunningIngetrokken',
	'BeslissingGepubliceerd',
	'Bezwaar',
	'Beroep',
	'GerechtelijkIngeleid',
	'KlaarVoorBetaling',
	'DeelsUitbetaald',
	'Betaald',
	'Terugbetaald',
	'TerugvorderingBetaling',
	'Uitgevoerd',
	'Aktename',
	'Overgedragen',
	'Stopzetting',
	'Stopgezet',
	'Afgehandeld',
	'Gepland',
	'VoorlopigVastgesteld',
	'DefinitiefVastgesteld'
] as const;

export const roles = ['citizen', 'staff', 'clerk', 'admin'] as const;
export type Role = (typeof roles)[number];

export const stateId = z
	.string()
	.regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case: lower-case letters, digits and _');

export const workflowState = z.strictObject({
	id: stateId,
	label: localText.meta({ description: 'What staff see' }),
	citizenLabel: localText
		.optional()
		.meta({ description: 'What the citizen sees; defaults to label' }),
	citizenText: localText.meta({
		description: 'What this state means for the citizen, what happens next'
	}),
	kind: z.enum(['open', 'waiting', 'final']).meta({
		description: 'open: the municipality works on it; waiting: the citizen must act; final: closed'
	}),
	clock: z.enum(['run', 'pause', 'stop']),
	vlaamseCode: z.enum(statusVlaamseCodes)
});

export const workflowTransition = z.strictObject({
	id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case'),
	from: z.array(stateId).min(1),
	to: stateId,
	label: localText,
	roles: z.array(z.enum(roles)).min(1),
	requiresNote: z.boolean().default(false),
	notifyCitizen: z.boolean().default(false),
	onPaid: z.boolean().optional().meta({
		description:
			'Loket takes this transition itself (as the system) when the dossier is fully paid while in one of its from states'
	})
});

export const workflow = z.strictObject({
	initial: stateId,
	states: z.array(workflowState).min(2),
	transitions: z.array(workflowTransition).min(1)
});

export type Workflow = z.infer<typeof workflow>;
export type WorkflowState = z.infer<typeof workflowState>;
export type WorkflowTransition = z.infer<typeof workflowTransition>;

export type Problem = { path: (string | number)[]; message: string };

function reachable(start: string[], edges: Map<string, Set<string>>): Set<string> {
	const seen = new Set(start);
	const queue = [...start];
	for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
		for (const next of edges.get(s) ?? []) {
			if (!seen.has(next)) {
				seen.add(next);
				queue.push(next);
			}
		}
	}
	return seen;
}

/** Structural problems of a workflow that a schema alone cannot express. */
export function findWorkflowProblems(wf: Workflow): Problem[] {
	const problems: Problem[] = [];
	const at = (...path: (string | number)[]) => ['workflow', ...path];
	const index = new Map<string, number>();
	wf.states.forEach((s, i) => {
		if (index.has(s.id)) {
			problems.push({ path: at('states', i, 'id'), message: `duplicate state "${s.id}"` });
		} else index.set(s.id, i);
		if (s.kind === 'final' && s.clock !== 'stop')
			problems.push({
				path: at('states', i, 'clock'),
				message: `final state "${s.id}" must stop the clock`
			});
		if (s.kind !== 'final' && s.clock === 'stop')
			problems.push({
				path: at('states', i, 'clock'),
				message: `only a final state may stop the clock ("${s.id}" is ${s.kind})`
			});
	});
	const initial = index.get(wf.initial);
	if (initial === undefined)
		problems.push({ path: at('initial'), message: `unknown state "${wf.initial}"` });
	else if (wf.states[initial].kind === 'final')
		problems.push({
			path: at('initial'),
			message: `the initial state "${wf.initial}" may not be final`
		});
	if (!wf.states.some((s) => s.kind === 'final'))
		problems.push({ path: at('states'), message: 'the workflow needs at least one final state' });

	const forward = new Map<string, Set<string>>();
	const backward = new Map<string, Set<string>>();
	const transitionIds = new Set<string>();
	wf.transitions.forEach((t, i) => {
		if (transitionIds.has(t.id))
			problems.push({
				path: at('transitions', i, 'id'),
				message: `duplicate transition "${t.id}"`
			});
		transitionIds.add(t.id);
		if (!index.has(t.to))
			problems.push({ path: at('transitions', i, 'to'), message: `unknown state "${t.to}"` });
		t.from.forEach((from, j) => {
			if (!index.has(from))
				problems.push({
					path: at('transitions', i, 'from', j),
					message: `unknown state "${from}"`
				});
			else if (from === t.to)
				problems.push({
					path: at('transitions', i, 'from', j),
					message: `transition "${t.id}" leads from "${from}" back to itself`
				});
			if (!forward.has(from)) forward.set(from, new Set());
			forward.get(from)?.add(t.to);
			if (!backward.has(t.to)) backward.set(t.to, new Set());
			backward.get(t.to)?.add(from);
		});
	});
	if (problems.length > 0) return problems;

	const fromInitial = reachable([wf.initial], forward);
	const toFinal = reachable(
		wf.states.filter((s) => s.kind === 'final').map((s) => s.id),
		backward
	);
	wf.states.forEach((s, i) => {
		if (!fromInitial.has(s.id))
			problems.push({
				path: at('states', i, 'id'),
				message: `state "${s.id}" cannot be reached from the initial state "${wf.initial}"`
			});
		if (s.kind !== 'final' && !toFinal.has(s.id))
			problems.push({
				path: at('states', i, 'id'),
				message: `state "${s.id}" has no path to a final state`
			});
		if (
			s.kind === 'waiting' &&
			!wf.transitions.some((t) => t.from.includes(s.id) && t.roles.includes('citizen'))
		)
			problems.push({
				path: at('states', i, 'kind'),
				message: `waiting state "${s.id}" needs a transition out of it that the citizen can take`
			});
	});
	return problems;
}

/**
 * The steps a dossier normally goes through, in the order staff take them, as a citizen would
 * read them on a product page: states reached from the initial state by transitions staff take,
 * leaving out waiting states and withdrawal (they are detours, not steps).
 */
export function listCitizenSteps(wf: Workflow): WorkflowState[] {
	const byId = new Map(wf.states.map((s) => [s.id, s]));
	const order: string[] = [wf.initial];
	const seen = new Set(order);
	for (let i = 0; i < order.length; i++) {
		for (const t of wf.transitions) {
			if (!t.from.includes(order[i]) || seen.has(t.to)) continue;
			if (!t.roles.some((r) => r !== 'citizen')) continue;
			const target = byId.get(t.to);
			if (!target || target.kind === 'waiting' || target.vlaamseCode === 'Stopgezet') continue;
			seen.add(t.to);
			order.push(t.to);
		}
	}
	const steps = order.map((id) => byId.get(id)).filter((s): s is WorkflowState => s !== undefined);
	// Open states first in path order, then the possible outcomes.
	return [...steps.filter((s) => s.kind !== 'final'), ...steps.filter((s) => s.kind === 'final')];
}

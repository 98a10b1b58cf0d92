// How a dossier moves through its workflow: which transitions a person may take from a state, what
// a transition does to the handling clock (it pauses while the municipality waits for the citizen,
// resumes when the citizen answers, and stops at a final state), and how the expected decision
// date moves by exactly the time the clock stood still. Pure: the server and the pages share it.
import { addCalendarDays, addWorkingDays, countWorkingDays, type IsoDate } from './calendar';
import type { Role, Workflow, WorkflowState, WorkflowTransition } from './workflow';

export type ClockChange = 'pause' | 'resume' | 'stop' | 'none';

export function findState(wf: Workflow, id: string): WorkflowState | undefined {
	return wf.states.find((s) => s.id === id);
}

/** The transitions out of `status` that someone with these roles may take, in definition order. */
export function listAllowedTransitions(
	wf: Workflow,
	status: string,
	roles: readonly Role[]
): WorkflowTransition[] {
	return wf.transitions.filter(
		(t) => t.from.includes(status) && t.roles.some((r) => roles.includes(r))
	);
}

/** What moving from one state to another does to the handling clock. */
export function clockChange(from: WorkflowState, to: WorkflowState): ClockChange {
	if (to.clock === 'stop') return 'stop';
	if (to.clock === 'pause') return from.clock === 'pause' ? 'none' : 'pause';
	return from.clock === 'pause' ? 'resume' : 'none';
}

/**
 * The due date after a pause from `pausedOn` to `resumedOn`: later by the calendar days (or, for a
 * handling time in working days, the working days) that passed. A pause within one day moves
 * nothing.
 */
export function resumeDueDate(
	dueDate: IsoDate,
	pausedOn: IsoDate,
	resumedOn: IsoDate,
	unit: 'calendar' | 'working'
): IsoDate {
	if (resumedOn <= pausedOn) return dueDate;
	if (unit === 'working') return addWorkingDays(dueDate, countWorkingDays(pausedOn, resumedOn));
	const days = Math.round((Date.parse(resumedOn) - Date.parse(pausedOn)) / 86_400_000);
	return addCalendarDays(dueDate, days);
}

/** The working days the clock stood still, from the day it paused to the day it ran again. */
export function countPausedDays(pausedOn: IsoDate, resumedOn: IsoDate): number {
	return Math.max(0, countWorkingDays(pausedOn, resumedOn));
}

/**
 * How long handling took, in working days: from the day of filing to the day it was decided, less
 * the working days the clock stood still. A dossier decided on the day it was filed took 0.
 */
export function countHandlingDays(
	filedOn: IsoDate,
	decidedOn: IsoDate,
	pausedDays: number
): number {
	return Math.max(0, countWorkingDays(filedOn, decidedOn) - pausedDays);
}

/**
 * Whether reaching this final state decides the dossier, so that its handling time counts: not when it
 * is stopped (withdrawn by the citizen, or ended without a decision).
 */
export function decidesDossier(state: WorkflowState): boolean {
	return state.kind === 'final' && state.vlaamseCode !== 'Stopgezet';
}

/**
 * The citizen's own ways forward from a state: answering (back to a state where the municipality
 * works on it) and withdrawing (to a final state).
 */
export function listCitizenActions(
	wf: Workflow,
	status: string
): { answer: WorkflowTransition | undefined; withdraw: WorkflowTransition[] } {
	const own = listAllowedTransitions(wf, status, ['citizen']);
	const isFinal = (t: WorkflowTransition) => findState(wf, t.to)?.kind === 'final';
	return { answer: own.find((t) => !isFinal(t)), withdraw: own.filter(isFinal) };
}

import { describe, expect, it } from 'vitest';
import { workflow as workflowSchema } from './workflow';
import {
	clockChange,
	countHandlingDays,
	countPausedDays,
	decidesDossier,
	findState,
	listAllowedTransitions,
	listCitizenActions,
	resumeDueDate
} from './progress';

const state = (
	id: string,
	kind: 'open' | 'waiting' | 'final',
	clock: 'run' | 'pause' | 'stop'
) => ({
	id,
	label: { nl: id },
	citizenText: { nl: id },
	kind,
	clock,
	vlaamseCode: 'InVerwerking' as const
});

const wf = workflowSchema.parse({
	initial: 'ingediend',
	states: [
		state('ingediend', 'open', 'run'),
		state('onvolledig', 'waiting', 'pause'),
		state('wacht_advies', 'waiting', 'pause'),
		state('goedgekeurd', 'final', 'stop'),
		state('ingetrokken', 'final', 'stop')
	],
	transitions: [
		{ id: 'vragen', from: ['ingediend'], to: 'onvolledig', label: { nl: 'v' }, roles: ['staff'] },
		{
			id: 'advies',
			from: ['onvolledig'],
			to: 'wacht_advies',
			label: { nl: 'a' },
			roles: ['staff']
		},
		{
			id: 'aanvullen',
			from: ['onvolledig'],
			to: 'ingediend',
			label: { nl: 'a' },
			roles: ['citizen']
		},
		{
			id: 'intrekken',
			from: ['ingediend', 'onvolledig'],
			to: 'ingetrokken',
			label: { nl: 'i' },
			roles: ['citizen']
		},
		{
			id: 'goedkeuren',
			from: ['ingediend'],
			to: 'goedgekeurd',
			label: { nl: 'g' },
			roles: ['staff', 'admin']
		}
	]
});
const s = (id: string) => findState(wf, id)!;

describe('listAllowedTransitions', () => {
	it('offers only the transitions out of the state that one of the roles may take', () => {
		expect(listAllowedTransitions(wf, 'ingediend', ['staff']).map((t) => t.id)).toEqual([
			'vragen',
			'goedkeuren'
		]);
		expect(listAllowedTransitions(wf, 'ingediend', ['admin']).map((t) => t.id)).toEqual([
			'goedkeuren'
		]);
		expect(listAllowedTransitions(wf, 'ingediend', ['clerk'])).toEqual([]);
		expect(listAllowedTransitions(wf, 'goedgekeurd', ['staff', 'citizen'])).toEqual([]);
	});
});

describe('clockChange', () => {
	it('pauses on entering a waiting state, resumes on leaving it, stops at a final state', () => {
		expect(clockChange(s('ingediend'), s('onvolledig'))).toBe('pause');
		expect(clockChange(s('onvolledig'), s('wacht_advies'))).toBe('none');
		expect(clockChange(s('onvolledig'), s('ingediend'))).toBe('resume');
		expect(clockChange(s('onvolledig'), s('ingetrokken'))).toBe('stop');
		expect(clockChange(s('ingediend'), s('ingediend'))).toBe('none');
	});
});

describe('resumeDueDate', () => {
	it('moves a calendar-day due date by the days the clock stood still', () => {
		expect(resumeDueDate('2026-12-10', '2026-11-30', '2026-12-04', 'calendar')).toBe('2026-12-14');
	});
	it('moves a working-day due date by the working days of the pause, skipping holidays', () => {
		// Paused Wed 23 Dec, resumed Mon 28 Dec: 24 Dec (Thu) counts, 25 Dec is Christmas, then
		// the weekend, then Mon 28 Dec: two working days.
		expect(resumeDueDate('2027-01-05', '2026-12-23', '2026-12-28', 'working')).toBe('2027-01-07');
	});
	it('moves nothing for a pause within one day', () => {
		expect(resumeDueDate('2026-12-10', '2026-12-01', '2026-12-01', 'calendar')).toBe('2026-12-10');
		expect(resumeDueDate('2026-12-10', '2026-12-01', '2026-12-01', 'working')).toBe('2026-12-10');
	});
});

describe('listCitizenActions', () => {
	it('separates answering from withdrawing', () => {
		const waiting = listCitizenActions(wf, 'onvolledig');
		expect(waiting.answer?.id).toBe('aanvullen');
		expect(waiting.withdraw.map((t) => t.id)).toEqual(['intrekken']);
		const open = listCitizenActions(wf, 'ingediend');
		expect(open.answer).toBeUndefined();
		expect(open.withdraw.map((t) => t.id)).toEqual(['intrekken']);
		expect(listCitizenActions(wf, 'goedgekeurd')).toEqual({ answer: undefined, withdraw: [] });
	});
});

describe('how long handling took', () => {
	it('counts the working days paused, none for a pause within a day', () => {
		// Paused Wed 23 Dec, resumed Mon 28 Dec: Thursday 24 and Monday 28 (Christmas, the weekend).
		expect(countPausedDays('2026-12-23', '2026-12-28')).toBe(2);
		expect(countPausedDays('2026-12-23', '2026-12-23')).toBe(0);
	});
	it('counts working days from filing to decision, less the pauses, never below 0', () => {
		expect(countHandlingDays('2026-11-30', '2026-12-08', 0)).toBe(6);
		expect(countHandlingDays('2026-11-30', '2026-12-08', 3)).toBe(3);
		expect(countHandlingDays('2026-11-30', '2026-11-30', 0)).toBe(0);
		expect(countHandlingDays('2026-11-30', '2026-12-01', 5)).toBe(0);
	});
	it('a stopped dossier was not decided', () => {
		expect(decidesDossier(state('klaar', 'final', 'stop'))).toBe(true);
		expect(decidesDossier({ ...state('weg', 'final', 'stop'), vlaamseCode: 'Stopgezet' })).toBe(
			false
		);
		expect(decidesDossier(state('bezig', 'open', 'run'))).toBe(false);
	});
});

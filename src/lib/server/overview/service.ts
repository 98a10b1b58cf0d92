// The overview for team leads: per process, over a period, how many dossiers came in (per week),
// how many are open, waiting for the citizen and overdue now, and how long the decided ones took
// (median and 90th percentile in working days, the clock's pauses left out) against the handling
// time the process promises. The page draws it as SVG charts beside data tables; the same
// figures are offered as CSV. Every figure comes from an index or the running tally.
import * as departments from '../departments/service';
import { addCalendarDays, toIsoDate, type HandlingTime, type IsoDate } from '$lib/process/calendar';
import { asLocalText, type LocalText } from '$lib/process/text';
import * as inboxRepo from '../inbox/repository';
import { csvCell } from '../inbox/service';
import { getDb, type Db } from '../db';
import * as repo from './repository';

const TIME_ZONE = repo.TALLY_TIME_ZONE;
/** The longest period one overview covers. */
export const MAX_DAYS = 731;
export const PRESET_WEEKS = [4, 12, 26, 52] as const;

export type OverviewRow = {
	processId: string;
	title: LocalText | null;
	norm: HandlingTime | null;
	inflow: number;
	open: number;
	waiting: number;
	overdue: number;
	decided: number;
	median: number | null;
	p90: number | null;
};

export type PeriodProblem = 'from-invalid' | 'to-invalid' | 'order' | 'too-long';

export type Overview = {
	/** The period shown, as inclusive local dates. */
	from: IsoDate;
	to: IsoDate;
	processId: string | null;
	/** The department whose processes are shown (null: all the user's); the user's departments. */
	departmentId: string | null;
	departments: { id: string; name: string }[];
	/** What was typed, kept when it was refused (then the default period is shown). */
	typed: { from: string; to: string };
	problems: { from?: PeriodProblem; to?: PeriodProblem };
	presets: { weeks: number; from: IsoDate; to: IsoDate; current: boolean }[];
	processes: { id: string; title: LocalText | null }[];
	/** Filed per week (Monday), for the chosen process or all, every week of the period. */
	weeks: { week: IsoDate; count: number }[];
	rows: OverviewRow[];
	totals: Pick<OverviewRow, 'inflow' | 'open' | 'waiting' | 'overdue' | 'decided'>;
};

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) =>
	ISO.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && toUtc(s) === s;
const toUtc = (s: string) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10);
const mondayOf = (d: IsoDate) =>
	addCalendarDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
const daysBetween = (a: IsoDate, b: IsoDate) =>
	Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
/** The default period: the last `weeks` weeks, from a Monday up to and including today. */
function preset(today: IsoDate, weeks: number) {
	return { from: addCalendarDays(mondayOf(today), -7 * (weeks - 1)), to: today };
}

export function parsePeriod(params: URLSearchParams, today: IsoDate) {
	const typed = { from: params.get('from')?.trim() ?? '', to: params.get('to')?.trim() ?? '' };
	const problems: Overview['problems'] = {};
	if (typed.from && !validDate(typed.from)) problems.from = 'from-invalid';
	if (typed.to && !validDate(typed.to)) problems.to = 'to-invalid';
	const fallback = preset(today, 12);
	let from = typed.from && !problems.from ? typed.from : fallback.from;
	let to = typed.to && !problems.to ? typed.to : typed.from && !problems.from ? today : fallback.to;
	if (!problems.from && !problems.to) {
		if (from > to) problems.to = 'order';
		else if (daysBetween(from, to) >= MAX_DAYS) problems.to = 'too-long';
	}
	if (problems.from || problems.to) ({ from, to } = fallback);
	return { from, to, typed, problems };
}

function stateKinds(states: unknown): Map<string, string> {
	const kinds = new Map<string, string>();
	if (Array.isArray(states))
		for (const s of states as { id?: unknown; kind?: unknown }[])
			if (typeof s?.id === 'string' && typeof s.kind === 'string') kinds.set(s.id, s.kind);
	return kinds;
}

function asHandlingTime(v: unknown): HandlingTime | null {
	const h = v as { days?: unknown; unit?: unknown } | null;
	return h && typeof h.days === 'number' && (h.unit === 'working' || h.unit === 'calendar')
		? { days: h.days, unit: h.unit }
		: null;
}

/**
 * Per process: how many were decided, and the median and 90th percentile of the working days they
 * took, as PostgreSQL's percentile_disc gives them (the first value whose cumulative share reaches
 * the fraction), from counts per number of days in ascending order.
 */
export function summariseHandling(counts: readonly repo.HandlingCount[]) {
	const byProcess = new Map<string, { days: number; count: number }[]>();
	for (const c of counts) {
		const list = byProcess.get(c.processId) ?? [];
		list.push(c);
		byProcess.set(c.processId, list);
	}
	return [...byProcess].map(([processId, list]) => {
		list.sort((a, b) => a.days - b.days);
		const decided = list.reduce((n, c) => n + c.count, 0);
		const percentile = (p: number) => {
			const rank = Math.max(1, Math.ceil(p * decided));
			let seen = 0;
			for (const c of list) if ((seen += c.count) >= rank) return c.days;
			return null;
		};
		return { processId, decided, median: percentile(0.5), p90: percentile(0.9) };
	});
}

/**
 * The overview of the processes in `visible` (those the user's departments handle; all when
 * undefined), over the period the query asks for.
 */
export async function getOverview(
	params: URLSearchParams,
	db: Db = getDb(),
	now: Date = new Date(),
	visible?: readonly string[]
): Promise<Overview> {
	const today = toIsoDate(now, TIME_ZONE);
	const period = parsePeriod(params, today);
	// Published and retired versions; a process that is only a draft has nothing to show.
	const versions = (await inboxRepo.listVersionLabels(db)).filter((v) => v.status !== 'draft');
	// Versions come newest first: the first one seen names the process and its handling time.
	const processes = new Map<string, { title: LocalText | null; norm: HandlingTime | null }>();
	const kinds = new Map<string, Map<string, string>>();
	for (const v of versions) {
		if (visible && !visible.includes(v.processId)) continue;
		if (!processes.has(v.processId))
			processes.set(v.processId, {
				title: asLocalText(v.title),
				norm: asHandlingTime(v.handlingTime)
			});
		kinds.set(`${v.processId}@${v.version}`, stateKinds(v.states));
	}
	const wanted = params.get('process') ?? '';
	const processId = processes.has(wanted) ? wanted : null;
	const ids = processId ? [processId] : [...processes.keys()];
	const end = addCalendarDays(period.to, 1);

	const [inflow, handling, overdue, open] = await Promise.all([
		repo.countInflowByWeek(db, ids, period.from, end),
		repo.countHandlingDays(db, ids, period.from, end),
		repo.countOverdue(db, today),
		repo.countOpenByState(db)
	]);

	const rows = new Map<string, OverviewRow>(
		ids.map((id) => [
			id,
			{
				processId: id,
				...processes.get(id)!,
				inflow: 0,
				open: 0,
				waiting: 0,
				overdue: 0,
				decided: 0,
				median: null,
				p90: null
			}
		])
	);
	const weekly = new Map<string, number>();
	for (const w of inflow) {
		const row = rows.get(w.processId);
		if (row) row.inflow += w.count;
		weekly.set(w.week, (weekly.get(w.week) ?? 0) + w.count);
	}
	for (const h of summariseHandling(handling)) Object.assign(rows.get(h.processId) ?? {}, h);
	for (const o of overdue) {
		const row = rows.get(o.processId);
		if (row) row.overdue = o.count;
	}
	for (const o of open) {
		const row = rows.get(o.processId);
		if (!row) continue;
		row.open += o.count;
		if (kinds.get(`${o.processId}@${o.processVersion}`)?.get(o.status) === 'waiting')
			row.waiting += o.count;
	}

	const weeks: Overview['weeks'] = [];
	for (let w = mondayOf(period.from); w <= period.to; w = addCalendarDays(w, 7))
		weeks.push({ week: w, count: weekly.get(w) ?? 0 });

	const list = [...rows.values()].sort(
		(a, b) => b.inflow + b.open - (a.inflow + a.open) || a.processId.localeCompare(b.processId)
	);
	const sum = (k: keyof Overview['totals']) => list.reduce((n, r) => n + r[k], 0);
	return {
		from: period.from,
		to: period.to,
		processId,
		departmentId: null,
		departments: [],
		typed: period.typed,
		problems: period.problems,
		presets: PRESET_WEEKS.map((weeks) => {
			const p = preset(today, weeks);
			return { weeks, ...p, current: p.from === period.from && p.to === period.to };
		}),
		processes: [...processes.entries()].map(([id, p]) => ({ id, title: p.title })),
		weeks,
		rows: list,
		totals: {
			inflow: sum('inflow'),
			open: sum('open'),
			waiting: sum('waiting'),
			overdue: sum('overdue'),
			decided: sum('decided')
		}
	};
}

/**
 * The overview a member of staff sees: the processes their departments handle, or those of one of
 * their departments (`department`). A dossier counts with its process: one handed over to another
 * department still counts where its process belongs.
 */
export async function getOverviewFor(
	userId: string,
	params: URLSearchParams,
	db: Db = getDb(),
	now: Date = new Date()
): Promise<Overview> {
	const scope = await departments.scopeFor(userId, db);
	const mine = (await departments.list(db)).filter((d) => scope.departmentIds.includes(d.id));
	const wanted = params.get('department') ?? '';
	const chosen = mine.find((d) => d.id === wanted) ?? null;
	const visible = chosen
		? (await departments.processIdsOf(chosen.id, db)).filter((p) => scope.processIds.includes(p))
		: scope.processIds;
	const overview = await getOverview(params, db, now, visible);
	return {
		...overview,
		departmentId: chosen ? chosen.id : null,
		departments: mine.map((d) => ({ id: d.id, name: d.name }))
	};
}

/** The overview's table as CSV (semicolons and a byte order mark, as the inbox's export). */
export function overviewCsv(
	o: Overview,
	title: (t: LocalText | null, id: string) => string
): string {
	const n = (v: number | null) => (v === null ? '' : String(v));
	const header = [
		'process',
		'title',
		'from',
		'to',
		'inflow',
		'open',
		'waiting_for_citizen',
		'overdue',
		'decided',
		'median_working_days',
		'p90_working_days',
		'norm_days',
		'norm_unit'
	];
	const lines = [
		header.join(';'),
		...o.rows.map((r) =>
			[
				csvCell(r.processId),
				csvCell(title(r.title, r.processId)),
				o.from,
				o.to,
				...[r.inflow, r.open, r.waiting, r.overdue, r.decided, r.median, r.p90].map(n),
				n(r.norm?.days ?? null),
				r.norm?.unit ?? ''
			].join(';')
		)
	];
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

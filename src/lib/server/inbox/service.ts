// The staff inbox: the dossiers of the user's departments (departments/service.ts), filtered by what the URL says (process, state, assignee, due
// dates, received dates, full-text search), sorted on received or due date and read in keyset
// pages (never OFFSET: a page boundary is the last row's sort key and id, so pages neither skip
// nor repeat rows). Also the counts per state, saved filters (only their owner sees or deletes
// them) and the CSV export, streamed page by page and safe to open in a spreadsheet; for the inbox
// page, with what asks for the user's attention and the steps its bulk form offers.
import { m } from '$lib/i18n';
import { asLocalText, localize, type Locale, type LocalText } from '$lib/process/text';
import { addCalendarDays, toIsoDate, toLocalDateTime } from '$lib/process/calendar';
import { isUuid } from '$lib/uuid';
import type { SessionUser } from '../auth/repository';
import { getDb, type Db } from '../db';
import * as departments from '../departments/service';
import * as digest from '../digest/service';
import * as bulk from '../dossiers/bulk';
import * as processes from '../processes/service';
import type { StaffScope } from '../departments/repository';
import * as departmentRepo from '../departments/repository';
import * as repo from './repository';
import { csvCell } from '../csv';
import * as accessLog from '../access-log/service';

export const INBOX_PAGE_SIZE = 50;
export const EXPORT_PAGE_SIZE = 500;
export const SAVED_FILTER_NAME_MAX = 100;
/** Above this many matching dossiers, a filter the tally cannot answer is not counted per state. */
export const COUNT_LIMIT = 10_000;
/**
 * The same for a full-text search: its matches lie spread over the whole table, one page read per
 * match, so a broad word (a common surname) would cost a read of thousands of pages to count.
 */
export const SEARCH_COUNT_LIMIT = 1_000;
const TIME_ZONE = 'Europe/Brussels';

export type InboxFilter = {
	process: string;
	state: string;
	/** 'mine', 'unassigned', a staff user id, or '' for everyone. */
	assignee: string;
	/** Only dossiers not closed yet. */
	open: boolean;
	overdue: boolean;
	week: boolean;
	from: string;
	to: string;
	q: string;
	sort: 'received' | 'due';
	dir: 'asc' | 'desc';
};

export type InboxItem = {
	id: string;
	reference: string;
	/** The dossier's version as listed: a bulk action checks it, as the dossier page does. */
	version: number;
	processId: string;
	processVersion: number;
	processTitle: LocalText | null;
	status: string;
	stateLabel: LocalText | null;
	applicantName: string;
	applicantEmail: string | null;
	assignee: string | null;
	submittedAt: Date;
	dueDate: string | null;
	overdue: boolean;
	paused: boolean;
	/** News from the citizen since the assignee last opened it. */
	news: boolean;
};

export type StateCount = { state: string; label: LocalText | null; count: number; query: string };
export type Option = { value: string; label: LocalText | string };

export type InboxView = {
	filter: InboxFilter;
	/** The filter as a query string, without page position. */
	query: string;
	items: InboxItem[];
	/** The query string of the next page, or null on the last page. */
	next: string | null;
	firstPage: boolean;
	counts: StateCount[];
	/** The limit, when more dossiers than that match to count them per state (counts are empty). */
	countsOver: number | null;
	processes: Option[];
	states: Option[];
	/** How many departments the user works in (none: the inbox is empty, and says why). */
	departments: number;
	staff: Option[];
	savedFilters: { id: string; name: string; query: string }[];
	/** Ready-made views of what needs attention first; `current` when the filter is exactly it. */
	quickViews: QuickView[];
	/** The sortable columns: the order now (null when sorted by the other) and the query to flip it. */
	sorts: SortLink[];
};

export type SortLink = {
	by: InboxFilter['sort'];
	current: InboxFilter['dir'] | null;
	query: string;
};

/** A column header's link: the other way round when it sorts now, else its natural order. */
function sortLinks(f: InboxFilter): SortLink[] {
	return (['received', 'due'] as const).map((by) => {
		const current = f.sort === by ? f.dir : null;
		const dir = current ? (current === 'desc' ? 'asc' : 'desc') : by === 'due' ? 'asc' : 'desc';
		return { by, current, query: filterToQuery({ ...f, sort: by, dir }) };
	});
}

export type QuickView = {
	id: 'overdue' | 'week' | 'mine' | 'unassigned';
	query: string;
	current: boolean;
};

/** Overdue and due this week, most urgent first; my dossiers and nobody's, open ones by due date. */
function quickViews(current: string): QuickView[] {
	const urgent = { ...parseFilter(new URLSearchParams()), sort: 'due', dir: 'asc' } as const;
	const views: [QuickView['id'], InboxFilter][] = [
		['overdue', { ...urgent, overdue: true }],
		['week', { ...urgent, week: true }],
		['mine', { ...urgent, open: true, assignee: 'mine' }],
		['unassigned', { ...urgent, open: true, assignee: 'unassigned' }]
	];
	return views.map(([id, f]) => {
		const query = filterToQuery(f);
		return { id, query, current: query === current };
	});
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function isDate(value: string): boolean {
	return DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** Reads the filter from a query string; anything unknown or malformed is ignored. */
export function parseFilter(params: URLSearchParams): InboxFilter {
	const text = (name: string, max = 200) => (params.get(name) ?? '').trim().slice(0, max);
	const assignee = text('assignee');
	const from = text('from');
	const to = text('to');
	return {
		process: text('process'),
		state: text('state'),
		assignee: assignee === 'mine' || assignee === 'unassigned' || isUuid(assignee) ? assignee : '',
		open: params.get('open') === '1',
		overdue: params.get('overdue') === '1',
		week: params.get('week') === '1',
		from: isDate(from) ? from : '',
		to: isDate(to) ? to : '',
		q: text('q'),
		sort: params.get('sort') === 'due' ? 'due' : 'received',
		dir: params.get('dir') === 'asc' ? 'asc' : 'desc'
	};
}

/** The filter as a canonical query string (only what differs from the defaults). */
export function filterToQuery(f: InboxFilter, extra: Record<string, string> = {}): string {
	const p = new URLSearchParams();
	for (const key of ['q', 'process', 'state', 'assignee', 'from', 'to'] as const)
		if (f[key]) p.set(key, f[key]);
	if (f.open) p.set('open', '1');
	if (f.overdue) p.set('overdue', '1');
	if (f.week) p.set('week', '1');
	if (f.sort !== 'received') p.set('sort', f.sort);
	if (f.dir !== 'desc') p.set('dir', f.dir);
	for (const [k, v] of Object.entries(extra)) p.set(k, v);
	return p.toString();
}

function parseCursor(params: URLSearchParams, sort: InboxFilter['sort']): repo.InboxCursor | null {
	const after = params.get('after') ?? '';
	const cut = after.lastIndexOf('_');
	if (cut < 0) return null;
	const key = after.slice(0, cut);
	const id = after.slice(cut + 1);
	const keyOk = sort === 'received' ? TIMESTAMP.test(key) : isDate(key);
	return keyOk && isUuid(id) ? { key, id } : null;
}

function toQuery(f: InboxFilter, userId: string, now: Date, scope?: StaffScope): repo.InboxQuery {
	const today = toIsoDate(now, TIME_ZONE);
	// "Due this week": from today up to and including Sunday (earlier ones are overdue).
	const sunday = addCalendarDays(today, (7 - new Date(`${today}T00:00:00Z`).getUTCDay()) % 7);
	return {
		processId: f.process || undefined,
		status: f.state || undefined,
		assigneeId:
			f.assignee === 'mine' ? userId : f.assignee === 'unassigned' ? null : f.assignee || undefined,
		open: f.open,
		overdue: f.overdue,
		dueFrom: f.week ? today : undefined,
		dueTo: f.week ? sunday : undefined,
		receivedFrom: f.from || undefined,
		receivedTo: f.to || undefined,
		q: f.q || undefined,
		scope,
		today,
		timeZone: TIME_ZONE
	};
}

type Labels = {
	title: (processId: string, version: number) => LocalText | null;
	state: (processId: string, version: number, status: string) => LocalText | null;
	processes: Option[];
	/**
	 * The states of these processes (their newest versions), each once. Processes may give the
	 * same state id their own label: then the option names them all ("Ontvangen / Nieuw"), never
	 * just the first process's.
	 */
	statesOf: (processIds: readonly string[]) => Option[];
};

/** Labels of one state in several processes, as one text: each distinct one once, in order. */
function joinLabels(labels: LocalText[]): LocalText {
	const distinct = labels
		.filter((l, i) => labels.findIndex((o) => o.nl === l.nl) === i)
		.sort((a, b) => a.nl.localeCompare(b.nl, 'nl'));
	if (distinct.length === 1) return distinct[0];
	return {
		nl: distinct.map((l) => l.nl).join(' / '),
		en: distinct.map((l) => l.en ?? l.nl).join(' / '),
		...(distinct.some((l) => l.fr) ? { fr: distinct.map((l) => l.fr ?? l.nl).join(' / ') } : {})
	};
}

/**
 * Titles and state labels per definition version; options from the newest version of each. The
 * names of processes and states, from the versions dossiers can be on (not drafts): kept in
 * memory with the catalogue (processes/catalogue-cache.ts), which drops them when a version is
 * published, retired or removed, instead of reading every version's title and states on each
 * inbox page (issue 21).
 */
function loadLabels(db: Db): Promise<Labels> {
	return processes.fromCatalogue('inbox-labels', () => readLabels(db), {}, db);
}

async function readLabels(db: Db): Promise<Labels> {
	const versions = (await repo.listVersionLabels(db)).filter((v) => v.status !== 'draft');
	const byVersion = new Map<string, { title: LocalText | null; states: Map<string, LocalText> }>();
	const processes = new Map<string, Option>();
	const newestStates = new Map<string, Map<string, LocalText>>();
	for (const v of versions) {
		const stateMap = new Map<string, LocalText>();
		if (Array.isArray(v.states))
			for (const s of v.states as unknown[]) {
				const id = (s as { id?: unknown } | null)?.id;
				const label = asLocalText((s as { label?: unknown } | null)?.label);
				if (typeof id === 'string' && label) stateMap.set(id, label);
			}
		const title = asLocalText(v.title);
		byVersion.set(`${v.processId}@${v.version}`, { title, states: stateMap });
		// Versions come newest first: the first one seen names the process and its states.
		if (!processes.has(v.processId)) {
			processes.set(v.processId, { value: v.processId, label: title ?? v.processId });
			newestStates.set(v.processId, stateMap);
		}
	}
	return {
		title: (p, v) => byVersion.get(`${p}@${v}`)?.title ?? null,
		state: (p, v, s) => byVersion.get(`${p}@${v}`)?.states.get(s) ?? null,
		processes: [...processes.values()],
		statesOf: (processIds) => {
			const byId = new Map<string, LocalText[]>();
			for (const p of processIds)
				for (const [id, label] of newestStates.get(p) ?? [])
					byId.set(id, [...(byId.get(id) ?? []), label]);
			return [...byId].map(([id, l]) => ({ value: id, label: joinLabels(l) }));
		}
	};
}

function toItem(r: repo.InboxRow, labels: Labels, today: string): InboxItem {
	return {
		id: r.id,
		reference: r.reference,
		version: r.version,
		processId: r.processId,
		processVersion: r.processVersion,
		processTitle: labels.title(r.processId, r.processVersion),
		status: r.status,
		stateLabel: labels.state(r.processId, r.processVersion, r.status),
		applicantName: r.applicantName,
		applicantEmail: r.applicantEmail,
		assignee: r.assigneeName || r.assigneeEmail,
		submittedAt: r.submittedAt,
		dueDate: r.dueDate,
		overdue: r.closedAt === null && r.dueDate !== null && r.dueDate < today,
		paused: r.clockPausedAt !== null,
		news: r.news
	};
}

/**
 * Counts per state: from the running tally when the filter is only process, assignee and open
 * (the first page and most views, at any size); otherwise by counting the matches, up to a limit.
 */
async function countStates(
	db: Db,
	query: repo.InboxQuery
): Promise<{ counts: repo.StatusCount[] | null; limit: number }> {
	const { processId, assigneeId, open, scope, ...rest } = query;
	const tallied =
		!rest.overdue &&
		!rest.dueFrom &&
		!rest.dueTo &&
		!rest.receivedFrom &&
		!rest.receivedTo &&
		!rest.q;
	if (tallied)
		return {
			counts: await repo.countByStatusFromTally(db, { processId, assigneeId, open, scope }),
			limit: 0
		};
	const limit = rest.q ? SEARCH_COUNT_LIMIT : COUNT_LIMIT;
	return { counts: await repo.countByStatus(db, query, limit), limit };
}

/** One page of the inbox for a staff member, with everything the page around it shows. */
export async function getInbox(
	userId: string,
	params: URLSearchParams,
	db: Db = getDb(),
	now = new Date()
): Promise<InboxView> {
	const filter = parseFilter(params);
	const scope = await departments.scopeFor(userId, db);
	const query = toQuery(filter, userId, now, scope);
	const cursor = parseCursor(params, filter.sort);
	const sort = { by: filter.sort, dir: filter.dir } as const;
	const [labels, rows, { counts, limit }, staff, saved] = await Promise.all([
		loadLabels(db),
		repo.listInbox(db, query, sort, cursor, INBOX_PAGE_SIZE + 1),
		countStates(db, query),
		departmentRepo.listMembersOf(db, scope.departmentIds),
		repo.listSavedFilters(db, userId)
	]);
	const page = rows.slice(0, INBOX_PAGE_SIZE);
	const last = page.at(-1);
	const canonical = filterToQuery(filter);
	// The states of the chosen process, or of every process the user works on.
	const states = labels.statesOf(
		filter.process && scope.processIds.includes(filter.process)
			? [filter.process]
			: scope.processIds
	);
	return {
		filter,
		query: canonical,
		quickViews: quickViews(canonical),
		sorts: sortLinks(filter),
		items: page.map((r) => toItem(r, labels, query.today)),
		next:
			rows.length > INBOX_PAGE_SIZE && last
				? filterToQuery(filter, { after: `${last.sortKey}_${last.id}` })
				: null,
		firstPage: cursor === null,
		countsOver: counts === null ? limit : null,
		counts: (counts ?? []).map((c) => ({
			state: c.status,
			label: (states.find((s) => s.value === c.status)?.label ?? null) as LocalText | null,
			count: c.count,
			query: filterToQuery({ ...filter, state: c.status })
		})),
		processes: labels.processes.filter((p) => scope.processIds.includes(p.value)),
		states,
		departments: scope.departmentIds.length,
		staff: staff.map((s) => ({ value: s.id, label: s.name || s.email })),
		savedFilters: saved.map((s) => ({ id: s.id, name: s.name, query: s.query }))
	};
}

/**
 * The inbox as a staff member works from it: the page of dossiers, what asks for their attention
 * among their own dossiers (the same as their daily e-mail) and the workflow steps the bulk form
 * offers for the dossiers shown.
 */
export async function getStaffInbox(
	user: Pick<SessionUser, 'id' | 'roles'>,
	params: URLSearchParams,
	db: Db = getDb(),
	now = new Date()
) {
	const [view, alerts] = await Promise.all([
		getInbox(user.id, params, db, now),
		digest.alertsFor(user.id, db, now)
	]);
	return { ...view, alerts, bulkSteps: await bulk.transitionsFor(view.items, user.roles, db) };
}

export type DossierPageRow = InboxItem & {
	processVersion: number;
	assigneeId: string | null;
	closedAt: Date | null;
};

/**
 * One keyset page of dossiers for another system (the API): the inbox's filters and order, limited
 * to some processes if the caller may see only those; `next` is the `after` of the next page.
 */
export async function listDossierPage(
	params: URLSearchParams,
	options: { processIds: readonly string[] | null; limit: number },
	db: Db = getDb(),
	now = new Date()
): Promise<{ rows: DossierPageRow[]; next: string | null }> {
	const filter = parseFilter(params);
	const query = { ...toQuery(filter, '', now), processIds: options.processIds ?? undefined };
	const cursor = parseCursor(params, filter.sort);
	const sort = { by: filter.sort, dir: filter.dir } as const;
	const [labels, rows] = await Promise.all([
		loadLabels(db),
		repo.listInbox(db, query, sort, cursor, options.limit + 1)
	]);
	const page = rows.slice(0, options.limit);
	const last = page.at(-1);
	return {
		rows: page.map((r) => ({
			...toItem(r, labels, query.today),
			processVersion: r.processVersion,
			assigneeId: r.assigneeId,
			closedAt: r.closedAt
		})),
		next: rows.length > options.limit && last ? `${last.sortKey}_${last.id}` : null
	};
}

export type SaveFilterResult =
	{ ok: true; id: string } | { ok: false; reason: 'name-required' | 'name-too-long' };

/** Saves the filter part of a query string under a name, for this user only. */
export async function saveFilter(
	userId: string,
	input: { name: string; query: string },
	db: Db = getDb()
): Promise<SaveFilterResult> {
	const name = input.name.trim();
	if (!name) return { ok: false, reason: 'name-required' };
	if (name.length > SAVED_FILTER_NAME_MAX) return { ok: false, reason: 'name-too-long' };
	const query = filterToQuery(parseFilter(new URLSearchParams(input.query.replace(/^\?/, ''))));
	const row = await repo.insertSavedFilter(db, { userId, name, query });
	return { ok: true, id: row.id };
}

export async function listSavedFilters(userId: string, db: Db = getDb()) {
	return (await repo.listSavedFilters(db, userId)).map((s) => ({
		id: s.id,
		name: s.name,
		query: s.query
	}));
}

/** Deletes a saved filter of this user; false when there is none (or it is someone else's). */
export async function deleteSavedFilter(
	userId: string,
	id: string,
	db: Db = getDb()
): Promise<boolean> {
	if (!isUuid(id)) return false;
	return repo.deleteSavedFilter(db, userId, id);
}

export { csvCell };

function csvLine(cells: string[]): string {
	return cells.map(csvCell).join(';') + '\r\n';
}

/**
 * The filtered inbox as CSV (UTF-8 with a byte order mark, `;`-separated as Excel in Belgium
 * expects), read in keyset pages while it is sent so a large export never sits in memory. With
 * `id` parameters, only those dossiers (the ones chosen in the inbox), still within the filter
 * and the user's departments. Every dossier in it is in the access log (one insert per page read).
 */
export function exportCsv(
	user: { id: string; name: string; email: string },
	params: URLSearchParams,
	locale: Locale,
	db: Db = getDb(),
	now = new Date(),
	pageSize = EXPORT_PAGE_SIZE
): ReadableStream<Uint8Array> {
	const filter = parseFilter(params);
	const sort = { by: filter.sort, dir: filter.dir } as const;
	const encoder = new TextEncoder();
	const o = { locale };
	let labels: Labels | undefined;
	let query: repo.InboxQuery | undefined;
	let cursor: repo.InboxCursor | null = null;
	let done = false;
	return new ReadableStream<Uint8Array>({
		async start(controller) {
			labels = await loadLabels(db);
			const ids = params.getAll('id').filter(isUuid);
			query = {
				...toQuery(filter, user.id, now, await departments.scopeFor(user.id, db)),
				...(params.has('id') ? { ids } : {})
			};
			controller.enqueue(
				encoder.encode(
					'\uFEFF' +
						csvLine([
							m.inboxColReference({}, o),
							m.inboxColProcess({}, o),
							m.inboxColApplicant({}, o),
							m.inboxColEmail({}, o),
							m.inboxColState({}, o),
							m.inboxColAssignee({}, o),
							m.inboxColReceived({}, o),
							m.inboxColDue({}, o),
							m.inboxOverdue({}, o),
							m.inboxPaused({}, o)
						])
				)
			);
		},
		async pull(controller) {
			if (done || !labels || !query) return;
			const rows = await repo.listInbox(db, query, sort, cursor, pageSize);
			// On record before the rows leave: one insert for the page's dossiers.
			await accessLog.record(
				accessLog.staffReader(user),
				{ what: 'list', dossierIds: rows.map((r) => r.id) },
				db,
				now
			);
			const l = labels;
			const today = query.today;
			const text = rows
				.map((r) => {
					const item = toItem(r, l, today);
					return csvLine([
						item.reference,
						item.processTitle ? localize(item.processTitle, locale) : item.processId,
						item.applicantName,
						item.applicantEmail ?? '',
						item.stateLabel ? localize(item.stateLabel, locale) : item.status,
						item.assignee ?? '',
						toLocalDateTime(item.submittedAt, TIME_ZONE),
						item.dueDate ?? '',
						item.overdue ? m.inboxYes({}, o) : '',
						item.paused ? m.inboxYes({}, o) : ''
					]);
				})
				.join('');
			if (text) controller.enqueue(encoder.encode(text));
			const last = rows.at(-1);
			if (rows.length < pageSize || !last) {
				done = true;
				controller.close();
			} else cursor = { key: last.sortKey, id: last.id };
		}
	});
}

// Kysely queries for the staff inbox: filtered dossiers in keyset pages, counts per state, the
// choices of the filter form and saved filters. No rules here: see service.ts.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database, ProcessVersionStatus, SavedFilter } from '../db/schema';

import type { Executor } from '../db/executor';
import { tallyVisibleIn, visibleIn, type StaffScope } from '../departments/repository';
type Eb = ExpressionBuilder<Database & { d: Database['dossier'] }, 'd'>;

/** Filters as the query sees them: already validated, dates as 'YYYY-MM-DD'. */
export type InboxQuery = {
	processId?: string;
	/** Only these processes (an API token limited to some); undefined: every process. */
	processIds?: readonly string[];
	/** Only what a member of staff's departments handle; undefined: every dossier (the API). */
	scope?: StaffScope;
	status?: string;
	/** A user id, or null for "unassigned". */
	assigneeId?: string | null;
	/** Only dossiers not closed yet. */
	open?: boolean;
	overdue?: boolean;
	dueFrom?: string;
	dueTo?: string;
	receivedFrom?: string;
	receivedTo?: string;
	q?: string;
	/** Only these dossiers (the ones chosen for an export). */
	ids?: readonly string[];
	/** Today in the municipality's time zone, for "overdue". */
	today: string;
	timeZone: string;
};

export type InboxSort = { by: 'received' | 'due'; dir: 'asc' | 'desc' };
/** The sort key (as text) and id of the last row of the previous page. */
export type InboxCursor = { key: string; id: string };

export type InboxRow = {
	id: string;
	reference: string;
	version: number;
	processId: string;
	processVersion: number;
	status: string;
	applicantName: string;
	applicantEmail: string | null;
	assigneeId: string | null;
	assigneeName: string | null;
	assigneeEmail: string | null;
	submittedAt: Date;
	dueDate: string | null;
	closedAt: Date | null;
	clockPausedAt: Date | null;
	/** A message from the citizen newer than the assignee's last look at the dossier. */
	news: boolean;
	sortKey: string;
};

/**
 * The words typed, as written and stemmed, accents and apostrophes ignored; the search column is
 * made the same way (migration dutch_search). Either reading of the words may match.
 */
function searchQuery(q: string) {
	const words = q.replace(/['’‘]/g, '');
	return sql`(websearch_to_tsquery('loket_simple', ${words}) || websearch_to_tsquery('loket_dutch', ${words}))`;
}

function whereFilters(eb: Eb, f: InboxQuery): Expression<SqlBool> {
	const and: Expression<SqlBool>[] = [];
	if (f.processId) and.push(eb('d.processId', '=', f.processId));
	if (f.processIds) and.push(eb('d.processId', 'in', [...f.processIds, '']));
	if (f.scope) and.push(visibleIn(eb, f.scope));
	if (f.ids) and.push(eb('d.id', 'in', [...f.ids, '00000000-0000-0000-0000-000000000000']));
	if (f.status) and.push(eb('d.status', '=', f.status));
	if (f.assigneeId === null) and.push(eb('d.assigneeId', 'is', null));
	else if (f.assigneeId) and.push(eb('d.assigneeId', '=', f.assigneeId));
	if (f.open) and.push(eb('d.closedAt', 'is', null));
	if (f.overdue) and.push(eb.and([eb('d.closedAt', 'is', null), eb('d.dueDate', '<', f.today)]));
	if (f.dueFrom || f.dueTo) and.push(eb('d.closedAt', 'is', null));
	if (f.dueFrom) and.push(eb('d.dueDate', '>=', f.dueFrom));
	if (f.dueTo) and.push(eb('d.dueDate', '<=', f.dueTo));
	// Local calendar days as instants, so the index on submitted_at serves the range.
	if (f.receivedFrom)
		and.push(
			sql<SqlBool>`d.submitted_at >= (${f.receivedFrom}::date)::timestamp at time zone ${f.timeZone}`
		);
	if (f.receivedTo)
		and.push(
			sql<SqlBool>`d.submitted_at < (${f.receivedTo}::date + 1)::timestamp at time zone ${f.timeZone}`
		);
	if (f.q) {
		const words = sql<SqlBool>`d.search @@ ${searchQuery(f.q)}`;
		// A reference has no spaces: a single word may also be the start of one (an index prefix scan).
		const q = f.q.trim();
		and.push(
			/\s/.test(q)
				? words
				: sql<SqlBool>`(${words} or d.reference like ${q.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`) + '%'})`
		);
	}
	return eb.and(and);
}

function sortKey(sort: InboxSort) {
	if (sort.by === 'received') return sql`d.submitted_at`;
	// Dossiers without a due date come last in both directions.
	return sort.dir === 'asc'
		? sql`coalesce(d.due_date, date '9999-12-31')`
		: sql`coalesce(d.due_date, date '0001-01-01')`;
}

/** One page of the inbox, `limit` rows after the cursor, in a total order (sort key, then id). */
export async function listInbox(
	db: Executor,
	filters: InboxQuery,
	sort: InboxSort,
	cursor: InboxCursor | null,
	limit: number
): Promise<InboxRow[]> {
	const key = sortKey(sort);
	const keyText =
		sort.by === 'received'
			? sql<string>`to_char(d.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
			: sql<string>`to_char(${key}, 'YYYY-MM-DD')`;
	const cast = sort.by === 'received' ? sql`timestamptz` : sql`date`;
	const op = sort.dir === 'asc' ? sql`>` : sql`<`;
	const dir = sort.dir === 'asc' ? sql`asc` : sql`desc`;
	return db
		.selectFrom('dossier as d')
		.leftJoin('appUser as a', 'a.id', 'd.assigneeId')
		.where((eb) => whereFilters(eb, filters))
		.$if(cursor !== null, (qb) =>
			qb.where(
				sql<SqlBool>`(${key}, d.id) ${op} (cast(${cursor?.key} as ${cast}), cast(${cursor?.id} as uuid))`
			)
		)
		.select([
			'd.id',
			'd.reference',
			'd.version',
			'd.processId',
			'd.processVersion',
			'd.status',
			'd.applicantName',
			'd.applicantEmail',
			'd.assigneeId',
			'a.name as assigneeName',
			'a.email as assigneeEmail',
			'd.submittedAt',
			'd.dueDate',
			'd.closedAt',
			'd.clockPausedAt',
			sql<boolean>`d.assignee_id is not null and exists (
				select 1 from message msg where msg.dossier_id = d.id and msg.author_role = 'citizen'
					and msg.created_at > coalesce((select s.seen_at from dossier_seen s
						where s.dossier_id = d.id and s.user_id = d.assignee_id), '-infinity'))`.as('news'),
			keyText.as('sortKey')
		])
		.orderBy(sql`${key} ${dir}`)
		.orderBy(sql`d.id ${dir}`)
		.limit(limit)
		.execute();
}

export type StatusCount = { status: string; count: number };

/**
 * How many dossiers match the filters, per state (of any process), ignoring any state filter;
 * null when more than `limit` match (counting them all would read them all).
 */
export async function countByStatus(
	db: Executor,
	filters: InboxQuery,
	limit: number
): Promise<StatusCount[] | null> {
	const rows = await db
		.selectFrom((qb) =>
			qb
				.selectFrom('dossier as d')
				.where((eb) => whereFilters(eb, { ...filters, status: undefined }))
				.select('d.status')
				.limit(limit + 1)
				.as('m')
		)
		.select(['m.status', sql<string>`count(*)`.as('count')])
		.groupBy('m.status')
		.orderBy('m.status')
		.execute();
	const counts = rows.map((r) => ({ status: r.status, count: Number(r.count) }));
	return counts.reduce((n, c) => n + c.count, 0) > limit ? null : counts;
}

/** The filters the running tally can count: process, assignee and open only. */
export type TallyQuery = Pick<InboxQuery, 'processId' | 'assigneeId' | 'open' | 'scope'>;

/** Counts per state from the running tally (its stripes summed), never reading the dossiers. */
export async function countByStatusFromTally(db: Executor, f: TallyQuery): Promise<StatusCount[]> {
	const rows = await db
		.selectFrom('dossierTally as t')
		.$if(f.processId !== undefined, (qb) => qb.where('t.processId', '=', f.processId as string))
		.$if(f.assigneeId === null, (qb) => qb.where('t.assigneeId', 'is', null))
		.$if(typeof f.assigneeId === 'string', (qb) =>
			qb.where('t.assigneeId', '=', f.assigneeId as string)
		)
		.$if(f.open === true, (qb) => qb.where('t.open', '=', true))
		.$if(f.scope !== undefined, (qb) => qb.where((eb) => tallyVisibleIn(eb, f.scope as StaffScope)))
		.select(['t.status', sql<string>`sum(t.n)`.as('count')])
		.groupBy('t.status')
		.having(sql<SqlBool>`sum(t.n) <> 0`)
		.orderBy('t.status')
		.execute();
	return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
}

/** Dossiers per process version, from the running tally (never reading the dossiers). */
export async function countByVersionFromTally(
	db: Executor,
	processId?: string
): Promise<{ processId: string; processVersion: number; count: number }[]> {
	const rows = await db
		.selectFrom('dossierTally as t')
		.$if(processId !== undefined, (qb) => qb.where('t.processId', '=', processId as string))
		.select(['t.processId', 't.processVersion', sql<string>`sum(t.n)`.as('count')])
		.groupBy(['t.processId', 't.processVersion'])
		.having(sql<SqlBool>`sum(t.n) <> 0`)
		.execute();
	return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** The striped tallies and their keys: the inbox's and the overview's (migration 2026_12_07_0001). */
const TALLIES = [
	['dossier_tally', 'process_id, process_version, status, assignee_id, open, department_id'],
	['dossier_filed_tally', 'process_id, day'],
	['dossier_handled_tally', 'process_id, week, handling_days']
] as const;

/**
 * Compacts the striped tallies (see migration 2026_12_06_0001): folds every key's stripes into
 * its stripe-0 row and drops keys whose count is zero, touching only those keys. Rows a
 * transaction holds are skipped (they are folded next time), so a filing never waits on this nor
 * deadlocks with it. Returns how many rows fewer the tallies have.
 */
export async function foldTally(db: Executor): Promise<number> {
	let folded = 0;
	for (const [table, columns] of TALLIES) {
		const [t, key] = [sql.raw(table), sql.raw(columns)];
		const result = await sql<{ folded: number }>`
			with picked as (
				select ctid as row from ${t}
				where ctid = any(array(
					select row from (
						select ctid as row, bool_or(stripe <> 0 or n = 0) over (partition by ${key}) as dirty
						from ${t}
					) w where dirty))
				for update skip locked
			),
			gone as (
				delete from ${t} where ctid = any(array(select row from picked))
				returning ${key}, n
			),
			kept as (
				insert into ${t} as t (${key}, stripe, n)
				select ${key}, 0, sum(n) from gone
				group by ${key} having sum(n) <> 0 order by ${key}
				on conflict on constraint ${sql.raw(`${table}_key`)} do update set n = t.n + excluded.n
				returning 1
			)
			select (select count(*) from gone)::int - (select count(*) from kept)::int as folded`.execute(db);
		folded += result.rows[0]?.folded ?? 0;
	}
	return folded;
}

/**
 * The title, states and promised handling time of every process version, newest first: to label
 * dossiers and fill the filter form, and for the overview.
 */
export async function listVersionLabels(db: Executor): Promise<
	{
		processId: string;
		version: number;
		status: ProcessVersionStatus;
		title: unknown;
		states: unknown;
		handlingTime: unknown;
	}[]
> {
	return db
		.selectFrom('processVersion')
		.select([
			'processId',
			'version',
			'status',
			sql<unknown>`definition -> 'title'`.as('title'),
			sql<unknown>`definition -> 'workflow' -> 'states'`.as('states'),
			sql<unknown>`definition -> 'handlingTime'`.as('handlingTime')
		])
		.orderBy('processId')
		.orderBy('version', 'desc')
		.execute();
}

export async function listSavedFilters(db: Executor, userId: string): Promise<SavedFilter[]> {
	return db
		.selectFrom('savedFilter')
		.selectAll()
		.where('userId', '=', userId)
		.orderBy('name')
		.orderBy('createdAt')
		.execute();
}

export async function insertSavedFilter(
	db: Executor,
	v: { userId: string; name: string; query: string }
): Promise<SavedFilter> {
	return db.insertInto('savedFilter').values(v).returningAll().executeTakeFirstOrThrow();
}

/** Deletes the filter only when it belongs to this user; true when a row was deleted. */
export async function deleteSavedFilter(
	db: Executor,
	userId: string,
	id: string
): Promise<boolean> {
	const r = await db
		.deleteFrom('savedFilter')
		.where('id', '=', id)
		.where('userId', '=', userId)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

// The difference between two versions of a process, as a list of changes a person can read:
// "field 'kenteken' added on page 'voertuig'", "label of state 'in_behandeling' changed". Pages,
// fields, states and transitions are matched by their id or key, so a rename of a label is a
// change and not a removal plus an addition. Pure; words are in $lib/i18n/changes.
import type { ProcessDefinition } from './definition';

export type ChangeSubject = 'process' | 'page' | 'field' | 'state' | 'transition' | 'workflow';

export type Change = {
	action: 'added' | 'removed' | 'changed' | 'moved';
	subject: ChangeSubject;
	/** The page id, field key, state id or transition id; the property name for the process. */
	id: string;
	/**
	 * For 'changed': the property that changed, e.g. 'label' or 'roles'. For 'moved': 'page' when
	 * a field went to another page, 'position' when it changed places among its neighbours.
	 */
	property?: string;
	/** The value before (for 'moved': the page id or the 1-based position). */
	before?: unknown;
	after?: unknown;
	/** For fields: the page the field is (or was) on. */
	page?: string;
	/** What a person calls it: the label or title (a LocalText) in the newer version, else the older. */
	name?: unknown;
	/** For fields: the title of their page. */
	pageName?: unknown;
};

type Item = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

/** The value with object keys in a fixed order: stored JSON (jsonb) does not keep key order. */
function sorted(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sorted);
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((k) => [k, sorted((value as Item)[k])])
		);
	return value;
}

function diffProps(
	subject: ChangeSubject,
	id: string,
	a: Item,
	b: Item,
	skip: string[],
	extra: Partial<Change> = {}
): Change[] {
	const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
		(k) => !skip.includes(k)
	);
	return keys
		.filter((k) => !same(a[k], b[k]))
		.map((k) => ({
			action: 'changed',
			subject,
			id,
			property: k,
			...(a[k] === undefined ? {} : { before: a[k] }),
			...(b[k] === undefined ? {} : { after: b[k] }),
			...extra
		}));
}

/**
 * The ids that changed places: those outside a longest common subsequence of the two orders, so
 * moving one item reports that item only, not every item it jumped over.
 */
export function findMoved(before: string[], after: string[]): string[] {
	const shared = new Set(before.filter((id) => after.includes(id)));
	const a = before.filter((id) => shared.has(id));
	const b = after.filter((id) => shared.has(id));
	const lengths = Array.from({ length: a.length + 1 }, () =>
		new Array<number>(b.length + 1).fill(0)
	);
	for (let i = a.length - 1; i >= 0; i--)
		for (let j = b.length - 1; j >= 0; j--)
			lengths[i][j] =
				a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
	const stay = new Set<string>();
	for (let i = 0, j = 0; i < a.length && j < b.length;) {
		if (a[i] === b[j]) {
			stay.add(a[i]);
			i++;
			j++;
		} else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
		else j++;
	}
	return b.filter((id) => !stay.has(id));
}

function moves(
	subject: ChangeSubject,
	before: string[],
	after: string[],
	extra: (id: string) => Partial<Change> = () => ({})
): Change[] {
	return findMoved(before, after).map((id) => ({
		action: 'moved',
		subject,
		id,
		property: 'position',
		before: before.indexOf(id) + 1,
		after: after.indexOf(id) + 1,
		...extra(id)
	}));
}

function diffKeyed(
	subject: ChangeSubject,
	before: Item[],
	after: Item[],
	idOf: (item: Item) => string,
	skip: string[],
	extra: (item: Item) => Partial<Change> = () => ({})
): Change[] {
	const changes: Change[] = [];
	const afterIds = new Set(after.map(idOf));
	const old = new Map(before.map((item) => [idOf(item), item]));
	for (const item of before)
		if (!afterIds.has(idOf(item)))
			changes.push({ action: 'removed', subject, id: idOf(item), ...extra(item) });
	for (const item of after) {
		const id = idOf(item);
		const was = old.get(id);
		if (!was) changes.push({ action: 'added', subject, id, ...extra(item) });
		else changes.push(...diffProps(subject, id, was, item, skip, extra(item)));
	}
	return changes;
}

const items = (value: unknown): Item[] => (Array.isArray(value) ? (value as Item[]) : []);

function diffFields(a: ProcessDefinition, b: ProcessDefinition): Change[] {
	const located = (d: ProcessDefinition) =>
		new Map(
			d.pages.flatMap((p) =>
				items(p.fields).map((f) => [String(f.key), { page: p.id, field: f, pageName: p.title }])
			)
		);
	const [before, after] = [located(a), located(b)];
	const pageNames = new Map([...a.pages, ...b.pages].map((p) => [p.id, p.title as unknown]));
	const named = (key: string, page: string) => ({
		name: (after.get(key) ?? before.get(key))?.field.label,
		pageName: pageNames.get(page)
	});
	const changes: Change[] = [];
	for (const [key, { page }] of before)
		if (!after.has(key))
			changes.push({ action: 'removed', subject: 'field', id: key, page, ...named(key, page) });
	for (const [key, { page, field }] of after) {
		const was = before.get(key);
		if (!was) {
			changes.push({ action: 'added', subject: 'field', id: key, page, ...named(key, page) });
			continue;
		}
		if (was.page !== page)
			changes.push({
				action: 'moved',
				subject: 'field',
				id: key,
				property: 'page',
				before: was.page,
				after: page,
				page,
				...named(key, page)
			});
		changes.push(...diffProps('field', key, was.field, field, [], { page, ...named(key, page) }));
	}
	// Order within a page, among the fields that stayed on it.
	for (const p of b.pages) {
		const keysOn = (d: Map<string, { page: string }>, page: string) =>
			[...d].filter(([, v]) => v.page === page).map(([k]) => k);
		const stayed = (k: string) => before.get(k)?.page === p.id && after.get(k)?.page === p.id;
		changes.push(
			...moves(
				'field',
				keysOn(before, p.id).filter(stayed),
				keysOn(after, p.id).filter(stayed),
				(key) => ({ page: p.id, ...named(key, p.id) })
			)
		);
	}
	return changes;
}

/** Every change from `a` to `b`. Versions numbers themselves are not a change. */
export function diffDefinitions(a: ProcessDefinition, b: ProcessDefinition): Change[] {
	const top = diffProps('process', 'process', a as unknown as Item, b as unknown as Item, [
		'$schema',
		'id',
		'version',
		'pages',
		'workflow'
	]).map(({ property, ...c }) => ({ ...c, id: property ?? '' }));
	const pageId = (p: Item) => String(p.id);
	const titles = new Map([...items(a.pages), ...items(b.pages)].map((p) => [pageId(p), p.title]));
	const pages = [
		...diffKeyed('page', items(a.pages), items(b.pages), pageId, ['fields'], (p) => ({
			name: titles.get(pageId(p))
		})),
		...moves('page', items(a.pages).map(pageId), items(b.pages).map(pageId), (id) => ({
			name: titles.get(id)
		}))
	];
	const initial: Change[] =
		a.workflow.initial === b.workflow.initial
			? []
			: [
					{
						action: 'changed',
						subject: 'workflow',
						id: 'initial',
						property: 'initial',
						before: a.workflow.initial,
						after: b.workflow.initial
					}
				];
	const labelled = (list: Item[]) => {
		const labels = new Map(list.map((x) => [String(x.id), x.label]));
		return (x: Item) => ({ name: labels.get(String(x.id)) });
	};
	const states = diffKeyed(
		'state',
		items(a.workflow.states),
		items(b.workflow.states),
		(s) => String(s.id),
		[],
		labelled([...items(a.workflow.states), ...items(b.workflow.states)])
	);
	const transitions = diffKeyed(
		'transition',
		items(a.workflow.transitions),
		items(b.workflow.transitions),
		(t) => String(t.id),
		[],
		labelled([...items(a.workflow.transitions), ...items(b.workflow.transitions)])
	);
	return [...top, ...pages, ...diffFields(a, b), ...initial, ...states, ...transitions];
}

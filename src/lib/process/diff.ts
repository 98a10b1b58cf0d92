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
	/** For 'changed': the property that changed, e.g. 'label' or 'roles'. */
	property?: string;
	before?: unknown;
	after?: unknown;
	/** For fields: the page the field is (or was) on. */
	page?: string;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffProps(
	subject: ChangeSubject,
	id: string,
	a: Record<string, unknown>,
	b: Record<string, unknown>,
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
			before: a[k],
			after: b[k],
			...extra
		}));
}

function diffKeyed<T extends Record<string, unknown>>(
	subject: ChangeSubject,
	before: T[],
	after: T[],
	idOf: (item: T) => string,
	skip: string[],
	extra: (item: T) => Partial<Change> = () => ({})
): Change[] {
	const changes: Change[] = [];
	const beforeIds = before.map(idOf);
	const afterIds = after.map(idOf);
	const old = new Map(before.map((item) => [idOf(item), item]));
	for (const item of before)
		if (!afterIds.includes(idOf(item)))
			changes.push({ action: 'removed', subject, id: idOf(item), ...extra(item) });
	for (const item of after) {
		const id = idOf(item);
		const was = old.get(id);
		if (!was) changes.push({ action: 'added', subject, id, ...extra(item) });
		else changes.push(...diffProps(subject, id, was, item, skip, extra(item)));
	}
	// Order: an item moved when its place among the items both versions share changed.
	const kept = beforeIds.filter((id) => afterIds.includes(id));
	const keptAfter = afterIds.filter((id) => beforeIds.includes(id));
	kept.forEach((id, i) => {
		if (keptAfter[i] !== id && keptAfter.indexOf(id) !== i) {
			const to = keptAfter.indexOf(id);
			if (!changes.some((c) => c.action === 'moved' && c.id === id))
				changes.push({ action: 'moved', subject, id, before: i + 1, after: to + 1 });
		}
	});
	return changes;
}

/** Every change from `a` to `b`. Versions numbers themselves are not a change. */
export function diffDefinitions(a: ProcessDefinition, b: ProcessDefinition): Change[] {
	const top = diffProps(
		'process',
		'process',
		a as unknown as Record<string, unknown>,
		b as unknown as Record<string, unknown>,
		['$schema', 'version', 'pages', 'workflow']
	).map((c) => ({ ...c, id: c.property ?? '', property: undefined }));
	const pages = diffKeyed(
		'page',
		a.pages as unknown as Record<string, unknown>[],
		b.pages as unknown as Record<string, unknown>[],
		(p) => String(p.id),
		['fields']
	);
	const fieldsOf = (d: ProcessDefinition) =>
		d.pages.flatMap((p) => p.fields.map((f) => ({ ...f, page: p.id }) as Record<string, unknown>));
	const fields = diffKeyed(
		'field',
		fieldsOf(a),
		fieldsOf(b),
		(f) => String(f.key),
		[],
		(f) => ({
			page: String(f.page)
		})
	).map((c) => (c.property === 'page' ? { ...c, action: 'moved' as const } : c));
	const states = diffKeyed(
		'state',
		a.workflow.states as unknown as Record<string, unknown>[],
		b.workflow.states as unknown as Record<string, unknown>[],
		(s) => String(s.id),
		[]
	).filter((c) => c.action !== 'moved');
	const transitions = diffKeyed(
		'transition',
		a.workflow.transitions as unknown as Record<string, unknown>[],
		b.workflow.transitions as unknown as Record<string, unknown>[],
		(t) => String(t.id),
		[]
	).filter((c) => c.action !== 'moved');
	const initial: Change[] =
		a.workflow.initial === b.workflow.initial
			? []
			: [
					{
						action: 'changed',
						subject: 'workflow',
						id: 'initial',
						before: a.workflow.initial,
						after: b.workflow.initial
					}
				];
	return [...top, ...pages, ...fields, ...initial, ...states, ...transitions];
}

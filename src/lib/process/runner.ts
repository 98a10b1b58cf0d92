// The form runner: the walk through a process's form page by page, written once over an answer
// store (the server draft, the builder's preview, the device's IndexedDB draft, staff's intake
// for a citizen at the desk: server/intake). It guarantees that every store opens the same page for the same answers, shows
// the same values, refuses the same unknown names, reads a post with one `readPage`, and goes on
// to the same next step. Pure and isomorphic: the HTTP side is $lib/server/web/form-runner.ts.
//
// No form library here, on purpose: the browser runs this same code offline (FormFiller) and
// checks each page live with `readPage` (DynamicPage). superforms' client and zod would be
// ~40 kB gzip of the phone's JavaScript budget (the form page ships ≤ ~80 kB today; issue 21
// aims at ≤ 40 kB), and on the server it would only be a second reader of the same FormData.
import {
	isChosenFile,
	listPageFields,
	listPageValues,
	readPage,
	type AnswerMap,
	type AnswerOptions,
	type Issue,
	type PageReading
} from './answers';
import type { ProcessDefinition } from './definition';
import type { InputField } from './fields';
import type { Posted as PostedAs } from './fields/module';
import { moduleOf } from './fields/registry';
import { CHECK_PAGE, findNextStep, findPreviousStep, findStartStep, resolvePage } from './steps';

export { CHECK_PAGE };

/** What the walk needs of a process: its pages and lead times (a phone holds no more). */
export type RunnerForm = Pick<ProcessDefinition, 'pages' | 'leadTimes'>;

export type Saved = { ok: true; answers: AnswerMap } | { ok: false; issues: Issue[] };

/**
 * Where a form's answers are kept while it is filled in. A new place to fill forms in (as staff's
 * intake at the desk was) is a new store; the walk itself does not change.
 */
export interface AnswerStore {
	/** The form being filled in. */
	readonly form: RunnerForm;
	/** The answers given so far. */
	load(): Promise<AnswerMap>;
	/**
	 * Keeps an accepted page (its reading has no issues): its answers and new uploads, dropping
	 * answers that no longer apply. Answers all the answers after it, or why it was refused.
	 */
	save(pageIndex: number, reading: PageReading): Promise<Saved>;
	/**
	 * Where the pages live: the address of a step, a page id or CHECK_PAGE, the end of the walk
	 * (the filing's check page, the preview's end, the device's summary).
	 */
	locate(step: string): string;
}

/**
 * The answers once a page is kept, before its new uploads are added: the answers of fields it hid
 * and of fields the citizen emptied are dropped, its own answers put in. Every answer store keeps
 * a page so; uploads (and what is pruned after) are the store's own work.
 */
export function mergePage(answers: AnswerMap, reading: PageReading): AnswerMap {
	const merged: AnswerMap = { ...answers };
	for (const key of [...reading.hidden, ...(reading.cleared ?? [])]) delete merged[key];
	return Object.assign(merged, reading.answers);
}

/** How the citizen came to the page: from the check page ("change"), they go back there. */
export type Arrival = { fromCheck: boolean };

/** What a page shows: where it is in the walk, its values under the names it posts, the way back. */
export type PageView = {
	pageIndex: number;
	position: number;
	total: number;
	/** The saved answers of this page, under the names its form posts. */
	values: Record<string, unknown>;
	/** The step of the back link, or null on the first page. */
	previous: string | null;
};

export type Opened =
	{ kind: 'page'; view: PageView } | { kind: 'redirect'; step: string } | { kind: 'notFound' };

/**
 * The page to show for `pageId` given the answers, or where to go instead (a page whose earlier
 * pages are incomplete, or that does not apply, is never shown: editing the URL skips nothing).
 */
export function openPage(
	form: RunnerForm,
	pageId: string,
	answers: AnswerMap,
	opts: AnswerOptions,
	arrival: Arrival = { fromCheck: false }
): Opened {
	const at = resolvePage(form, pageId, answers, opts);
	if (at.kind === 'notFound') return at;
	if (at.kind === 'redirect') return { kind: 'redirect', step: at.pageId };
	return {
		kind: 'page',
		view: {
			pageIndex: at.pageIndex,
			position: at.position,
			total: at.total,
			values: listPageValues(form, at.pageIndex, answers),
			previous: arrival.fromCheck ? CHECK_PAGE : findPreviousStep(form, at.pageIndex, answers)
		}
	};
}

/**
 * The step after an accepted page: the next page that applies, or, for a citizen who came from
 * the check page, the first page still incomplete (usually the check page again).
 */
export function nextStep(
	form: RunnerForm,
	pageIndex: number,
	answers: AnswerMap,
	opts: AnswerOptions,
	arrival: Arrival = { fromCheck: false }
): string {
	return arrival.fromCheck
		? findStartStep(form, answers, opts)
		: findNextStep(form, pageIndex, answers);
}

/** What a posted page is read from: a FormData, or anything else that lists names and values. */
export type Posted = {
	keys(): Iterable<string>;
	getAll(name: string): (string | Blob)[];
};

/**
 * The name under which a form page posts the keys of the questions it showed. A question that an
 * answer brings up on the same page, posted without JavaScript, was not seen: it is asked, not
 * refused as missing. A post without it (another client) counts every question as seen.
 */
export const SHOWN = 'getoond';

/** Names our own forms add to a post beside the fields. */
const FORM_META = new Set(['terug', SHOWN]);

/** How one posted name is read: a text, a list (checkboxes, kept file ids), a box, new files. */
type PostedKind = PostedAs;

/** The names a field posts and how each is read (its field module says so). */
export function describePosted(field: InputField): [name: string, kind: PostedKind][] {
	return Object.entries(moduleOf(field).posted(field));
}

function readPosted(kind: PostedKind, entries: (string | Blob)[]): unknown {
	const texts = entries.filter((e): e is string => typeof e === 'string');
	switch (kind) {
		case 'text':
			return typeof entries.at(-1) === 'string' ? entries.at(-1) : undefined;
		case 'list':
			return texts;
		case 'flag': {
			const last = entries.at(-1);
			return typeof last === 'string' && last !== '' && last !== 'false';
		}
		case 'files':
			// An empty file input posts a nameless empty part: no file chosen. A chosen file of
			// 0 bytes is kept, for its field to say it is empty.
			return entries.filter((e): e is File => typeof e !== 'string').filter(isChosenFile);
	}
}

export type PostedPage =
	/** Names this page does not post: a tampered form, refused as a whole. */
	| { kind: 'refused'; unknown: string[] }
	/**
	 * `values`: what was posted, to show again (new files cannot be shown again); `added`: keys
	 * of questions that apply now but were not on the page as the citizen saw it.
	 */
	| { kind: 'read'; values: Record<string, unknown>; reading: PageReading; added: string[] };

/**
 * Reads a posted page, given the answers of the other pages: refuses names the page does not
 * post, takes each name's values as its field posts them, and validates them with `readPage`
 * (once).
 */
export function readPostedPage(
	form: RunnerForm,
	pageIndex: number,
	answers: AnswerMap,
	posted: Posted,
	opts: AnswerOptions
): PostedPage {
	const fields = listPageFields(form, pageIndex, answers);
	const kinds = new Map(fields.flatMap(describePosted));
	const unknown = [...new Set(posted.keys())].filter(
		(name) => !kinds.has(name) && !FORM_META.has(name)
	);
	if (unknown.length > 0) return { kind: 'refused', unknown };
	const flat: Record<string, unknown> = {};
	for (const [name, kind] of kinds) flat[name] = readPosted(kind, posted.getAll(name));
	const reading = readPage(form, pageIndex, flat, answers, opts);
	const values = Object.fromEntries(
		[...kinds].map(([name, kind]) => [name, kind === 'files' ? [] : flat[name]])
	);
	const shownPost = posted.getAll(SHOWN).at(-1);
	const shown = typeof shownPost === 'string' ? new Set(shownPost.split(' ')) : null;
	const added = shown
		? fields.filter((f) => !reading.hidden.includes(f.key) && !shown.has(f.key)).map((f) => f.key)
		: [];
	return { kind: 'read', values, reading, added };
}

/** The issues at questions the citizen has seen: a question just added is not yet a mistake. */
export function listSeenIssues(issues: Issue[], added: string[]): Issue[] {
	return issues.filter(
		(issue) => !added.some((key) => issue.name === key || issue.name.startsWith(`${key}.`))
	);
}

export type Accepted = { kind: 'refused'; issues: Issue[] } | { kind: 'next'; step: string };

/**
 * Keeps a page that was read: refused when its reading has issues (nothing is kept) or when the
 * store refuses it (e.g. an upload is not what it claims); otherwise the step to go on to.
 */
export async function acceptPage(
	store: AnswerStore,
	pageIndex: number,
	reading: PageReading,
	opts: AnswerOptions,
	arrival: Arrival = { fromCheck: false }
): Promise<Accepted> {
	if (reading.issues.length > 0) return { kind: 'refused', issues: reading.issues };
	const saved = await store.save(pageIndex, reading);
	if (!saved.ok) return { kind: 'refused', issues: saved.issues };
	return { kind: 'next', step: nextStep(store.form, pageIndex, saved.answers, opts, arrival) };
}

/** Issues as the form components show them: the messages per posted name. */
export function groupIssues(issues: Issue[]): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	for (const issue of issues) (errors[issue.name] ??= []).push(issue.message);
	return errors;
}

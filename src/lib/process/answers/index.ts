// Answers to a process definition: which pages and fields apply given the answers so far, the
// zod schema of one page's form (used by superforms on the server and as its client validators),
// and the validation of a whole submission. Everything is derived from the definition by the
// modules of its field types (../fields), so the browser, the server and the builder's preview
// agree.
import { addCalendarDays, addWorkingDays } from '../calendar';
import type { ProcessDefinition } from '../definition';
import { evaluateCondition, listConditionFields, type Condition } from '../evaluate';
import type { InputField } from '../fields';
import { isInputField } from '../fields/kinds';
import type { Flat, Issue, PostcodeDirectory } from '../fields/module';
import { listNames, moduleOf, readField, writeField } from '../fields/registry';
import { localize, type Locale } from '../text';
import type { AnswerMessages } from './messages';
import type { AnswerMap, StoredFile } from './values';

export type { AnswerMessages, AddressPart } from './messages';
export type { AnswerMap, AnswerValue, AddressAnswer, StoredFile } from './values';
export { addressParts, isChosenFile } from './values';
export type { Flat, Issue, PostcodeDirectory } from '../fields/module';
export { listNames, readField, writeField } from '../fields/registry';
export { describeAccept } from '../fields/file';
export { normalizePlace } from '../fields/address';
export { parseLocalNumber } from '../fields/number';

export type AnswerOptions = {
	messages: AnswerMessages;
	locale: Locale;
	today: string;
	/** The official postcode list, where installed (server only). */
	places?: PostcodeDirectory;
};
type Definition = Pick<ProcessDefinition, 'pages' | 'leadTimes'>;

export function isPageVisible(def: Definition, pageIndex: number, answers: AnswerMap): boolean {
	return evaluateCondition(def.pages[pageIndex]?.showIf, answers);
}

/** Indexes of the pages that apply to these answers, in order. */
export function listVisiblePages(def: Definition, answers: AnswerMap): number[] {
	return def.pages.map((_, i) => i).filter((i) => isPageVisible(def, i, answers));
}

function refersToPage(def: Definition, cond: Condition, pageIndex: number): boolean {
	const keys = new Set(def.pages[pageIndex].fields.map((f) => f.key));
	return listConditionFields(cond).some((c) => keys.has(c.field));
}

/**
 * The input fields a page renders: all of them except those hidden by answers on earlier pages.
 * A field that depends on the same page is rendered, and shown or hidden as the citizen types.
 */
export function listPageFields(
	def: Definition,
	pageIndex: number,
	answersBefore: AnswerMap
): InputField[] {
	return def.pages[pageIndex].fields
		.filter(isInputField)
		.filter(
			(f) =>
				!f.showIf ||
				refersToPage(def, f.showIf, pageIndex) ||
				evaluateCondition(f.showIf, answersBefore)
		);
}

/** What a page's form shows for the saved answers, under the names it posts. */
export function listPageValues(def: Definition, pageIndex: number, answers: AnswerMap): Flat {
	return Object.assign(
		{},
		...listPageFields(def, pageIndex, answers).map((f) => writeField(f, answers[f.key]))
	);
}

/** Every name a page's form may post. */
export function listPageNames(
	def: Definition,
	pageIndex: number,
	answersBefore: AnswerMap
): string[] {
	return listPageFields(def, pageIndex, answersBefore).flatMap(listNames);
}

export type PageReading = {
	/** Answers of the page's visible fields (file fields: only the files kept). */
	answers: AnswerMap;
	/** New uploads per file field, still to be stored. */
	uploads: Record<string, File[]>;
	/** Keys of fields that are hidden now; their answers must be dropped. */
	hidden: string[];
	/** Keys of visible fields left empty (a prefilled name taken out): stored answers are dropped. */
	cleared?: string[];
	issues: Issue[];
};

/** Validates what one page posted, given the answers of the other pages. */
export function readPage(
	def: Definition,
	pageIndex: number,
	flat: Flat,
	answersBefore: AnswerMap,
	opts: AnswerOptions
): PageReading {
	const answers: AnswerMap = {};
	const uploads: Record<string, File[]> = {};
	const hidden: string[] = [];
	const cleared: string[] = [];
	const issues: Issue[] = [];
	const context: AnswerMap = { ...answersBefore };
	for (const field of listPageFields(def, pageIndex, answersBefore)) {
		delete context[field.key];
		if (!evaluateCondition(field.showIf, context)) {
			hidden.push(field.key);
			continue;
		}
		const result = readField(field, flat, {
			messages: opts.messages,
			label: localize(field.label, opts.locale),
			today: opts.today,
			places: opts.places,
			saved: answersBefore[field.key]
		});
		issues.push(...result.issues);
		const fresh = moduleOf(field).uploads?.(field, flat) ?? [];
		if (fresh.length > 0) {
			uploads[field.key] = fresh;
			// Files count as an answer for conditions once there is one, kept or new.
			context[field.key] = result.value ?? [];
		}
		if (result.value !== undefined) {
			answers[field.key] = result.value;
			context[field.key] = result.value;
		} else if (result.issues.length === 0 && !uploads[field.key]) cleared.push(field.key);
	}
	issues.push(...findLeadTimeIssues(def, context, opts, pageIndex));
	return { answers, uploads, hidden, cleared, issues };
}

/**
 * What was typed on a page (and kept on the device) put back over what the page shows for the
 * saved answers, or null when it reads to the same answers: typed another way than the server
 * writes it back ("85073003328" for "85.07.30-033.28"), or sent since. Then the page shows the
 * saved answers, normalised. File fields keep what the page shows: a chosen file is not kept with
 * the typing, and the files kept are the ones the server has.
 */
export function restoreTyped(
	def: Definition,
	pageIndex: number,
	typed: Flat,
	shown: Flat,
	answers: AnswerMap,
	opts: AnswerOptions
): Flat | null {
	const restored: Flat = { ...shown };
	for (const field of listPageFields(def, pageIndex, answers))
		if (!moduleOf(field).uploads)
			for (const name of listNames(field)) if (name in typed) restored[name] = typed[name];
	const read = (flat: Flat) => {
		const { answers: given, issues, hidden } = readPage(def, pageIndex, flat, answers, opts);
		return JSON.stringify({ given, issues, hidden });
	};
	return read(restored) === read(shown) ? null : restored;
}

export type LeadTimeFinding = { field: string; severity: 'error' | 'warning'; message: string };

/** Lead-time rules (e.g. an event at least 6 weeks ahead) that these answers break. */
export function findLeadTimes(
	def: Definition,
	answers: AnswerMap,
	opts: Pick<AnswerOptions, 'locale' | 'today'>
): LeadTimeFinding[] {
	return def.leadTimes.flatMap((rule) => {
		const date = answers[rule.field];
		if (typeof date !== 'string' || !evaluateCondition(rule.showIf, answers)) return [];
		const add = rule.unit === 'working' ? addWorkingDays : addCalendarDays;
		const tooSoon = rule.minDays !== undefined && date < add(opts.today, rule.minDays);
		const tooLate = rule.maxDays !== undefined && date > add(opts.today, rule.maxDays);
		return tooSoon || tooLate
			? [
					{
						field: rule.field,
						severity: rule.severity,
						message: localize(rule.message, opts.locale)
					}
				]
			: [];
	});
}

function findLeadTimeIssues(
	def: Definition,
	answers: AnswerMap,
	opts: AnswerOptions,
	pageIndex: number
): Issue[] {
	const onPage = new Set(def.pages[pageIndex].fields.map((f) => f.key));
	return findLeadTimes(def, answers, opts)
		.filter((l) => l.severity === 'error' && onPage.has(l.field))
		.map((l) => ({ name: l.field, message: l.message }));
}

/** Drops the answers of fields that do not apply (hidden, on a hidden page, or unknown). */
export function pruneAnswers(def: Definition, answers: AnswerMap): AnswerMap {
	const kept: AnswerMap = {};
	def.pages.forEach((page, i) => {
		if (!isPageVisible(def, i, kept)) return;
		for (const field of page.fields.filter(isInputField))
			if (field.key in answers && evaluateCondition(field.showIf, kept))
				kept[field.key] = answers[field.key];
	});
	return kept;
}

export type SubmissionIssue = Issue & { page: number };

/**
 * Validates a whole submission again, as the server does at submit: every visible page, every
 * visible field, the lead-time rules, and no answer for a field that does not apply.
 */
export function validateSubmission(
	def: Definition,
	answers: AnswerMap,
	opts: AnswerOptions
): SubmissionIssue[] {
	const issues: SubmissionIssue[] = [];
	const pruned = pruneAnswers(def, answers);
	for (const key of Object.keys(answers))
		if (!(key in pruned))
			issues.push({ page: -1, name: key, message: `unexpected answer "${key}"` });
	for (const page of listVisiblePages(def, pruned)) {
		const flat = Object.assign(
			{},
			...listPageFields(def, page, pruned).map((f) => writeField(f, pruned[f.key]))
		) as Flat;
		const reading = readPage(def, page, flat, pruned, opts);
		issues.push(...reading.issues.map((i) => ({ ...i, page })));
	}
	return issues;
}

/**
 * Reads a whole submission sent at once (another system, through the API): every page that applies,
 * in order, as if it were posted with these values, so the answers come out normalised exactly as
 * the form stores them and with the same messages. `files` are the files already stored per file
 * field. Also says which fields applied: an answer for any other is not part of the form.
 */
export function readSubmission(
	def: Definition,
	flat: Flat,
	files: Record<string, StoredFile[]>,
	opts: AnswerOptions
): { answers: AnswerMap; issues: SubmissionIssue[]; applied: string[] } {
	const answers: AnswerMap = {};
	const issues: SubmissionIssue[] = [];
	const applied: string[] = [];
	def.pages.forEach((pageDef, page) => {
		if (!isPageVisible(def, page, answers)) return;
		const before: AnswerMap = { ...answers };
		for (const f of pageDef.fields) if (files[f.key]) before[f.key] = files[f.key];
		const reading = readPage(def, page, flat, before, opts);
		for (const f of listPageFields(def, page, answers))
			if (!reading.hidden.includes(f.key)) applied.push(f.key);
		Object.assign(answers, reading.answers);
		issues.push(...reading.issues.map((i) => ({ ...i, page })));
	});
	return { answers, issues, applied };
}

/** The first visible page whose answers are not complete, or null when every page is. */
export function findFirstIncompletePage(
	def: Definition,
	answers: AnswerMap,
	opts: AnswerOptions
): number | null {
	const issues = validateSubmission(def, answers, opts).filter((i) => i.page >= 0);
	return issues.length > 0 ? Math.min(...issues.map((i) => i.page)) : null;
}

export {
	formatAnswer,
	formatFileSize,
	formatDate,
	formatNumber,
	summarizeAnswers,
	type AnswerSection,
	type DisplayWords
} from './display';

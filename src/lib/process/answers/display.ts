// Answers as people read them: on the "check your answers" page, in the PDF receipt and in the
// back-office. Each field type's module says how its answer reads (85.07.30-033.28,
// BE68 5390 0754 7034, a choice by its label, dates and numbers the Belgian way).
import type { ProcessDefinition } from '../definition';
import { evaluateCondition } from '../evaluate';
import type { InputField } from '../fields';
import { isInputField } from '../fields/kinds';
import type { DisplayWords } from '../fields/module';
import { moduleOf, type AnswerValue } from '../fields/registry';
import { localize, type Locale } from '../text';
import type { AnswerMap } from './values';

export type { DisplayWords };
export { formatDate, formatFileSize, formatNumber } from '../format';

/** One answer as text; several lines (an address, a list of files) are joined with "\n". */
export function formatAnswer(
	field: InputField,
	value: AnswerValue | undefined,
	locale: Locale,
	words: DisplayWords
): string {
	if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
		return words.none;
	return moduleOf(field).display(field, value, { locale, words });
}

export type AnswerSection = {
	pageIndex: number;
	pageId: string;
	title: string;
	rows: { key: string; label: string; text: string }[];
};

/** The visible pages and fields of a definition with their answers, in order, ready to show. */
export function summarizeAnswers(
	def: Pick<ProcessDefinition, 'pages'>,
	answers: AnswerMap,
	locale: Locale,
	words: DisplayWords
): AnswerSection[] {
	return def.pages
		.map((page, pageIndex) => ({ page, pageIndex }))
		.filter(({ page }) => evaluateCondition(page.showIf, answers))
		.map(({ page, pageIndex }) => ({
			pageIndex,
			pageId: page.id,
			title: localize(page.title, locale),
			rows: page.fields
				.filter(isInputField)
				.filter((f) => evaluateCondition(f.showIf, answers))
				.map((f) => ({
					key: f.key,
					label: localize(f.label, locale),
					text: formatAnswer(f, answers[f.key], locale, words)
				}))
		}));
}

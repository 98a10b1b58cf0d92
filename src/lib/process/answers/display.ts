// Answers as people read them: on the "check your answers" page, in the PDF receipt and in the
// back-office. Each field type's module says how its answer reads (85.07.30-033.28,
// BE68 5390 0754 7034, a choice by its label, dates and numbers the Belgian way).
import type { ProcessDefinition } from '../definition';
import { evaluateCondition } from '../evaluate';
import type { InputField } from '../fields';
import { isInputField } from '../fields/kinds';
import type { DisplayWords } from '../fields/module';
import { moduleOf, type AnswerValue } from '../fields/registry';
import { localizeMarked, type Locale } from '../text';
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
	/** The title's or a label's language where it is not the page's (a Dutch fallback: 'nl'). */
	titleLang?: Locale;
	rows: { key: string; label: string; labelLang?: Locale; text: string }[];
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
		.map(({ page, pageIndex }) => {
			const title = localizeMarked(page.title, locale);
			return {
				pageIndex,
				pageId: page.id,
				title: title.text,
				...(title.lang && { titleLang: title.lang }),
				rows: page.fields
					.filter(isInputField)
					.filter((f) => evaluateCondition(f.showIf, answers))
					.map((f) => {
						const label = localizeMarked(f.label, locale);
						return {
							key: f.key,
							label: label.text,
							...(label.lang && { labelLang: label.lang }),
							text: formatAnswer(f, answers[f.key], locale, words)
						};
					})
			};
		});
}

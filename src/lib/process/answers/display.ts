// Answers as people read them: on the "check your answers" page, in the PDF receipt and in the
// back-office. Identifiers are shown formatted (85.07.30-033.28, BE68 5390 0754 7034), choices by
// their label, dates and numbers the Belgian way.
import type { ProcessDefinition } from '../definition';
import { evaluateCondition } from '../evaluate';
import type { InputField } from '../fields';
import { isInputField } from '../fields/kinds';
import { localize, type Locale } from '../text';
import { formatEnterpriseNumber } from '../validators/enterprise-number';
import { formatIban } from '../validators/iban';
import { formatLicensePlate } from '../validators/license-plate';
import { formatNationalNumber } from '../validators/national-number';
import type { AddressAnswer, AnswerMap, AnswerValue, StoredFile } from './values';

export type DisplayWords = { yes: string; no: string; none: string };

export function formatDate(isoDate: string, locale: Locale): string {
	return new Intl.DateTimeFormat(`${locale}-BE`, { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${isoDate}T00:00:00Z`)
	);
}

export function formatNumber(value: number, locale: Locale): string {
	return new Intl.NumberFormat(`${locale}-BE`).format(value);
}

/** A file size as people read it: 20 kB, 1,4 MB. */
export function formatFileSize(bytes: number, locale: Locale): string {
	const kb = bytes / 1024;
	return kb < 1024
		? `${formatNumber(Math.max(1, Math.round(kb)), locale)} kB`
		: `${formatNumber(Math.round(kb / 102.4) / 10, locale)} MB`;
}

/** One answer as text; several lines (an address, a list of files) are joined with "\n". */
export function formatAnswer(
	field: InputField,
	value: AnswerValue | undefined,
	locale: Locale,
	words: DisplayWords
): string {
	if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
		return words.none;
	const label = (v: string) => {
		const option = 'options' in field ? field.options.find((o) => o.value === v) : undefined;
		return option ? localize(option.label, locale) : v;
	};
	switch (field.type) {
		case 'select':
		case 'radio':
			return label(value as string);
		case 'checkboxes':
			return (value as string[]).map(label).join('\n');
		case 'consent':
		case 'yesNo':
			return value === true ? words.yes : words.no;
		case 'number':
			return `${formatNumber(value as number, locale)}${field.unit ? ` ${localize(field.unit, locale)}` : ''}`;
		case 'date':
			return formatDate(value as string, locale);
		case 'nationalNumber':
			return formatNationalNumber(value as string);
		case 'enterpriseNumber':
			return formatEnterpriseNumber(value as string);
		case 'iban':
			return formatIban(value as string);
		case 'licensePlate':
			return formatLicensePlate(value as string);
		case 'address': {
			const a = value as AddressAnswer;
			return `${a.street} ${a.number}${a.box ? ` bus ${a.box}` : ''}\n${a.postcode} ${a.municipality}`;
		}
		case 'file':
			return (value as StoredFile[])
				.map((f) => `${f.name} (${formatFileSize(f.size, locale)})`)
				.join('\n');
		default:
			return String(value);
	}
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

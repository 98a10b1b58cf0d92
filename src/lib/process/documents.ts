// Document templates: the decisions, certificates, permits and refusal letters a process issues
// when staff take one of the named workflow transitions. A template's text is plain paragraphs
// (blank line between them; a line starting with "# " is a heading) with placeholders in double
// braces. The structure comes from the template alone: a value is text inside its paragraph and is
// never read as a placeholder or a heading, so an answer cannot inject markup into a document.
import { z } from 'zod';
import { isInputField } from './fields/kinds';
import type { Field } from './fields';
import { localText } from './local-text';
import { locales, localize, type LocalText, type Locale } from './text';
import type { Problem } from './workflow';

export const documentKinds = ['decision', 'certificate', 'permit', 'refusal'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentTemplate = z.strictObject({
	id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and -'),
	kind: z.enum(documentKinds),
	title: localText,
	body: localText.meta({
		description:
			'Paragraphs separated by a blank line; "# " starts a heading. Placeholders: {{reference}}, {{date}}, {{applicant.name}}, {{officer.name}}, {{note}}, {{municipality}}, {{process.title}}, {{answers.<field key>}}'
	}),
	transitions: z
		.array(z.string())
		.min(1)
		.meta({ description: 'Ids of the workflow transitions that issue this document' })
});
export type DocumentTemplate = z.infer<typeof documentTemplate>;

/** The placeholders every document knows, besides `answers.<key>`. */
export const fixedPlaceholders = [
	'reference',
	'date',
	'applicant.name',
	'officer.name',
	'note',
	'municipality',
	'process.title'
] as const;
export type FixedPlaceholder = (typeof fixedPlaceholders)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const ANSWER = /^answers\.([A-Za-z0-9_-]+)$/;

/** The placeholder names in a text, in order, as written between the braces. */
export function listPlaceholders(text: string): string[] {
	return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** Why a placeholder name is not accepted, or null when it is. */
function checkPlaceholder(name: string, fields: Map<string, Field>): string | null {
	if ((fixedPlaceholders as readonly string[]).includes(name)) return null;
	const answer = ANSWER.exec(name);
	if (!answer) return `unknown placeholder "{{${name}}}"`;
	const field = fields.get(answer[1]);
	if (!field) return `unknown field "${answer[1]}" in "{{${name}}}"`;
	if (!isInputField(field)) return `"${answer[1]}" is a ${field.type} block and has no answer`;
	return null;
}

/**
 * Problems in a definition's document templates: duplicate ids, transitions the workflow does not
 * have, unknown placeholders or fields, braces left open. Each has the path of the text it is in.
 */
export function findDocumentProblems(def: {
	documents?: DocumentTemplate[];
	pages: { fields: Field[] }[];
	workflow: { transitions: { id: string }[] };
}): Problem[] {
	const problems: Problem[] = [];
	const fields = new Map(def.pages.flatMap((p) => p.fields.map((f) => [f.key, f] as const)));
	const transitionIds = new Set(def.workflow.transitions.map((t) => t.id));
	const ids = new Set<string>();
	(def.documents ?? []).forEach((doc, i) => {
		if (ids.has(doc.id))
			problems.push({ path: ['documents', i, 'id'], message: `duplicate document "${doc.id}"` });
		ids.add(doc.id);
		doc.transitions.forEach((id, ti) => {
			if (!transitionIds.has(id))
				problems.push({
					path: ['documents', i, 'transitions', ti],
					message: `unknown transition "${id}"`
				});
		});
		for (const part of ['title', 'body'] as const)
			for (const locale of locales) {
				const text = doc[part][locale];
				if (text === undefined) continue;
				const path = ['documents', i, part, locale];
				for (const name of listPlaceholders(text)) {
					const problem = checkPlaceholder(name, fields);
					if (problem) problems.push({ path, message: problem });
				}
				const rest = text.replace(PLACEHOLDER, '');
				if (rest.includes('{{') || rest.includes('}}'))
					problems.push({ path, message: 'a "{{" or "}}" without its other half' });
			}
	});
	return problems;
}

/** The templates issued when transition `transitionId` is taken. */
export function listDocumentsFor(
	documents: DocumentTemplate[] | undefined,
	transitionId: string
): DocumentTemplate[] {
	return (documents ?? []).filter((d) => d.transitions.includes(transitionId));
}

export type DocumentBlock = { kind: 'heading' | 'paragraph'; text: string };

/** What the placeholders stand for in one document: fixed names and the answers' display text. */
export type DocumentValues = Record<FixedPlaceholder, string> & { answers: Record<string, string> };

// Characters that have no place in a document's text: controls (but line breaks), bidi overrides.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A value as text inside a paragraph: no control characters, line breaks kept as line breaks. */
export function escapeValue(value: string): string {
	return value.replace(/\r\n?/g, '\n').replace(UNSAFE, '').trim();
}

function valueOf(name: string, values: DocumentValues): string {
	const answer = ANSWER.exec(name);
	if (answer) return values.answers[answer[1]] ?? '';
	return (values as Record<string, unknown>)[name] === undefined
		? ''
		: String(values[name as FixedPlaceholder]);
}

/** One line of template text with its placeholders filled in. */
export function fillText(text: string, values: DocumentValues): string {
	// One pass over the template: a value is inserted as it is and never scanned again.
	return text.replace(PLACEHOLDER, (_, name: string) => escapeValue(valueOf(name, values)));
}

/**
 * A template's text as blocks, filled in. Blocks are found in the template before any value is
 * inserted, so a value with blank lines or "# " stays inside its paragraph.
 */
export function fillDocument(text: string, values: DocumentValues): DocumentBlock[] {
	return text
		.replace(/\r\n?/g, '\n')
		.split(/\n\s*\n/)
		.map((block) => block.trim())
		.filter(Boolean)
		.map((block) =>
			block.startsWith('# ')
				? { kind: 'heading' as const, text: fillText(block.slice(2).trim(), values) }
				: { kind: 'paragraph' as const, text: fillText(block, values) }
		);
}

/** A document's title and blocks in one language (English and French fall back to Dutch). */
export function fillTemplate(
	template: { title: LocalText; body: LocalText },
	locale: Locale,
	values: DocumentValues
): { title: string; blocks: DocumentBlock[] } {
	const pick = (t: LocalText) => localize(t, locale);
	return {
		title: fillText(pick(template.title), values).replace(/\n+/g, ' '),
		blocks: fillDocument(pick(template.body), values)
	};
}

/**
 * Answers of a made-up dossier, for a sample of a template (a clerk checking a document): each
 * input field gets a plausible value of its type, a choice its first option.
 */
export function sampleAnswers(def: { pages: { fields: Field[] }[] }): Record<string, unknown> {
	const answers: Record<string, unknown> = {};
	for (const field of def.pages.flatMap((p) => p.fields)) {
		if (!isInputField(field)) continue;
		const first = 'options' in field && field.options.length > 0 ? field.options[0].value : '';
		const byType: Record<string, unknown> = {
			text: 'Voorbeeld',
			textarea: 'Voorbeeldtekst.',
			email: 'an.peeters@example.be',
			tel: '+32 9 123 45 67',
			number: 'min' in field && typeof field.min === 'number' ? field.min : 1,
			date: '2026-12-07',
			radio: first,
			select: first,
			checkboxes: first ? [first] : [],
			yesNo: true,
			consent: true,
			address: {
				street: 'Kerkstraat',
				number: '1',
				box: '',
				postcode: '9000',
				municipality: 'Gent'
			},
			postcode: '9000',
			nationalNumber: '85073003328',
			enterpriseNumber: '0202239951',
			iban: 'BE68539007547034',
			licensePlate: '1ABC123',
			file: []
		};
		if (field.type in byType) answers[field.key] = byType[field.type];
	}
	return answers;
}

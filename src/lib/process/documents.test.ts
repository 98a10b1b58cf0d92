import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fillDocument, fillTemplate, type DocumentValues } from './documents';
import { parseDefinition } from './loader';

const library = JSON.parse(readFileSync('forms/attest-gezinssamenstelling.json', 'utf8')) as {
	documents?: unknown[];
	[key: string]: unknown;
};

function errorsWith(documents: unknown[]): string[] {
	const result = parseDefinition(
		'forms/attest-gezinssamenstelling.json',
		JSON.stringify({ ...library, documents })
	);
	return result.ok ? [] : result.errors;
}

const attest = (body: string, extra: Record<string, unknown> = {}) => ({
	id: 'attest',
	kind: 'certificate',
	title: { nl: 'Attest {{reference}}' },
	body: { nl: body },
	transitions: ['afleveren'],
	...extra
});

const values: DocumentValues = {
	reference: '2026-000123',
	date: '7 december 2026',
	'applicant.name': 'An Peeters',
	'officer.name': 'Stijn Balie',
	note: 'Onvolledige volmacht',
	municipality: 'Gemeente Testdorp',
	'process.title': 'Attest gezinssamenstelling',
	answers: { doel: 'Kinderbijslag' }
};

describe('document templates in a definition', () => {
	it('accepts the known placeholders and answers of input fields', () => {
		expect(
			errorsWith([
				attest(
					'{{applicant.name}} vroeg op {{date}} om {{answers.doel}} ({{ reference }}), {{officer.name}}, {{municipality}}, {{process.title}}, {{note}}'
				)
			])
		).toEqual([]);
	});

	it('reports an unknown placeholder, an unknown field and an open brace with their path', () => {
		const errors = errorsWith([
			attest('Beste {{aanvrager}},\n\n{{answers.bestaatniet}}', {
				title: { nl: 'Attest', en: 'Certificate {{reference' }
			})
		]);
		expect(errors).toEqual([
			'forms/attest-gezinssamenstelling.json: documents[0].title.en: a "{{" or "}}" without its other half',
			'forms/attest-gezinssamenstelling.json: documents[0].body.nl: unknown placeholder "{{aanvrager}}"',
			'forms/attest-gezinssamenstelling.json: documents[0].body.nl: unknown field "bestaatniet" in "{{answers.bestaatniet}}"'
		]);
	});

	it('reports a transition the workflow does not have and a duplicate id', () => {
		const errors = errorsWith([attest('Tekst'), attest('Tekst', { transitions: ['vergeten'] })]);
		expect(errors).toEqual([
			'forms/attest-gezinssamenstelling.json: documents[1].id: duplicate document "attest"',
			'forms/attest-gezinssamenstelling.json: documents[1].transitions[0]: unknown transition "vergeten"'
		]);
	});

	it('refuses a kind it does not know', () => {
		expect(errorsWith([attest('Tekst', { kind: 'memo' })]).join('\n')).toContain(
			'documents[0].kind'
		);
	});
});

describe('filling a document', () => {
	it('fills placeholders and keeps paragraphs and headings of the template', () => {
		expect(
			fillDocument(
				'# Beslissing\n\nBeste {{applicant.name}},\r\n\r\nDoel: {{answers.doel}}.',
				values
			)
		).toEqual([
			{ kind: 'heading', text: 'Beslissing' },
			{ kind: 'paragraph', text: 'Beste An Peeters,' },
			{ kind: 'paragraph', text: 'Doel: Kinderbijslag.' }
		]);
	});

	it('never reads a value as a placeholder, a heading or a new paragraph', () => {
		const hostile: DocumentValues = {
			...values,
			note: '{{reference}}\n\n# Goedgekeurd\u202e\u0007',
			answers: { doel: '{{officer.name}}' }
		};
		expect(fillDocument('Reden: {{note}}\n\nDoel: {{answers.doel}}', hostile)).toEqual([
			{ kind: 'paragraph', text: 'Reden: {{reference}}\n\n# Goedgekeurd' },
			{ kind: 'paragraph', text: 'Doel: {{officer.name}}' }
		]);
	});

	it('falls back to Dutch and puts the title on one line', () => {
		const filled = fillTemplate(
			{ title: { nl: 'Weigering {{reference}}' }, body: { nl: 'Tekst', en: 'Text' } },
			'en',
			{ ...values, reference: '2026-\n000123' }
		);
		expect(filled).toEqual({
			title: 'Weigering 2026- 000123',
			blocks: [{ kind: 'paragraph', text: 'Text' }]
		});
	});
});

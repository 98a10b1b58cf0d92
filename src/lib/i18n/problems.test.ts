import { describe, expect, it } from 'vitest';
import { testDefinition } from '$lib/process/answers/test-definition';
import { checkDefinition, type DefinitionProblem } from '$lib/process/loader';
import { describeLocation, describeProblem, problemMessage } from './problems';

const broken = (change: (d: Record<string, unknown>) => void) => {
	const d = structuredClone(testDefinition) as unknown as Record<string, unknown>;
	change(d);
	const checked = checkDefinition(d);
	if (checked.ok) throw new Error('expected problems');
	return { d, problems: checked.problems };
};
type Page = { title: unknown; fields: Record<string, unknown>[] };

describe('definition problems in words', () => {
	it('say where a problem is by page title and field label, and what is wrong, in Dutch', () => {
		const { d, problems } = broken((d) => {
			const page = (d.pages as Page[])[0];
			page.fields[0].label = { nl: '' };
		});
		const page = (d.pages as Page[])[0];
		const [problem] = problems;
		expect(problem.message).toBe('Dutch text (nl) is required');
		expect(describeProblem(problem, d, 'nl')).toBe(
			`Pagina ‘${(page.title as { nl: string }).nl}’, veld ‘${String(page.fields[0].key)}’, label (Nederlands): Vul de Nederlandse tekst in.`
		);
		expect(describeProblem(problem, d, 'en')).toMatch(
			/^Page ‘.+’, field ‘.+’, label \(Dutch\): Fill in the Dutch text\.$/
		);
	});

	it('turn schema messages ("Invalid input: expected object, received undefined") into plain words', () => {
		const { d, problems } = broken((d) => {
			delete d.workflow;
			d.id = 'Kapot ID';
		});
		const texts = problems.map((p) => describeProblem(p, d, 'nl'));
		expect(texts).toContain('Werkstroom: Vul dit in.');
		expect(
			texts.some((t) =>
				t.endsWith(
					'Gebruik alleen kleine letters, cijfers en een streepje (-), en begin met een letter.'
				)
			)
		).toBe(true);
		for (const text of texts) expect(text).not.toMatch(/Invalid|expected|received|must be/);
	});

	it('name workflow states by their label and options by their number', () => {
		const d = structuredClone(testDefinition) as unknown as {
			workflow: { states: { id: string; label: { nl: string } }[] };
		};
		const state = d.workflow.states[0];
		expect(describeLocation('workflow.states[0].clock', d, 'nl')).toMatch(
			new RegExp(`^Status ‘${state.label.nl}’, `)
		);
		expect(describeLocation('pages[9].fields[2].options[1].value', {}, 'nl')).toBe(
			'Pagina 10, veld 3, keuze 2, value'
		);
	});

	it('keep every check of the loader in the user language (none falls back to the generic words)', () => {
		const samples: DefinitionProblem[] = [
			'unknown field "kenteken"',
			'"intro" is a paragraph block and has no answer',
			'field "datum" is on a later page (pages[2])',
			'a field cannot depend on itself',
			'field "x" comes after this field',
			'a page can only depend on fields of earlier pages ("x" is on pages[1])',
			'"blauw" is not an option of field "kleur" (rood, groen)',
			'field "x" holds a number, not a string',
			'duplicate option "a"',
			'is more than the 3 options',
			'duplicate page "gegevens"',
			'"controle" is reserved for the form\'s own steps',
			'duplicate key "naam" (also pages[0].fields[1])',
			'give minDays, maxDays or both',
			'duplicate state "klaar"',
			'final state "klaar" must stop the clock',
			'unknown state "weg"',
			'the workflow needs at least one final state',
			'state "x" cannot be reached from the initial state "y"',
			'waiting state "x" needs a transition out of it that the citizen can take',
			'JSON: Unexpected token } in JSON at position 3',
			'unknown field "x" in "{{answers.x}}"',
			'unknown placeholder "{{datum}}"',
			'a "{{" or "}}" without its other half',
			'unknown transition "weg"',
			'duplicate document "attest"'
		].map((message) => ({ path: '', message, issue: { code: 'custom' } }));
		for (const p of samples) {
			expect(problemMessage(p, 'nl'), p.message).not.toBe('Deze waarde is niet geldig.');
			expect(problemMessage(p, 'en'), p.message).not.toBe(p.message);
		}
	});

	it('name a document template by its title, then the text and language, in both languages', () => {
		const d = {
			documents: [{ id: 'attest', title: { nl: 'Attest', en: 'Certificate' }, body: { nl: '' } }]
		};
		const problem = {
			path: 'documents[0].body.nl',
			message: 'unknown field "doelx" in "{{answers.doelx}}"'
		};
		expect(describeProblem(problem, d, 'nl')).toBe(
			'Document ‘Attest’, tekst (Nederlands): Het formulier heeft geen invulveld ‘doelx’ (in {{answers.doelx}}).'
		);
		expect(describeProblem(problem, d, 'en')).toBe(
			'Document ‘Certificate’, text (Dutch): The form has no input field ‘doelx’ (in {{answers.doelx}}).'
		);
		expect(
			describeProblem(
				{ path: 'documents[0].transitions[1]', message: 'unknown transition "weg"' },
				d,
				'nl'
			)
		).toBe('Document ‘Attest’, overgangen: Er is geen overgang ‘weg’.');
		expect(describeLocation('documents[3].title.nl', { documents: [] }, 'nl')).toBe(
			'Document ‘4’, titel (Nederlands)'
		);
		expect(describeLocation('fee.perOption.amounts.halfjaar', {}, 'nl')).toBe(
			'Kostprijs, bedrag per antwoord, ‘halfjaar’'
		);
	});
});

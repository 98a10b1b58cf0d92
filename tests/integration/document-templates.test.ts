// Document templates in the process editor: a clerk adds a template to a draft through the editor's
// forms; a placeholder the form does not have is saved with its problem, publishing is refused
// and names the template; once fixed, the draft is published and the version carries the template.
// The preview renders the draft's template with the sample dossier, marked and never sealed (even
// where a seal is configured).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProblem } from '$lib/i18n/problems';
import { parseDefinition } from '$lib/process/loader';
import type { ProcessDefinition } from '$lib/process/definition';
import type { SessionUser } from '$lib/server/auth/repository';
import type { DocumentSettings } from '$lib/server/documents/service';
import { renderPreview } from '$lib/server/documents/preview';
import * as editor from '$lib/server/processes/editor';
import { readEditForm, type EditAction } from '$lib/server/processes/editor-form';
import { importProcesses } from '../fixtures/processes';
import { makeTestSeal, runPdfsig } from '../fixtures/seal';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const PROCESS = 'attest-gezinssamenstelling';
const dir = mkdtempSync(join(tmpdir(), 'loket-doc-templates-'));

function libraryDefinition(id: string): ProcessDefinition {
	const result = parseDefinition(`forms/${id}.json`, readFileSync(`forms/${id}.json`, 'utf8'));
	if (!result.ok) throw new Error(result.errors.join('\n'));
	return result.definition;
}

function form(values: Record<string, string | string[]>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(values))
		for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
	return f;
}

function save(bytes: Uint8Array): string {
	const file = join(dir, `preview-${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, bytes);
	return file;
}

const pdfText = (file: string) =>
	execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe(`document templates in the editor on ${backend}`, () => {
	let t: TestDatabase;
	let clerk: SessionUser;
	let version: number;
	let revision: number;
	let settings: DocumentSettings;

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [libraryDefinition(PROCESS)]);
		clerk = await addUser(t.db, 'carla@gemeente.be', ['clerk'], 'Carla Clerk');
		version = (await editor.openEditor(PROCESS, clerk.id, t.db))!;
		revision = (await editor.findEditable(PROCESS, version, t.db))!.revision;
		const seal = makeTestSeal(dir);
		settings = {
			municipalityName: 'Gemeente Testdorp',
			logoFile: undefined,
			seal: { p12File: seal.p12File, password: seal.password },
			origin: 'https://loket.testdorp.be'
		};
	});
	afterAll(async () => {
		await t.drop();
	});

	async function post(action: EditAction, values: Record<string, string | string[]>) {
		const result = await editor.edit(
			{ processId: PROCESS, version, revision, actorId: clerk.id },
			(def) => readEditForm(action, form(values), def),
			t.db
		);
		if (result.ok) revision = result.revision;
		return result;
	}

	const input = () => ({ processId: PROCESS, version, revision, actorId: clerk.id });

	const templateForm = (body: string) => ({
		index: '2',
		id: 'verlenging',
		kind: 'permit',
		'title.nl': 'Verlenging',
		'title.en': 'Extension',
		'body.nl': body,
		'body.en': 'Dossier {{reference}} for {{applicant.name}}.',
		transitions: ['afleveren']
	});

	it('saves a template with an unknown placeholder, with its problem at the text', async () => {
		const added = await post('add-document', {});
		expect(added).toMatchObject({ ok: true, subject: 'document-1' });
		const saved = await post(
			'set-document',
			templateForm(
				'# Verlenging\n\nDossier {{reference}}: {{answers.doel}} en {{answers.bestaatNiet}}.'
			)
		);
		expect(saved).toMatchObject({ ok: true, subject: 'verlenging' });
		if (!saved.ok) return;
		expect(saved.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
			'documents[2].body.nl: unknown field "bestaatNiet" in "{{answers.bestaatNiet}}"'
		]);
		const draft = (await editor.findEditable(PROCESS, version, t.db))!;
		const documents = draft.definition.documents as { id: string; body: { nl: string } }[];
		expect(documents[2].body.nl).toContain('{{answers.bestaatNiet}}');
	});

	it('refuses to publish while the problem remains, naming the template and its text', async () => {
		const result = await editor.publish(input(), t.db);
		expect(result).toMatchObject({ ok: false, reason: 'problems' });
		if (result.ok || result.reason !== 'problems') return;
		const draft = (await editor.findEditable(PROCESS, version, t.db))!;
		expect(result.problems.map((p) => describeProblem(p, draft.definition, 'nl'))).toEqual([
			'Document ‘Verlenging’, tekst (Nederlands): Het formulier heeft geen invulveld ‘bestaatNiet’ (in {{answers.bestaatNiet}}).'
		]);
	});

	it('previews the draft’s template with the sample dossier, marked and not sealed', async () => {
		const pdf = await renderPreview(
			{ processId: PROCESS, version, templateId: 'verlenging', locale: 'nl' },
			{ db: t.db, settings }
		);
		expect(pdf?.fileName).toBe(`voorbeeld-${PROCESS}-v${version}-verlenging.pdf`);
		const file = save(pdf!.bytes);
		const text = pdfText(file);
		expect(text).toContain('VOORBEELD — geen geldig document');
		expect(text).toContain('Verlenging');
		expect(text).toContain('Gemeente Testdorp');
		// The sample dossier: its reference and the first option of the purpose field.
		const doel = libraryDefinition(PROCESS)
			.pages.flatMap((p) => p.fields)
			.find((f) => f.key === 'doel');
		const firstOption = doel && 'options' in doel ? doel.options[0].label.nl : '';
		expect(firstOption).not.toBe('');
		expect(text).toContain(`Dossier 2026-000123: ${firstOption} en .`);
		expect(runPdfsig(file)).not.toContain('Signature is Valid');
		const english = await renderPreview(
			{ processId: PROCESS, version, templateId: 'verlenging', locale: 'en' },
			{ db: t.db, settings }
		);
		const englishText = pdfText(save(english!.bytes));
		expect(englishText).toContain('PREVIEW — not a valid document');
		expect(englishText).toContain('Dossier 2026-000123 for An Peeters.');
		expect(
			await renderPreview(
				{ processId: PROCESS, version, templateId: 'bestaat-niet', locale: 'nl' },
				{ db: t.db, settings }
			)
		).toBeNull();
	});

	it('publishes once the placeholder is fixed, and the published version carries the template', async () => {
		const fixed = await post(
			'set-document',
			templateForm('# Verlenging\n\nDossier {{reference}}: {{answers.doel}}.')
		);
		expect(fixed).toMatchObject({ ok: true, problems: [] });
		const published = await editor.publish(input(), t.db);
		expect(published).toMatchObject({ ok: true });
		if (!published.ok) return;
		expect(published.definition.documents?.map((d) => d.id)).toEqual([
			'attest',
			'weigering',
			'verlenging'
		]);
		const stored = (await editor.findEditable(PROCESS, version, t.db))!;
		expect(stored.status).toBe('published');
		expect(stored.definition.documents).toContainEqual({
			id: 'verlenging',
			kind: 'permit',
			title: { nl: 'Verlenging', en: 'Extension' },
			body: {
				nl: '# Verlenging\n\nDossier {{reference}}: {{answers.doel}}.',
				en: 'Dossier {{reference}} for {{applicant.name}}.'
			},
			transitions: ['afleveren']
		});
		// A published version is not edited any more.
		expect(await post('remove-document', { index: '2' })).toMatchObject({
			ok: false,
			reason: 'not-a-draft'
		});
	});
});

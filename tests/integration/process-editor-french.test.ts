// The builder keeps a French text through saving, loading and publishing; a text a clerk left
// without French falls back to Dutch, marked, on the published version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localizeMarked, type LocalText } from '$lib/process/text';
import type { ProcessDefinition } from '$lib/process/definition';
import { loadLibrary } from '$lib/server/processes/library';
import * as processes from '$lib/server/processes/service';
import * as editor from '$lib/server/processes/editor';
import { readEditForm, type EditAction } from '$lib/server/processes/editor-form';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const library = loadLibrary();

describe(`French in the process builder on ${backend}`, () => {
	let t: TestDatabase;
	let clerk: string;
	let version: number;
	let revision: number;
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary(library.definitions, t.db);
		clerk = (
			await t.db
				.insertInto('appUser')
				.values({ email: 'france@stad.be', name: 'France Clerk', roles: ['clerk'] })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		version = (await editor.openEditor('klacht', clerk, t.db))!;
		revision = (await editor.findEditable('klacht', version, t.db))!.revision;
	});
	afterAll(async () => {
		await t.drop();
	});

	async function post(action: EditAction, values: Record<string, string>) {
		const form = new FormData();
		for (const [k, v] of Object.entries(values)) form.set(k, v);
		const result = await editor.edit(
			{ processId: 'klacht', version, revision, actorId: clerk },
			(def) => readEditForm(action, form, def),
			t.db
		);
		if (result.ok) revision = result.revision;
		return result;
	}
	const fieldOf = (definition: unknown, key: string) =>
		(definition as ProcessDefinition).pages.flatMap((p) => p.fields).find((f) => f.key === key) as {
			label: LocalText;
			hint?: LocalText;
		};

	it('ships the library with French, kept as imported', async () => {
		const published = await processes.getVersion('klacht', 1, t.db);
		expect(published.title.fr).toBe('Plainte concernant nos services');
	});

	it('saves a French label and hint, refuses an empty Dutch one next to it, and loads them back', async () => {
		expect(await post('add-field', { page: '0', type: 'yesNo' })).toMatchObject({ ok: true });
		const onlyFrench = await post('set-field', {
			key: 'yesNo1',
			'label.nl': '',
			'label.fr': 'Souhaitez-vous rester anonyme ?'
		});
		expect(onlyFrench.ok && onlyFrench.problems.map((p) => p.path)).toEqual([
			expect.stringMatching(/^pages\[0\]\.fields\[\d+\]\.label\.nl$/)
		]);
		const saved = await post('set-field', {
			key: 'yesNo1',
			'label.nl': 'Wilt u anoniem blijven?',
			'label.en': 'Do you want to stay anonymous?',
			'label.fr': 'Souhaitez-vous rester anonyme ?',
			'hint.nl': 'We behandelen uw klacht altijd vertrouwelijk.',
			'hint.fr': ''
		});
		expect(saved).toMatchObject({ ok: true, problems: [] });
		const draft = await editor.findEditable('klacht', version, t.db);
		expect(fieldOf(draft!.definition, 'yesNo1')).toMatchObject({
			label: {
				nl: 'Wilt u anoniem blijven?',
				en: 'Do you want to stay anonymous?',
				fr: 'Souhaitez-vous rester anonyme ?'
			},
			hint: { nl: 'We behandelen uw klacht altijd vertrouwelijk.' }
		});
	});

	it('publishes the French; the text left without it shows in Dutch, marked', async () => {
		const published = await editor.publish(
			{ processId: 'klacht', version, revision, actorId: clerk },
			t.db
		);
		expect(published.ok).toBe(true);
		const stored = await processes.getVersion('klacht', version, t.db);
		const field = fieldOf(stored, 'yesNo1');
		expect(localizeMarked(field.label, 'fr')).toEqual({
			text: 'Souhaitez-vous rester anonyme ?',
			lang: undefined
		});
		expect(localizeMarked(field.hint!, 'fr')).toEqual({
			text: 'We behandelen uw klacht altijd vertrouwelijk.',
			lang: 'nl'
		});
		const current = await processes.findProduct('klacht', t.db);
		expect(current?.version).toBe(version);
	});
});

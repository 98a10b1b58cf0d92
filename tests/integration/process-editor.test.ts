import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '$lib/server/processes/library';
import * as processes from '$lib/server/processes/service';
import * as editor from '$lib/server/processes/editor';
import { readEditForm, type EditAction } from '$lib/server/processes/editor-form';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const library = loadLibrary();

function form(values: Record<string, string | string[]>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(values))
		for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
	return f;
}

describe(`process editor on ${backend}`, () => {
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
				.values({ email: 'carla@stad.be', name: 'Carla Clerk', roles: ['clerk'] })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
		version = (await editor.openEditor('klacht', clerk, t.db))!;
		revision = (await editor.findEditable('klacht', version, t.db))!.revision;
	});
	afterAll(async () => {
		await t.drop();
	});

	async function post(action: EditAction, values: Record<string, string | string[]>) {
		const result = await editor.edit(
			{ processId: 'klacht', version, revision, actorId: clerk },
			(def) => readEditForm(action, form(values), def),
			t.db
		);
		if (result.ok) revision = result.revision;
		return result;
	}

	it('parses the version in the URL', () => {
		expect(editor.parseVersion('new')).toBe('new');
		expect(editor.parseVersion('3')).toBe(3);
		expect(editor.parseVersion('03')).toBeNull();
		expect(editor.parseVersion('00000000-0000')).toBeNull();
	});

	it('saves an added field with its problem at the label, then without once it is filled in', async () => {
		const added = await post('add-field', { page: '0', type: 'yesNo' });
		expect(added).toMatchObject({ ok: true, subject: 'yesNo1' });
		if (!added.ok) return;
		expect(added.problems.some((p) => /^pages\[0\]\.fields\[\d+\]\.label\.nl$/.test(p.path))).toBe(
			true
		);
		const filled = await post('set-field', {
			key: 'yesNo1',
			'label.nl': 'Wilt u anoniem blijven?',
			'label.en': 'Do you want to stay anonymous?',
			required: 'on'
		});
		expect(filled).toMatchObject({ ok: true, problems: [] });
	});

	it('adds a required field shown only on an earlier answer, and refuses to remove what it reads', async () => {
		await post('add-field', { page: '0', type: 'text' });
		await post('set-field', {
			key: 'text1',
			'label.nl': 'Waarom?',
			required: 'on',
			maxLength: '200'
		});
		const cond = await post('set-condition', {
			key: 'text1',
			source: 'yesNo1',
			operator: 'equals',
			value: 'ja'
		});
		expect(cond).toMatchObject({ ok: true, problems: [] });
		const draft = await editor.findEditable('klacht', version, t.db);
		const fields = (draft!.definition.pages as { fields: { key: string; showIf?: unknown }[] }[])[0]
			.fields;
		expect(fields.find((f) => f.key === 'text1')?.showIf).toEqual({
			field: 'yesNo1',
			equals: true
		});
		expect(await post('remove-field', { key: 'yesNo1' })).toMatchObject({
			ok: false,
			reason: 'refused',
			refusal: 'referenced',
			detail: 'field "text1"'
		});
	});

	it('refuses a save from a stale page, naming who changed the draft', async () => {
		const stale = await editor.edit(
			{ processId: 'klacht', version, revision: revision - 1, actorId: clerk },
			(def) => readEditForm('add-page', form({}), def),
			t.db
		);
		expect(stale).toMatchObject({ ok: false, reason: 'conflict', changedBy: 'Carla Clerk' });
	});

	it('publishes only without problems; then the version is no longer editable', async () => {
		await post('add-state', {});
		const refused = await editor.publish(
			{ processId: 'klacht', version, revision, actorId: clerk },
			t.db
		);
		expect(refused).toMatchObject({ ok: false, reason: 'problems' });
		const draft = await editor.findEditable('klacht', version, t.db);
		const states = (draft!.definition.workflow as { states: unknown[] }).states;
		expect(await post('remove-state', { index: String(states.length - 1) })).toMatchObject({
			ok: true,
			problems: []
		});
		const published = await editor.publish(
			{ processId: 'klacht', version, revision, actorId: clerk },
			t.db
		);
		expect(published.ok).toBe(true);
		expect(await post('add-page', {})).toMatchObject({ ok: false, reason: 'not-a-draft' });
	});
});

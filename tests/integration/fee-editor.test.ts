// The fee's amounts per answer in the process editor: a clerk chooses the field the amount depends
// on and fills in an amount per option; one that is not a number is saved as typed with its
// problem; choosing no field leaves only the fixed amount. Publishing carries the amounts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDefinition } from '$lib/process/loader';
import { computeFeeCents } from '$lib/process/fees';
import type { ProcessDefinition } from '$lib/process/definition';
import * as editor from '$lib/server/processes/editor';
import {
	describeFeeEditor,
	readEditForm,
	type EditAction
} from '$lib/server/processes/editor-form';
import { importProcesses } from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const PROCESS = 'bewonerskaart';

function libraryDefinition(id: string): ProcessDefinition {
	const result = parseDefinition(`forms/${id}.json`, readFileSync(`forms/${id}.json`, 'utf8'));
	if (!result.ok) throw new Error(result.errors.join('\n'));
	return result.definition;
}

function form(values: Record<string, string>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(values)) f.append(k, v);
	return f;
}

describe(`fee amounts per answer in the editor on ${backend}`, () => {
	let t: TestDatabase;
	let clerk: string;
	let version: number;
	let revision: number;

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [libraryDefinition(PROCESS)]);
		clerk = (await addUser(t.db, 'carla@gemeente.be', ['clerk'], 'Carla Clerk')).id;
		version = (await editor.openEditor(PROCESS, clerk, t.db))!;
		revision = (await editor.findEditable(PROCESS, version, t.db))!.revision;
	});
	afterAll(async () => {
		await t.drop();
	});

	async function post(action: EditAction, values: Record<string, string>) {
		const result = await editor.edit(
			{ processId: PROCESS, version, revision, actorId: clerk },
			(def) => readEditForm(action, form(values), def),
			t.db
		);
		if (result.ok) revision = result.revision;
		return result;
	}
	const draft = async () => (await editor.findEditable(PROCESS, version, t.db))!;

	it('shows the field the amount depends on and the amount of each of its options', async () => {
		const view = describeFeeEditor((await draft()).definition);
		expect(view.field).toBe('periode');
		expect(view.fields.map((f) => f.key)).toEqual([
			'eigendom',
			'soortAanvraag',
			'welkeKaart',
			'periode'
		]);
		expect(view.options.map((o) => [o.value, o.amount])).toEqual([
			['jaar', '40'],
			['halfjaar', '20'],
			['tijdelijk', '10']
		]);
	});

	it('saves an amount that is not a number as typed, with its problem, and a fixed one after', async () => {
		const wrong = await post('set-fee-options', {
			key: 'periode',
			'amount.jaar': '45,50',
			'amount.halfjaar': 'twintig',
			'amount.tijdelijk': ''
		});
		expect(wrong).toMatchObject({ ok: true });
		if (!wrong.ok) return;
		expect(wrong.problems.map((p) => p.path)).toEqual(['fee.perOption.amounts.halfjaar']);
		expect((await draft()).definition.fee).toMatchObject({
			perOption: { field: 'periode', amounts: { jaar: 45.5, halfjaar: 'twintig' } }
		});
		const fixed = await post('set-fee-options', {
			key: 'periode',
			'amount.jaar': '45,50',
			'amount.halfjaar': '22.75',
			'amount.tijdelijk': ''
		});
		expect(fixed).toMatchObject({ ok: true, problems: [] });
		const published = await editor.publish(
			{ processId: PROCESS, version, revision, actorId: clerk },
			t.db
		);
		expect(published.ok).toBe(true);
		if (!published.ok) return;
		const fee = published.definition.fee;
		expect(fee.perOption).toEqual({ field: 'periode', amounts: { jaar: 45.5, halfjaar: 22.75 } });
		// An option without an amount costs the fixed amount.
		expect(computeFeeCents(fee, { periode: 'halfjaar' })).toBe(2275);
		expect(computeFeeCents(fee, { periode: 'tijdelijk' })).toBe(4000);
	});

	it('another field takes only its own options; no field leaves the fixed amount', async () => {
		version = (await editor.openEditor(PROCESS, clerk, t.db))!;
		revision = (await draft()).revision;
		const other = await post('set-fee-options', {
			key: 'welkeKaart',
			'amount.jaar': '40',
			'amount.tweede': '75'
		});
		expect(other).toMatchObject({ ok: true, problems: [] });
		expect((await draft()).definition.fee).toMatchObject({
			perOption: { field: 'welkeKaart', amounts: { tweede: 75 } }
		});
		const none = await post('set-fee-options', { key: '' });
		expect(none).toMatchObject({ ok: true, problems: [] });
		expect((await draft()).definition.fee).not.toHaveProperty('perOption');
		expect((await draft()).definition.fee).toMatchObject({ amount: 40, due: 'decision' });
	});
});

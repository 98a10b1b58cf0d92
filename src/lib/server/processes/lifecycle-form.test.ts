import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES, PROCESS_ID_MAX } from './lifecycle';
import {
	discardDraftSchema,
	duplicateSchema,
	importSchema,
	newProcessErrors,
	newProcessSchema,
	toSource
} from './lifecycle-form';

const posted = (entries: [string, string | File][]) => {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
};

describe('the process pages’ forms', () => {
	it('reads a new process as typed, and leaves a missing id or title to the service', async () => {
		const form = await superValidate(
			posted([
				['id', ' klacht-jeugd '],
				['title', ' Klacht jeugddienst '],
				['from', 'klacht@2']
			]),
			zod4(newProcessSchema)
		);
		expect(form.valid).toBe(true);
		expect(form.data).toEqual({
			id: 'klacht-jeugd',
			title: 'Klacht jeugddienst',
			from: 'klacht@2'
		});
		expect(toSource(form.data.from)).toEqual({ processId: 'klacht', version: 2 });
		const blank = await superValidate(posted([]), zod4(newProcessSchema));
		expect(blank.valid).toBe(true);
		expect(toSource(blank.data.from)).toBeNull();
	});

	it('refuses an over-long id and a source the select never offers, keeping what was typed', async () => {
		const id = 'a'.repeat(PROCESS_ID_MAX + 1);
		const form = await superValidate(
			posted([
				['id', id],
				['title', 'Titel'],
				['from', 'klacht@0']
			]),
			zod4(newProcessSchema)
		);
		expect(form.valid).toBe(false);
		expect(form.errors).toEqual({
			id: [`Het id mag hoogstens ${PROCESS_ID_MAX} tekens lang zijn.`],
			from: ['Kies een bestaande versie om van te beginnen.']
		});
		expect(form.data.id).toBe(id);
		expect(form.data.title).toBe('Titel');
	});

	it('reads a copy’s hidden version, and reports a wrong one', async () => {
		const good = await superValidate(
			posted([
				['newId', 'kopie'],
				['version', '3']
			]),
			zod4(duplicateSchema)
		);
		expect(good.data).toEqual({ newId: 'kopie', version: 3 });
		const bad = await superValidate(
			posted([
				['newId', 'kopie'],
				['version', 'x']
			]),
			zod4(duplicateSchema)
		);
		expect(bad.errors).toEqual({ version: ['Kies een bestaande versie om van te beginnen.'] });
		expect(newProcessErrors({ from: 'unknown' }, 'newId')).toEqual({
			newId: 'Kies een bestaande versie om van te beginnen.'
		});
	});

	it('reads the version and revision of a draft to throw away', async () => {
		const form = await superValidate(
			posted([
				['version', '2'],
				['revision', '7']
			]),
			zod4(discardDraftSchema)
		);
		expect(form.data).toEqual({ version: 2, revision: 7 });
		expect((await superValidate(posted([]), zod4(discardDraftSchema))).valid).toBe(false);
	});

	it('takes a definition file up to its limit, with a message for none and for too large', async () => {
		const file = new File(['{"id":"x"}'], 'x.json', { type: 'application/json' });
		const good = await superValidate(posted([['file', file]]), zod4(importSchema));
		expect(good.valid).toBe(true);
		expect(await good.data.file.text()).toBe('{"id":"x"}');
		const none = await superValidate(posted([]), zod4(importSchema));
		const empty = await superValidate(posted([['file', new File([], '')]]), zod4(importSchema));
		for (const refused of [none, empty])
			expect(refused.errors).toEqual({ file: ['Kies een JSON-bestand.'] });
		const large = new File([new Uint8Array(IMPORT_MAX_BYTES + 1)], 'groot.json');
		const tooLarge = await superValidate(posted([['file', large]]), zod4(importSchema));
		expect(tooLarge.errors).toEqual({
			file: [`Het bestand is te groot: hoogstens ${IMPORT_MAX_BYTES / 1000} kB.`]
		});
	});
});

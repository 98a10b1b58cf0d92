import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import {
	assignSchema,
	bulkSchema,
	handOverErrors,
	handOverSchema,
	messageError,
	messageSchema,
	transitionNoteError,
	transitionSchema
} from './form';

const posted = (entries: [string, string][]) => {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
};

describe('the dossier page’s forms', () => {
	it('read a step as posted, with its form’s id, and keep the note as typed', async () => {
		const form = await superValidate(
			posted([
				['__superform_id', 'transition-afwijzen'],
				['transition', 'afwijzen'],
				['version', '7'],
				['note', '  Niet volledig. '],
				['documents', 'Een attest\nEen foto']
			]),
			zod4(transitionSchema)
		);
		expect(form.valid).toBe(true);
		expect(form.id).toBe('transition-afwijzen');
		expect(form.data).toEqual({
			transition: 'afwijzen',
			version: 7,
			note: '  Niet volledig. ',
			documents: 'Een attest\nEen foto'
		});
	});

	it('read a post without the version as version 0, which the service refuses as a conflict', async () => {
		for (const schema of [transitionSchema, assignSchema, handOverSchema]) {
			const form = await superValidate(posted([['anything', 'x']]), zod4(schema));
			expect(form.valid).toBe(true);
			expect(form.data.version).toBe(0);
		}
		const broken = await superValidate(posted([['version', 'twee']]), zod4(assignSchema));
		expect(broken.valid).toBe(false);
	});

	it('read a message as an internal note unless it is for the citizen', async () => {
		const note = await superValidate(posted([['body', 'Bellen']]), zod4(messageSchema));
		// Without the form's message id the service makes one (only the guard against doubles is lost).
		expect(note.data).toEqual({ body: 'Bellen', kind: 'internal', messageId: '' });
		const id = '6f1c0d4e-2b7a-4c1e-9d3f-8a5b7c9e1f20';
		const mail = await superValidate(
			posted([
				['body', 'Dag'],
				['kind', 'citizen'],
				['messageId', id]
			]),
			zod4(messageSchema)
		);
		expect(mail.data).toEqual({ body: 'Dag', kind: 'citizen', messageId: id });
		const other = await superValidate(posted([['kind', 'iedereen']]), zod4(messageSchema));
		expect(other.valid).toBe(false);
	});

	it('put the handling service’s refusals next to their fields', () => {
		expect(transitionNoteError('note-required')).toBe('Schrijf een toelichting.');
		expect(transitionNoteError('too-long')).toBe('De tekst is te lang: maximaal 5000 tekens.');
		expect(messageError('empty')).toBe('Schrijf een tekst.');
		expect(messageError('too-long')).toBe('De tekst is te lang: maximaal 5000 tekens.');
		expect(handOverErrors('note-required')).toEqual({
			note: 'Schrijf waarom u het dossier overdraagt.'
		});
		expect(handOverErrors('too-long')).toEqual({
			note: 'De tekst is te lang: maximaal 5000 tekens.'
		});
		expect(handOverErrors('same-department')).toEqual({
			department: 'Het dossier is al bij die dienst. Kies een andere.'
		});
		expect(handOverErrors('not-found')).toEqual({
			department: 'Kies de dienst die het dossier overneemt.'
		});
	});
});

describe('the inbox’s bulk form', () => {
	it('reads every ticked dossier, the button pressed and the choices', async () => {
		const form = await superValidate(
			posted([
				['dossier', 'a:1'],
				['dossier', 'b:2'],
				['do', 'transition'],
				['assignee', 'me'],
				['transition', 'starten'],
				['note', 'Samen']
			]),
			zod4(bulkSchema)
		);
		expect(form.valid).toBe(true);
		expect(form.data).toEqual({
			dossier: ['a:1', 'b:2'],
			do: 'transition',
			assignee: 'me',
			transition: 'starten',
			note: 'Samen'
		});
		const none = await superValidate(posted([['anything', 'x']]), zod4(bulkSchema));
		expect(none.valid).toBe(true);
		expect(none.data.dossier).toEqual([]);
	});
});

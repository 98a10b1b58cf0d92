import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { departmentEditSchema, departmentSchema, updateErrors } from './form';

const posted = (entries: [string, string][]) => {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
};

describe('the department forms', () => {
	it('reads a save as posted, and leaves a missing name to the service', async () => {
		const form = await superValidate(
			posted([
				['name', ' Groendienst '],
				['members', 'a'],
				['members', 'b'],
				['processes', 'klacht']
			]),
			zod4(departmentEditSchema)
		);
		expect(form.valid).toBe(true);
		expect(form.data).toEqual({ name: 'Groendienst', members: ['a', 'b'], processes: ['klacht'] });
		const empty = await superValidate(posted([]), zod4(departmentEditSchema));
		expect(empty.valid).toBe(true);
		expect(empty.data).toEqual({ name: '', members: [], processes: [] });
	});

	it('refuses a name over 100 characters with the service’s message, keeping what was typed', async () => {
		const name = 'x'.repeat(101);
		const form = await superValidate(posted([['name', name]]), zod4(departmentSchema));
		expect(form.valid).toBe(false);
		expect(form.errors.name).toEqual(['De naam mag hoogstens 100 tekens lang zijn.']);
		expect(form.data.name).toBe(name);
		const fits = await superValidate(posted([['name', 'x'.repeat(100)]]), zod4(departmentSchema));
		expect(fits.valid).toBe(true);
	});

	it('puts each refusal of a save next to its field', () => {
		expect(updateErrors({ name: 'taken', orphans: ['klacht'], unknown: true })).toEqual({
			name: 'Er is al een dienst met die naam.',
			processes:
				'Dan hoort dit proces bij geen enkele dienst meer: klacht. Geef het eerst aan een andere dienst.',
			members:
				'Een gekozen medewerker of proces bestaat niet meer. Laad de pagina opnieuw en kies opnieuw.'
		});
	});
});

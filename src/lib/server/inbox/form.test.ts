import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { savedFilterError, savedFilterSchema } from './form';

const posted = (entries: [string, string][]) => {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
};

describe('the saved-filter form', () => {
	it('reads a name and the query as posted, and leaves a missing name to the service', async () => {
		const form = await superValidate(
			posted([
				['name', ' Zeppelins '],
				['query', 'process=klacht&q=zeppelin']
			]),
			zod4(savedFilterSchema)
		);
		expect(form.valid).toBe(true);
		expect(form.data).toEqual({ name: 'Zeppelins', query: 'process=klacht&q=zeppelin' });
		const empty = await superValidate(posted([]), zod4(savedFilterSchema));
		expect(empty.valid).toBe(true);
		expect(empty.data).toEqual({ name: '', query: '' });
	});

	it('refuses a name over 100 characters with the service’s message, keeping what was typed', async () => {
		const name = 'x'.repeat(101);
		const form = await superValidate(posted([['name', name]]), zod4(savedFilterSchema));
		expect(form.valid).toBe(false);
		expect(form.errors.name).toEqual(['Gebruik een naam van hoogstens 100 tekens.']);
		expect(form.data.name).toBe(name);
		expect(savedFilterError('name-too-long')).toBe(form.errors.name?.[0]);
		expect(savedFilterError('name-required')).toBe('Geef de filter een naam.');
	});
});

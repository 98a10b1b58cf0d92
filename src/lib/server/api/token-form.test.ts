import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { revokeSchema, tokenErrors, tokenSchema } from './token-form';

const posted = (entries: [string, string][]) => {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
};

describe('the API token forms', () => {
	it('reads a new token as posted, and leaves the rules to the service', async () => {
		const form = await superValidate(
			posted([
				['name', ' Mid-office '],
				['access', 'write'],
				['processIds', 'klacht'],
				['processIds', 'adreswijziging'],
				['scopes', 'admin']
			]),
			zod4(tokenSchema)
		);
		expect(form.valid).toBe(true);
		expect(form.data).toEqual({
			name: 'Mid-office',
			access: 'write',
			processIds: ['klacht', 'adreswijziging']
		});
		const empty = await superValidate(posted([]), zod4(tokenSchema));
		expect(empty.valid).toBe(true);
		expect(empty.data).toEqual({ name: '', access: '', processIds: [] });
	});

	it('refuses a name over the limit with the service’s message, keeping what was typed', async () => {
		const name = 'x'.repeat(101);
		const form = await superValidate(posted([['name', name]]), zod4(tokenSchema));
		expect(form.valid).toBe(false);
		expect(form.errors.name).toEqual(['De naam mag hoogstens 100 tekens lang zijn.']);
		expect(form.data.name).toBe(name);
	});

	it('puts each refusal next to its field', () => {
		expect(
			tokenErrors([
				{ name: 'name', code: 'required' },
				{ name: 'access', code: 'required' },
				{ name: 'processIds', code: 'unknown' }
			])
		).toEqual({
			name: 'Vul een naam in.',
			access: 'Kies de toegang van het token.',
			processIds: 'Kies alleen processen uit de lijst.'
		});
		expect(tokenErrors([{ name: 'name', code: 'too-long' }]).name).toBe(
			'De naam mag hoogstens 100 tekens lang zijn.'
		);
	});

	it('revokes only with the box ticked', async () => {
		const unticked = await superValidate(posted([]), zod4(revokeSchema));
		expect(unticked.valid).toBe(false);
		expect(unticked.errors.confirm).toEqual(['Vink aan dat u begrijpt wat intrekken doet.']);
		const ticked = await superValidate(posted([['confirm', 'yes']]), zod4(revokeSchema));
		expect(ticked.valid).toBe(true);
	});
});

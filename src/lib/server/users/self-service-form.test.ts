import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { digestSchema } from '../digest/form';
import { changePasswordErrors, changePasswordSchema } from './self-service-form';

const posted = (entries: [string, string][]) => {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
};

describe('the account page’s forms', () => {
	it('asks for both passwords, and leaves the rules of a new one to the users service', async () => {
		const empty = await superValidate(posted([]), zod4(changePasswordSchema));
		expect(empty.valid).toBe(false);
		expect(empty.errors).toEqual({
			currentPassword: ['Vul uw wachtwoord in.'],
			newPassword: ['Vul uw wachtwoord in.']
		});
		const short = await superValidate(
			posted([
				['currentPassword', ' oud '],
				['newPassword', 'kort']
			]),
			zod4(changePasswordSchema)
		);
		expect(short.valid).toBe(true);
		expect(short.data).toEqual({ currentPassword: ' oud ', newPassword: 'kort' });
	});

	it('puts a refused change next to the password it is about', () => {
		expect(changePasswordErrors('invalid')).toEqual({
			currentPassword: 'Uw huidige wachtwoord klopt niet.'
		});
		expect(changePasswordErrors('too-short')).toEqual({
			newPassword: 'Uw wachtwoord moet minstens 12 tekens lang zijn.'
		});
	});

	it('reads the daily e-mail box: ticked is on, not posted is off', async () => {
		const on = await superValidate(posted([['digest', 'on']]), zod4(digestSchema));
		expect(on.data).toEqual({ digest: true });
		const off = await superValidate(posted([]), zod4(digestSchema));
		expect(off.valid).toBe(true);
		expect(off.data).toEqual({ digest: false });
	});
});

import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { withhold } from '../web/forms';
import { acceptSchema } from '../users/admin-form';
import { closeSchema } from '../users/self-service-form';
import {
	accountRefusalError,
	accountSchema,
	emailLinkSchema,
	loginSchema,
	verifySchema
} from './form';

const posted = (entries: [string, string][]) => {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
};

describe('the public account forms', () => {
	it('says what is missing next to each field, all at once', async () => {
		const empty = await superValidate(posted([]), zod4(accountSchema));
		expect(empty.valid).toBe(false);
		expect(empty.errors).toEqual({
			name: ['Vul uw naam in.'],
			email: ['Vul uw e-mailadres in.'],
			password: ['Vul uw wachtwoord in.']
		});
	});

	it('keeps what was typed after a refusal, and reads a good post trimmed', async () => {
		const long = 'x'.repeat(201);
		const refused = await superValidate(
			posted([
				['name', long],
				['email', ' a@b.be ']
			]),
			zod4(accountSchema)
		);
		expect(refused.errors.name).toEqual(['Uw naam mag hoogstens 200 tekens lang zijn.']);
		expect(refused.data).toMatchObject({ name: long, email: ' a@b.be ' });
		const good = await superValidate(
			posted([
				['name', ' An\u202Ee '],
				['email', ' a@b.be '],
				['password', ' met spaties ']
			]),
			zod4(accountSchema)
		);
		expect(good.valid).toBe(true);
		// Bidirectional controls are dropped from the name; a password is taken as typed.
		expect(good.data).toEqual({ name: 'Ane', email: 'a@b.be', password: ' met spaties ' });
	});

	it('never sends a password back', async () => {
		const form = await superValidate(
			posted([
				['email', 'a@b.be'],
				['password', 'geheim']
			]),
			zod4(loginSchema)
		);
		expect(withhold(form, 'password')).toEqual({ password: 'geheim' });
		expect(form.data).toEqual({ email: 'a@b.be', password: '' });
	});

	it('asks for an address that looks like one before a link is sent', async () => {
		const wrong = await superValidate(posted([['email', 'geen adres']]), zod4(emailLinkSchema));
		expect(wrong.errors.email).toEqual(['Vul een geldig e-mailadres in, zoals naam@voorbeeld.be.']);
		expect(wrong.data.email).toBe('geen adres');
	});

	it('says the messages in the language of the request that reads the post', async () => {
		const before = getLocale;
		overwriteGetLocale(() => 'en');
		try {
			const form = await superValidate(posted([]), zod4(verifySchema));
			expect(form.errors.password).toEqual(['Enter the password you chose when you registered.']);
			expect(accountRefusalError('too-short')).toEqual({
				password: 'Your password must be at least 12 characters long.'
			});
		} finally {
			overwriteGetLocale(before);
		}
		const dutch = await superValidate(posted([]), zod4(verifySchema));
		expect(dutch.errors.password).toEqual([
			'Vul het wachtwoord in dat u bij het registreren koos.'
		]);
	});

	it('reads an accepted invitation: a name and a password', async () => {
		const form = await superValidate(posted([['name', '  ']]), zod4(acceptSchema));
		expect(form.errors).toEqual({
			name: ['Vul uw naam in.'],
			password: ['Vul uw wachtwoord in.']
		});
	});

	it('deletes an account only with the box ticked (the password or address is the service’s)', async () => {
		const empty = await superValidate(posted([]), zod4(closeSchema));
		expect(empty.errors).toEqual({
			closeConfirm: ['Vink aan dat u uw account wilt verwijderen.']
		});
		const ticked = await superValidate(
			posted([
				['closePassword', 'geheim'],
				['closeConfirm', 'yes']
			]),
			zod4(closeSchema)
		);
		expect(ticked.valid).toBe(true);
		expect(ticked.data).toEqual({ closePassword: 'geheim', closeEmail: '', closeConfirm: true });
	});
});

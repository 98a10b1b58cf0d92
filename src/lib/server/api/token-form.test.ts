import { describe, expect, it } from 'vitest';
import { readRevokeConfirmation, readTokenForm, tokenErrors } from './token-form';

describe('the API token forms', () => {
	it('reads a new token as posted', () => {
		const form = new FormData();
		form.set('name', ' Mid-office ');
		form.set('access', 'write');
		form.append('processIds', 'klacht');
		form.append('processIds', 'adreswijziging');
		expect(readTokenForm(form)).toEqual({
			name: ' Mid-office ',
			access: 'write',
			processIds: ['klacht', 'adreswijziging']
		});
		expect(readTokenForm(new FormData())).toEqual({ name: '', access: '', processIds: [] });
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

	it('revokes only with the box ticked', () => {
		const form = new FormData();
		expect(readRevokeConfirmation(form)).toBe(false);
		form.set('confirm', 'yes');
		expect(readRevokeConfirmation(form)).toBe(true);
	});
});

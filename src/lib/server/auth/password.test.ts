import { describe, expect, it } from 'vitest';
import {
	DUMMY_PASSWORD_HASH,
	checkPasswordStrength,
	hashPassword,
	verifyPassword
} from './password';

describe('password hashing', () => {
	it('hashes with argon2id and the agreed parameters, and verifies', async () => {
		const stored = await hashPassword('correct horse battery staple');
		expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
		expect(await verifyPassword(stored, 'correct horse battery stapler')).toBe(false);
	});

	it('salts: the same password hashes differently twice', async () => {
		expect(await hashPassword('zelfde wachtwoord')).not.toBe(
			await hashPassword('zelfde wachtwoord')
		);
	});

	it('answers false for an unreadable hash instead of throwing', async () => {
		expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
	});

	it('has a dummy hash with the same parameters that matches nothing useful', async () => {
		expect(DUMMY_PASSWORD_HASH).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(DUMMY_PASSWORD_HASH, '')).toBe(false);
	});
});

describe('password policy', () => {
	const who = { email: 'Ada.Peeters@example.be', name: 'Ada Peeters' };

	it('accepts a long, unrelated passphrase', () => {
		expect(checkPasswordStrength('paarse olifant op de fiets', who)).toBeNull();
	});

	it('refuses too short and too long', () => {
		expect(checkPasswordStrength('kort!', who)).toBe('too-short');
		expect(checkPasswordStrength('elf tekens!', who)).toBe('too-short');
		expect(checkPasswordStrength('x'.repeat(201), who)).toBe('too-long');
		expect(checkPasswordStrength('ab'.repeat(100), who)).toBeNull();
	});

	it('counts characters, not UTF-16 units', () => {
		expect(checkPasswordStrength('😀😀😀😀😀😀', who)).toBe('too-short');
	});

	it('refuses the e-mail address or its local part, in any case', () => {
		expect(checkPasswordStrength('ada.peeters@example.be', who)).toBe('contains-email');
		expect(checkPasswordStrength('ADA.PEETERS2024!', who)).toBe('contains-email');
	});

	it('refuses the name', () => {
		expect(checkPasswordStrength('ikbenpeeters123', who)).toBe('contains-name');
	});

	it('refuses common passwords, repeats and plain digits', () => {
		expect(checkPasswordStrength('Password1234', who)).toBe('common');
		expect(checkPasswordStrength('wachtwoord123', who)).toBe('common');
		expect(checkPasswordStrength('aaaaaaaaaaaaaa', who)).toBe('common');
		expect(checkPasswordStrength('98765432109876', who)).toBe('common');
	});

	it('works without e-mail or name', () => {
		expect(checkPasswordStrength('paarse olifant op de fiets')).toBeNull();
	});
});

// Passwords: stored only as argon2id hashes (OWASP parameters: 19 MiB, 2 passes, 1 lane), and a
// policy that refuses passwords that are too short, too long, built from the account's own e-mail
// or name, or among the handful everyone tries first.
import { hash, verify } from '@node-rs/argon2';

const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * A valid argon2id hash of a password nobody knows, with the same parameters: verifying against
 * it costs as much as a real verification, so an unknown e-mail answers as slowly as a known one.
 */
export const DUMMY_PASSWORD_HASH =
	'$argon2id$v=19$m=19456,t=2,p=1$+0Ub4qMfJoPq7xxUr2Wp+w$NLh0YH03paJmK5uaD33K0GS/4lz0K9xaKEALDZgq0Qg';

export async function hashPassword(password: string): Promise<string> {
	// argon2id is the library's default algorithm (its const enum cannot be imported here).
	return hash(password, ARGON2_OPTIONS);
}

/** False for a wrong password and for a hash that cannot be read. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

export type PasswordWeakness =
	'too-short' | 'too-long' | 'contains-email' | 'contains-name' | 'common';

// Lower-case; only entries of at least PASSWORD_MIN_LENGTH matter, shorter ones fail anyway.
const COMMON_PASSWORDS = new Set([
	'123456789012',
	'1234567890123',
	'12345678901234',
	'123456789abc',
	'1q2w3e4r5t6y',
	'1qaz2wsx3edc',
	'abcdefghijkl',
	'abc123456789',
	'azertyuiopqs',
	'azerty123456',
	'iloveyou1234',
	'letmein12345',
	'password1234',
	'password123!',
	'passw0rd1234',
	'qwerty123456',
	'qwertyuiop12',
	'qwertyuiopas',
	'wachtwoord12',
	'wachtwoord123',
	'wachtwoord1234',
	'welkom123456',
	'welcome12345',
	'welkom2024!!',
	'administrator',
	'administrator1',
	'changeme1234',
	'doesnotmatter',
	'motdepasse123',
	'passwordpassword',
	'trustno1trustno1'
]);

function isCommon(lower: string): boolean {
	if (COMMON_PASSWORDS.has(lower)) return true;
	// One character repeated, or a plain run of digits, is as good as a common password.
	return /^(.)\1+$/u.test(lower) || /^\d+$/.test(lower);
}

/** Null when the password is acceptable, else the first reason it is not. */
export function checkPasswordStrength(
	password: string,
	who: { email?: string | null; name?: string | null } = {}
): PasswordWeakness | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN_LENGTH) return 'too-short';
	if (length > PASSWORD_MAX_LENGTH) return 'too-long';
	const lower = password.toLowerCase();
	const email = who.email?.trim().toLowerCase() ?? '';
	const local = email.split('@')[0] ?? '';
	if (email && (lower.includes(email) || (local.length >= 4 && lower.includes(local))))
		return 'contains-email';
	const nameParts = (who.name ?? '')
		.toLowerCase()
		.split(/\s+/)
		.filter((part) => part.length >= 4);
	if (nameParts.some((part) => lower.includes(part))) return 'contains-name';
	if (isCommon(lower)) return 'common';
	return null;
}

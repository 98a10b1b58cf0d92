// Unguessable tokens (draft cookies, tracking links, sessions): 160 random bits, shown to their
// holder once and stored only as a SHA-256 hash, so a database leak reveals no usable token.
import { createHash, randomBytes } from 'node:crypto';

export function generateToken(): string {
	return randomBytes(20).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

// Signing of webhook deliveries, as the Standard Webhooks specification says
// (https://www.standardwebhooks.com): a secret `whsec_<base64 of 32 random bytes>`, and per attempt
// the headers webhook-id (the delivery id, the same on every attempt), webhook-timestamp (unix
// seconds of this attempt) and webhook-signature `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A new signing secret, to be shown to the admin once. */
export function generateSecret(): string {
	return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

/** The key bytes of a secret (the base64 after the prefix). */
export function secretKey(secret: string): Buffer {
	const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
	const key = Buffer.from(encoded, 'base64');
	if (key.length === 0) throw new Error('Empty webhook secret');
	return key;
}

/** The value of webhook-signature for one attempt. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
	const mac = createHmac('sha256', secretKey(secret))
		.update(`${id}.${timestamp}.${body}`)
		.digest('base64');
	return `v1,${mac}`;
}

/** The three headers of one attempt; `at` is the moment of the attempt. */
export function signatureHeaders(
	secret: string,
	id: string,
	at: Date,
	body: string
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
	const timestamp = Math.floor(at.getTime() / 1000);
	return {
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': sign(secret, id, timestamp, body)
	};
}

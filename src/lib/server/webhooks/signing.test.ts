import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret, secretKey, sign, signatureHeaders } from './signing';

// A fixed secret: 24 bytes 0x00..0x17.
const key = Buffer.from(Array.from({ length: 24 }, (_, i) => i));
const secret = `whsec_${key.toString('base64')}`;
const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const body = '{"type":"dossier.created","timestamp":"2026-12-04T10:00:00.000Z","data":{"a":1}}';

describe('webhook signing', () => {
	it('makes whsec_ secrets of 32 random bytes', () => {
		const a = generateSecret();
		expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(secretKey(a)).toHaveLength(32);
		expect(generateSecret()).not.toBe(a);
	});

	it('signs "id.timestamp.body" with HMAC-SHA256 of the secret bytes (a known vector)', () => {
		const timestamp = 1_796_374_800;
		const expected = createHmac('sha256', key)
			.update(`${id}.${timestamp}.${body}`)
			.digest('base64');
		expect(sign(secret, id, timestamp, body)).toBe(`v1,${expected}`);
		// The same vector, written out, so a change in either side shows.
		expect(sign(secret, id, timestamp, body)).toBe(
			`v1,${createHmac('sha256', Buffer.from('000102030405060708090a0b0c0d0e0f1011121314151617', 'hex')).update(`${id}.1796374800.${body}`).digest('base64')}`
		);
	});

	it('gives headers that the standardwebhooks verifier accepts, and it rejects a tampered body', () => {
		const at = new Date();
		const headers = signatureHeaders(secret, id, at, body);
		expect(headers['webhook-id']).toBe(id);
		expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
		const verifier = new Webhook(secret);
		expect(verifier.verify(body, headers)).toEqual(JSON.parse(body));
		expect(verifier.sign(id, at, body)).toBe(headers['webhook-signature']);
		expect(() => verifier.verify(body.replace('"a":1', '"a":2'), headers)).toThrow(
			/No matching signature/
		);
		expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow();
	});

	it('is refused by the verifier outside the 5-minute replay window', () => {
		const old = new Date(Date.now() - 6 * 60 * 1000);
		expect(() => new Webhook(secret).verify(body, signatureHeaders(secret, id, old, body))).toThrow(
			/too old/
		);
	});
});

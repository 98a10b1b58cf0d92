// The server's VAPID identity (RFC 8292): one P-256 key pair, made at the first start and kept in
// the database, so every instance signs with the same key and browsers' subscriptions (which are
// bound to the public key) survive restarts and new deployments. Two instances starting together
// both try to insert; the single-row table keeps the first, and both read that one back.
import webpush from 'web-push';
import type { Config } from '../config-schema';
import type { Db } from '../db';
import * as repo from './repository';

export type VapidKeys = repo.VapidKeyRow;

const FALLBACK_SUBJECT = 'mailto:noreply@loket.invalid';

/**
 * Who the push services may contact about our traffic: the address mail is sent from when one is
 * configured, else the site's https address, else a placeholder (a push service may then refuse
 * us, which is logged on the outbox row). There is no separate contact setting yet.
 */
export function vapidSubject(config: Pick<Config, 'mail' | 'origin'>): string {
	const address = /<([^<>]+)>\s*$/.exec(config.mail.from)?.[1] ?? config.mail.from;
	const configured = !address.endsWith('.invalid') && /^[^\s@]+@[^\s@]+$/.test(address);
	if (configured) return `mailto:${address}`;
	if (config.origin?.startsWith('https://')) return new URL(config.origin).origin;
	return FALLBACK_SUBJECT;
}

/**
 * The stored pair, made first when there is none. With `subject`, the stored subject follows the
 * configuration (a municipality that sets MAIL_FROM later is contacted there).
 */
export async function ensureVapidKeys(db: Db, subject?: string): Promise<VapidKeys> {
	let row = await repo.findVapidKey(db);
	if (!row) {
		const pair = webpush.generateVAPIDKeys();
		await repo.insertVapidKeyIfAbsent(db, {
			publicKey: pair.publicKey,
			privateKey: pair.privateKey,
			subject: subject ?? FALLBACK_SUBJECT
		});
		row = await repo.findVapidKey(db);
		if (!row) throw new Error('The VAPID key pair was not stored');
	}
	if (subject && row.subject !== subject) {
		await repo.updateVapidSubject(db, subject);
		row = { ...row, subject };
	}
	return row;
}

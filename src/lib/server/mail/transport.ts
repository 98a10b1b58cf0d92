// How mail leaves Loket. With SMTP_URL it goes to that SMTP server (nodemailer, with timeouts well
// inside the outbox lease). Without it, every mail is written as a real RFC 5322 message (.eml,
// CRLF line ends) to DATA_DIR/mail, under a name that sorts by time and is unique per outbox row:
// a development machine, a test run or a municipality without a mail server yet can read them
// (the admin's /backoffice/mail, or any mail program).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Locale } from '$lib/i18n';

export type OutgoingMail = {
	to: string;
	subject: string;
	text: string;
	html: string;
	locale: Locale;
};

export type MailMeta = { outboxId: number; kind: string; now: Date };

export interface Mailer {
	/** 'smtp' or 'file', for the admin view and the start-up line. */
	readonly kind: 'smtp' | 'file';
	send(mail: OutgoingMail, meta: MailMeta): Promise<void>;
}

/**
 * `<outbox-42@gemeente.be>`: fixed by the outbox row, so every attempt of one mail (a retry after a
 * lease ran out, on whichever worker) carries the same Message-ID, and a receiver or mail store
 * that meets it again can drop the copy.
 */
export function messageId(outboxId: number, from: string): string {
	const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'loket.invalid';
	return `<outbox-${outboxId}@${domain}>`;
}

function message(mail: OutgoingMail, from: string, meta: MailMeta) {
	return {
		messageId: messageId(meta.outboxId, from),
		from,
		to: mail.to,
		subject: mail.subject,
		text: mail.text,
		html: mail.html,
		date: meta.now,
		headers: {
			'Content-Language': mail.locale,
			// Tells auto-responders (out-of-office) not to answer.
			'Auto-Submitted': 'auto-generated'
		}
	};
}

/**
 * `2026-11-28T16-40-01-123Z-0000000042-verify-email.eml`: time first and the outbox id padded, so
 * plain name order is time order, also for the mails of one batch (they share the time).
 */
export function mailFileName(meta: MailMeta): string {
	const stamp = meta.now.toISOString().replace(/[:.]/g, '-');
	const kind = meta.kind.replace(/[^a-z0-9-]/gi, '_');
	return `${stamp}-${String(meta.outboxId).padStart(10, '0')}-${kind}.eml`;
}

export const MAIL_FILE_NAME =
	/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-\d+-[A-Za-z0-9_-]+\.eml$/;

export class FileMailer implements Mailer {
	readonly kind = 'file';
	private readonly transport = nodemailer.createTransport({
		streamTransport: true,
		buffer: true,
		newline: 'windows'
	});

	constructor(
		readonly dir: string,
		private readonly from: string
	) {}

	async send(mail: OutgoingMail, meta: MailMeta): Promise<void> {
		const info = await this.transport.sendMail(message(mail, this.from, meta));
		if (!Buffer.isBuffer(info.message)) throw new Error('The stream transport returned no buffer');
		await mkdir(this.dir, { recursive: true });
		const path = join(this.dir, mailFileName(meta));
		// Written under a temporary name first: a reader never sees half a mail.
		const temp = `${path}.tmp`;
		await writeFile(temp, info.message);
		await rename(temp, path);
	}
}

export class SmtpMailer implements Mailer {
	readonly kind = 'smtp';
	private readonly transport;

	constructor(
		url: string,
		private readonly from: string
	) {
		this.transport = nodemailer.createTransport({
			url,
			connectionTimeout: 30_000,
			greetingTimeout: 30_000,
			socketTimeout: 60_000
		});
	}

	async send(mail: OutgoingMail, meta: MailMeta): Promise<void> {
		await this.transport.sendMail(message(mail, this.from, meta));
	}
}

export function createMailer(c: {
	smtpUrl: string | undefined;
	from: string;
	dataDir: string;
}): Mailer {
	return c.smtpUrl ? new SmtpMailer(c.smtpUrl, c.from) : new FileMailer(mailDir(c.dataDir), c.from);
}

export function mailDir(dataDir: string): string {
	return join(dataDir, 'mail');
}

// What the admin sees of outgoing mail (/backoffice/mail): the newest mails the file transport
// wrote to DATA_DIR/mail, one mail's text part, and the outbox rows that failed or wait for a
// retry. Only file names that the transport itself makes are ever opened, so a request cannot
// reach any other file. The routes check the admin role before calling.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getConfig } from '../config';
import { getDb, type Db } from '../db';
import * as outbox from '../outbox/repository';
import { MAX_ATTEMPTS } from '../outbox/worker';
import { parseEml, type ParsedMail } from './eml';
import { MAIL_FILE_NAME, mailDir } from './transport';

export const MAILBOX_LIST_SIZE = 50;
export const TROUBLE_LIST_SIZE = 100;

export type MailSummary = { file: string; date: Date | null; to: string; subject: string };
export type MailView = ParsedMail & { file: string };

function defaultDir(): string {
	return mailDir(getConfig().dataDir);
}

async function mailFiles(dir: string): Promise<string[]> {
	try {
		// The names sort by time (see mailFileName): newest first.
		return (await readdir(dir))
			.filter((f) => MAIL_FILE_NAME.test(f))
			.sort()
			.reverse();
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw e;
	}
}

export async function listMails(
	dir = defaultDir(),
	limit = MAILBOX_LIST_SIZE
): Promise<MailSummary[]> {
	const files = (await mailFiles(dir)).slice(0, limit);
	return Promise.all(
		files.map(async (file) => {
			const mail = parseEml(new Uint8Array(await readFile(join(dir, file))));
			return { file, date: mail.date, to: mail.to, subject: mail.subject };
		})
	);
}

/** One mail by its file name, or null when there is no such mail. */
export async function readMail(file: string, dir = defaultDir()): Promise<MailView | null> {
	if (!MAIL_FILE_NAME.test(file)) return null;
	try {
		return { file, ...parseEml(new Uint8Array(await readFile(join(dir, file)))) };
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw e;
	}
}

export type OutboxTrouble = {
	id: number;
	kind: string;
	attempts: number;
	lastError: string;
	/** null once the row has used all its attempts. */
	nextAttemptAt: Date | null;
	failed: boolean;
};

/** Outbox rows that failed at least once and are not processed: retrying, or given up. */
export async function listOutboxTrouble(
	db: Db = getDb(),
	limit = TROUBLE_LIST_SIZE
): Promise<OutboxTrouble[]> {
	const rows = await outbox.listTroubled(db, limit);
	return rows.map((r) => {
		const failed = r.attempts >= MAX_ATTEMPTS;
		return {
			id: r.id,
			kind: r.kind,
			attempts: r.attempts,
			lastError: r.lastError ?? '',
			nextAttemptAt: failed ? null : r.nextAttemptAt,
			failed
		};
	});
}

/** How mail leaves this server: through SMTP_URL, or as files. */
export function mailTransportKind(): 'smtp' | 'file' {
	return getConfig().mail.smtpUrl ? 'smtp' : 'file';
}

export { MAX_ATTEMPTS };

// Reads the mails the e2e server writes: without SMTP_URL, Loket writes every outbox mail as an
// .eml file to $DATA_DIR/mail (playwright.config.ts gives each server its own). A spec waits
// for the mail a person would get and follows its links:
//   const mail = await waitForMail(email, { subject: /Bevestig/ });
//   await page.goto(mail.links.find((l) => l.includes('/bevestigen/'))!);
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { simpleParser, type AddressObject } from 'mailparser';

/**
 * A mail as read back: its subject, its text part, the links in it, its HTML part (or '') and the
 * names of the files attached to it (with their type, as `name (type)`).
 */
export type ReceivedMail = {
	subject: string;
	text: string;
	links: string[];
	html: string;
	attachments: string[];
};

type Parsed = ReceivedMail & { to: string[] };

// The files never change once written (the server renames them into place), so each is parsed once.
const parsed = new Map<string, Parsed>();

/**
 * The mail folder of the server this spec runs against: the alone specs have a server (and data
 * directory) of their own, named in their project's metadata (playwright.config.ts).
 */
export function mailDir(): string {
	const dataDir = (test.info().project.metadata as { dataDir?: string }).dataDir;
	if (!dataDir)
		throw new Error('No data directory: run the specs with tests/e2e/playwright.config.ts');
	return join(dataDir, 'mail');
}

function addresses(to: AddressObject | AddressObject[] | undefined): string[] {
	return (Array.isArray(to) ? to : to ? [to] : [])
		.flatMap((a) => a.value)
		.map((a) => a.address?.toLowerCase() ?? '');
}

/** Absolute links in a text, without the punctuation that ends a sentence. */
function findLinks(text: string): string[] {
	return [...text.matchAll(/https?:\/\/[^\s<>"']+/g)].map((m) => m[0].replace(/[.,;:!?)]+$/, ''));
}

async function read(dir: string, file: string): Promise<Parsed> {
	let mail = parsed.get(file);
	if (!mail) {
		const message = await simpleParser(await readFile(join(dir, file)));
		const text = (message.text ?? '').replace(/\r\n/g, '\n');
		mail = {
			to: addresses(message.to),
			subject: message.subject ?? '',
			text,
			links: findLinks(text),
			html: typeof message.html === 'string' ? message.html : '',
			attachments: message.attachments.map((a) => `${a.filename ?? ''} (${a.contentType})`)
		};
		parsed.set(file, mail);
	}
	return mail;
}

async function findNewest(to: string, subject: RegExp | undefined): Promise<ReceivedMail | null> {
	const dir = mailDir();
	let files: string[];
	try {
		files = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
	} catch {
		return null; // No mail written yet.
	}
	// The names start with the time and the outbox id: the last in name order is the newest.
	for (const file of files.sort().reverse()) {
		const mail = await read(dir, file);
		if (mail.to.includes(to.toLowerCase()) && (!subject || subject.test(mail.subject)))
			return {
				subject: mail.subject,
				text: mail.text,
				links: mail.links,
				html: mail.html,
				attachments: mail.attachments
			};
	}
	return null;
}

/**
 * The newest mail to `to` (and with a matching subject, if given), waiting up to 15 s for the
 * outbox worker to write it. Fails the test when none comes.
 */
export async function waitForMail(to: string, opts?: { subject?: RegExp }): Promise<ReceivedMail> {
	let found: ReceivedMail | null = null;
	await expect
		.poll(
			async () => {
				found = await findNewest(to, opts?.subject);
				return found !== null;
			},
			{
				message: `a mail to ${to}${opts?.subject ? ` with a subject like ${opts.subject}` : ''}`,
				timeout: 15_000,
				intervals: [250, 500, 1000]
			}
		)
		.toBe(true);
	return found!;
}

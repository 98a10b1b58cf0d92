import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config-schema';
import { decodeHeader, parseEml } from './eml';
import { createMailer, FileMailer, MAIL_FILE_NAME, mailFileName, SmtpMailer } from './transport';

const longLine = `${'Een heel lange regel met een ë en een € '.repeat(8)}einde.`;
const mail = {
	to: 'Zoë Peeters <zoe@example.be>',
	subject: 'Wij ontvingen uw aanvraag 2026-000001 · Gemeente Ñandú — “test”',
	text: `Goeiedag,\n\n${longLine}\n\nLink:\nhttp://localhost:3000/volg/abc_DEF-1\n`,
	html: '<p>Goeiedag <b>html</b></p>',
	locale: 'nl' as const
};

describe('the file transport', () => {
	it('writes an RFC 5322 message with CRLF line ends under a sortable, unique name', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'loket-mail-')), 'mail');
		const mailer = new FileMailer(dir, 'Gemeente Proef <noreply@loket.invalid>');
		const now = new Date('2026-11-28T16:40:01.123Z');
		await mailer.send(mail, { outboxId: 42, kind: 'receipt-email', now });
		expect(readdirSync(dir)).toEqual(['2026-11-28T16-40-01-123Z-0000000042-receipt-email.eml']);
		const raw = readFileSync(join(dir, readdirSync(dir)[0]));
		const text = raw.toString('latin1');
		expect(text).toMatch(/\r\n\r\n/);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
		expect(text).toMatch(/^Content-Language: nl\r$/m);
		expect(text).toMatch(/^Auto-Submitted: auto-generated\r$/m);

		// Our reader and a full MIME parser agree on what the file says.
		const ours = parseEml(new Uint8Array(raw));
		const theirs = await simpleParser(raw);
		expect(ours.subject).toBe(mail.subject);
		expect(theirs.subject).toBe(mail.subject);
		expect(ours.text).toBe(mail.text);
		expect(theirs.text?.replace(/\r\n/g, '\n')).toBe(mail.text);
		expect(ours.to).toContain('zoe@example.be');
		expect(ours.from).toBe('Gemeente Proef <noreply@loket.invalid>');
		expect(ours.date?.toISOString()).toBe('2026-11-28T16:40:01.000Z');
		expect(theirs.html).toContain('<b>html</b>');
		expect(ours.text).not.toContain('<b>');
	});

	it('names files by time first, so they sort by time', () => {
		const a = mailFileName({
			outboxId: 9,
			kind: 'verify-email',
			now: new Date('2026-01-02T03:04:05.006Z')
		});
		const b = mailFileName({
			outboxId: 10,
			kind: 'verify-email',
			now: new Date('2026-01-02T03:04:05.007Z')
		});
		const c = mailFileName({
			outboxId: 11,
			kind: 'invite',
			now: new Date('2026-01-02T03:04:05.007Z')
		});
		expect(a).toBe('2026-01-02T03-04-05-006Z-0000000009-verify-email.eml');
		expect([c, b, a].sort()).toEqual([a, b, c]);
		expect(MAIL_FILE_NAME.test(a)).toBe(true);
		expect(MAIL_FILE_NAME.test('../../etc/passwd')).toBe(false);
		expect(MAIL_FILE_NAME.test(`x${a}`)).toBe(false);
	});

	it('decodes encoded words, Q and B, split over several words', () => {
		expect(decodeHeader('=?UTF-8?Q?Zo=C3=AB_P?= =?UTF-8?B?ZWV0ZXJz?= <z@x.be>')).toBe(
			'Zoë Peeters <z@x.be>'
		);
		expect(decodeHeader('plain')).toBe('plain');
	});
});

describe('choosing the transport', () => {
	it('uses SMTP only when SMTP_URL is set, else files in DATA_DIR/mail', () => {
		const files = parseConfig({ DATA_DIR: '/srv/loket' });
		const mailer = createMailer({ ...files.mail, dataDir: files.dataDir });
		expect(mailer).toBeInstanceOf(FileMailer);
		expect((mailer as FileMailer).dir).toBe('/srv/loket/mail');
		const smtp = parseConfig({ SMTP_URL: 'smtp://loket:geheim@mail.lier.be:587' });
		expect(createMailer({ ...smtp.mail, dataDir: smtp.dataDir })).toBeInstanceOf(SmtpMailer);
	});
});

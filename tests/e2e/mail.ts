// STAND-IN, drop at merge: the mailer work brings the real helper, which reads the .eml files the
// mailer writes to $E2E_DATA_DIR/mail. Until it lands nothing sends the outbox, so this one reads
// the outbox rows from the PostgreSQL database the e2e server runs on (DATABASE_URL) and builds
// the link each mail would carry. It cannot read the embedded database (the server holds it).
import { expect } from '@playwright/test';
import pg from 'pg';

export type Mail = { subject: string; text: string; links: string[] };

const linkPaths: Record<string, string> = {
	'verify-email': '/verify/',
	'reset-password': '/reset/',
	invite: '/invite/'
};

function toMail(kind: string, payload: Record<string, unknown>): Mail {
	const origin = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
	const path = linkPaths[kind];
	const links =
		path && typeof payload.token === 'string' ? [`${origin}${path}${payload.token}`] : [];
	return { subject: kind, text: `${kind}\n${links.join('\n')}`, links };
}

/** The newest mail to this address (matching `subject` if given), waiting up to 15 s for it. */
export async function waitForMail(to: string, opts: { subject?: RegExp } = {}): Promise<Mail> {
	const url = process.env.DATABASE_URL;
	if (!url)
		throw new Error(
			'The stand-in waitForMail reads the outbox and needs DATABASE_URL (PostgreSQL); ' +
				'the real helper comes with the mailer.'
		);
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		let found: Mail | undefined;
		await expect
			.poll(
				async () => {
					const { rows } = await client.query<{ kind: string; payload: Record<string, unknown> }>(
						`select kind, payload from outbox
						 where lower(coalesce(payload->>'email', payload->>'to')) = lower($1)
						 order by id desc`,
						[to]
					);
					found = rows
						.map((r) => toMail(r.kind, r.payload))
						.find((mail) => !opts.subject || opts.subject.test(mail.subject));
					return found !== undefined;
				},
				{ timeout: 15_000, message: `a mail to ${to}` }
			)
			.toBe(true);
		return found!;
	} finally {
		await client.end();
	}
}

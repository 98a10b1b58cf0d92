// STAND-IN (drop at merge): the real helper, from the mailer's branch, reads the .eml files the
// mailer writes to $DATA_DIR/mail. Until it lands, this one renders the outbox rows themselves,
// read from the PostgreSQL database the e2e server runs on (DATABASE_URL), with the same signature.
import { expect } from '@playwright/test';
import pg from 'pg';

type Mail = { subject: string; text: string; links: string[] };

const linkPaths: Record<string, string> = {
	'verify-email': '/verify/',
	'reset-password': '/reset/',
	invite: '/invite/'
};

function render(kind: string, payload: Record<string, unknown>): Mail {
	const origin = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
	const links =
		kind in linkPaths && typeof payload.token === 'string'
			? [`${origin}${linkPaths[kind]}${payload.token}`]
			: [];
	return { subject: kind, text: [kind, ...links].join('\n'), links };
}

export async function waitForMail(to: string, opts: { subject?: RegExp } = {}): Promise<Mail> {
	const url = process.env.DATABASE_URL;
	if (!url) throw new Error('The stand-in waitForMail reads the outbox: run e2e with DATABASE_URL');
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		let found: Mail | undefined;
		await expect
			.poll(
				async () => {
					const { rows } = await client.query<{ kind: string; payload: Record<string, unknown> }>(
						`select kind, payload from outbox
						 where lower(coalesce(payload->>'email', payload->>'to')) = lower($1) order by id desc`,
						[to]
					);
					found = rows
						.map((r) => render(r.kind, r.payload))
						.find((mail) => !opts.subject || opts.subject.test(mail.subject));
					return found !== undefined;
				},
				{ timeout: 15_000 }
			)
			.toBe(true);
		return found!;
	} finally {
		await client.end();
	}
}

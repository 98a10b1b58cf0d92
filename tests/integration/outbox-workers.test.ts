// Several Loket workers on one database (issue 21): three outbox workers, each on its own
// connection pool (three processes' worth of connections on PostgreSQL; on the embedded database,
// which is one process, three loops on its one handle), drain at the same time. A real SMTP
// conversation with a catcher on 127.0.0.1 and a real HTTP receiver count what arrives: every
// mail and every webhook exactly once, each with the key a receiver would use to drop a copy
// (Message-ID, webhook-id). Periodic jobs are run by one of the three per round.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '$lib/server/db/connect';
import { registerMailHandlers } from '$lib/server/mail/service';
import { SmtpMailer } from '$lib/server/mail/transport';
import { claimPeriodic, insertOutbox } from '$lib/server/outbox/repository';
import { drainOutbox } from '$lib/server/outbox/worker';
import { registerWebhookHandler } from '$lib/server/webhooks/delivery';
import * as webhooks from '$lib/server/webhooks/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const MAILS = 60;
const EVENTS = 60;

/** A small SMTP server that keeps the Message-ID of every mail it accepts. */
function startSmtpCatcher(received: string[]) {
	const server = createTcpServer((socket) => {
		let buffer = '';
		let data = false;
		socket.write('220 catcher ESMTP\r\n');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			for (;;) {
				if (data) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					const message = buffer.slice(0, end);
					buffer = buffer.slice(end + 5);
					data = false;
					received.push(/^Message-ID:\s*(\S+)/im.exec(message)?.[1] ?? '(none)');
					socket.write('250 OK queued\r\n');
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol < 0) return;
				const line = buffer.slice(0, eol);
				buffer = buffer.slice(eol + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') socket.write('250-catcher\r\n250 8BITMIME\r\n');
				else if (verb === 'DATA') {
					data = true;
					socket.write('354 go on\r\n');
				} else if (verb === 'QUIT') socket.end('221 bye\r\n');
				else socket.write('250 OK\r\n');
			}
		});
		socket.on('error', () => {});
	});
	return new Promise<{ port: number; close: () => void }>((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() })
		)
	);
}

describe(`three outbox workers on ${backend}`, () => {
	let t: TestDatabase;
	const workers: OpenDatabase[] = [];
	const mails: string[] = [];
	const hooks: string[] = [];
	let smtp: { port: number; close: () => void };
	const receiver = createHttpServer((req, res) => {
		hooks.push(String(req.headers['webhook-id']));
		req.resume();
		req.on('end', () => res.writeHead(204).end());
	});

	beforeAll(async () => {
		t = await openTestDatabase();
		workers.push(t);
		const schema = /schema (\S+),/.exec(t.label)?.[1];
		for (let i = 0; i < 2; i++)
			workers.push(
				backend === 'postgres'
					? await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL!, schema })
					: t
			);
		smtp = await startSmtpCatcher(mails);
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		registerMailHandlers({
			mailer: new SmtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Loket <loket@gemeente.test>'),
			municipality: () => 'Gemeente Test',
			origin: 'http://127.0.0.1'
		});
		registerWebhookHandler({ timeoutMs: 5000 });
	});
	afterAll(async () => {
		smtp?.close();
		receiver.close();
		for (const w of new Set(workers)) if (w !== t) await w.close();
		await t?.drop();
	});

	it('delivers every mail and every webhook exactly once', async () => {
		for (let i = 0; i < MAILS; i++)
			await insertOutbox(t.db, 'verify-email', {
				userId: `u${i}`,
				email: `burger${i}@gemeente.test`,
				token: `token-${i}`,
				language: 'nl'
			});
		const port = (receiver.address() as AddressInfo).port;
		const made = await webhooks.create(
			null,
			{ name: 'zaaksysteem', url: `http://127.0.0.1:${port}/hook`, events: ['dossier.created'] },
			t.db
		);
		if (!made.ok) throw new Error(JSON.stringify(made.issues));
		const deliveries = new Set<string>();
		for (let i = 0; i < EVENTS; i++)
			deliveries.add((await webhooks.sendTestEvent(made.webhook.id, t.db))!);

		// Three workers drain at once until nothing is left; each drain claims batches of ten.
		const pending = async () =>
			Number(
				(
					await t.db
						.selectFrom('outbox')
						.where('processedAt', 'is', null)
						.select((eb) => eb.fn.countAll().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
		const claimedBy = workers.map(() => 0);
		await Promise.all(
			workers.map(async (w, i) => {
				for (let round = 0; round < 100 && (await pending()) > 0; round++) {
					const drained = await drainOutbox(w.db);
					claimedBy[i] += drained.processed;
					// Nothing due for this worker (the others hold the rest): let them work.
					if (drained.processed + drained.retrying + drained.failed === 0)
						await new Promise((r) => setTimeout(r, 20));
				}
			})
		);

		const troubled = await t.db
			.selectFrom('outbox')
			.where('lastError', 'is not', null)
			.select(['kind', 'lastError'])
			.execute();
		expect(troubled).toEqual([]);
		expect(mails).toHaveLength(MAILS);
		expect(new Set(mails).size).toBe(MAILS);
		for (const id of mails) expect(id).toMatch(/^<outbox-\d+@gemeente\.test>$/);
		expect(hooks).toHaveLength(EVENTS);
		expect(new Set(hooks)).toEqual(deliveries);
		expect(claimedBy.reduce((a, b) => a + b, 0)).toBe(MAILS + EVENTS);
		// On PostgreSQL the work was shared: more than one worker got rows.
		if (backend === 'postgres') expect(claimedBy.filter((n) => n > 0).length).toBeGreaterThan(1);
		const rows = await t.db.selectFrom('outbox').select(['attempts', 'processedAt']).execute();
		expect(rows.every((r) => r.attempts === 1 && r.processedAt !== null)).toBe(true);
	});

	it('runs a periodic job on one worker per round', async () => {
		const now = new Date('2026-12-10T10:00:00Z');
		const round = (at: Date) =>
			Promise.all(
				workers.map((w) => claimPeriodic(w.db, { name: 'clean-up', now: at, every: 3_600_000 }))
			);
		expect((await round(now)).filter(Boolean)).toHaveLength(1);
		// Within the hour: nobody; an hour later: one again.
		expect((await round(new Date(now.getTime() + 60_000))).filter(Boolean)).toHaveLength(0);
		expect((await round(new Date(now.getTime() + 3_600_000))).filter(Boolean)).toHaveLength(1);
	});
});

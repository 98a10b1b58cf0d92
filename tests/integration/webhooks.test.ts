// Webhooks end to end on a real database, with a real HTTP receiver on 127.0.0.1 that checks every
// request with the `standardwebhooks` package (the reference verifier, not our own code): a
// dossier is filed, staff write to it, the citizen replies, staff close it, and the outbox is
// drained with a clock that moves past the backoff. Each webhook gets the events it subscribed to,
// signed with its own secret; a receiver that fails twice still gets each event, and accepts
// each webhook-id once; a deleted or disabled webhook gets nothing.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readPage, type AnswerOptions } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import { toIsoDate } from '$lib/process/calendar';
import type { SessionUser } from '$lib/server/auth/repository';
import type { Dossier } from '$lib/server/db/schema';
import * as handling from '$lib/server/dossiers/handling';
import * as dossiers from '$lib/server/dossiers/service';
import * as drafts from '$lib/server/drafts/service';
import { LocalFileStorage } from '$lib/server/files/storage';
import { drainOutbox, MAX_ATTEMPTS, registerOutboxHandler } from '$lib/server/outbox/worker';
import * as processes from '$lib/server/processes/service';
import * as users from '$lib/server/users/service';
import { registerWebhookHandler, USER_AGENT } from '$lib/server/webhooks/delivery';
import * as webhooks from '$lib/server/webhooks/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: toIsoDate(new Date()) };
const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-webhooks-')));

type Received = {
	path: string;
	headers: Record<string, string>;
	body: string;
	verified: boolean;
	accepted: boolean;
};

/** The receiving side: one path per webhook, each with the secret it was given. */
class Receiver {
	server: Server;
	received: Received[] = [];
	secrets = new Map<string, string>();
	/** How many attempts per webhook-id a path answers 500 to before it accepts. */
	failFirst = new Map<string, number>();
	/** Paths that always answer 500 (later attempts carry timestamps too far ahead to verify). */
	broken = new Set<string>();
	private attempts = new Map<string, number>();

	constructor() {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const path = req.url ?? '';
				const body = Buffer.concat(chunks).toString('utf8');
				const headers = Object.fromEntries(
					Object.entries(req.headers).map(([k, v]) => [k, String(v)])
				);
				let verified: boolean;
				try {
					new Webhook(this.secrets.get(path) ?? 'whsec_AAAA').verify(body, headers);
					verified = true;
				} catch {
					verified = false;
				}
				const id = headers['webhook-id'] ?? '';
				const attempt = (this.attempts.get(id) ?? 0) + 1;
				this.attempts.set(id, attempt);
				const accepted =
					verified && !this.broken.has(path) && attempt > (this.failFirst.get(path) ?? 0);
				this.received.push({ path, headers, body, verified, accepted });
				res
					.writeHead(accepted ? 204 : verified || this.broken.has(path) ? 500 : 400)
					.end(accepted ? '' : 'nee');
			});
		});
	}
	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}
	accepted(path: string) {
		return this.received
			.filter((r) => r.path === path && r.accepted)
			.map((r) => JSON.parse(r.body) as { type: string; timestamp: string; data: Data });
	}
}

type Data = Record<string, unknown>;

describe(`webhooks on ${backend}`, () => {
	let t: TestDatabase;
	let staff: SessionUser;
	let base: string;
	const receiver = new Receiver();
	const secrets: Record<string, string> = {};

	async function addWebhook(path: string, events: string[]) {
		const made = await webhooks.create(null, { name: path, url: base + path, events }, t.db);
		if (!made.ok) throw new Error(JSON.stringify(made.issues));
		receiver.secrets.set(path, made.secret);
		secrets[path] = made.secret;
		return made.webhook;
	}

	/** Drains the outbox now, then past the first two backoffs (30 s, 1 min). */
	async function drainWithRetries() {
		const start = Date.now();
		for (const offset of [0, 31_000, 92_000]) await drainOutbox(t.db, new Date(start + offset));
	}

	async function fileDossier(): Promise<Dossier> {
		const opened = await drafts.openDraft(
			{ processId: 'proef', token: undefined, ownerId: null, language: 'nl' },
			t.db
		);
		if (!opened) throw new Error('no draft');
		let view = opened.view;
		const pages = [
			{
				naam: 'Ada Peeters',
				rrn: '85.07.30-033.28',
				eigendom: 'eigen',
				'adres.street': 'Kerkstraat',
				'adres.number': '12',
				'adres.postcode': '9000',
				'adres.municipality': 'Gent'
			},
			{ datum: toIsoDate(new Date(Date.now() + 60 * 86_400_000)), bezoekers: '120' }
		];
		for (const [page, values] of pages.entries()) {
			const reading = readPage(view.definition, page, values, view.answers, opts);
			const saved = await drafts.savePage(view, reading, { storage, opts }, t.db);
			if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
			view = (await drafts.findDraft(
				{ processId: 'proef', token: opened.token, ownerId: null },
				t.db
			))!;
		}
		const result = await dossiers.submitDraft(view, { ownerId: null, signedIn: null, opts }, t.db);
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		return result.dossier;
	}

	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'test.json', definition: testDefinition }], t.db);
		const added = await users.addUser(
			{ email: 'stijn@gemeente.be', password: 'een lange zin als wachtwoord', roles: ['staff'] },
			t.db
		);
		if (!added.ok) throw new Error(added.reason);
		staff = added.user;
		base = await receiver.start();
		registerWebhookHandler({ timeoutMs: 5000 });
		// The other work the same changes queue (mail, push) is not under test here.
		for (const kind of ['receipt-email', 'dossier-message', 'dossier-transitioned', 'push'])
			registerOutboxHandler(kind, async () => {});
		vi.spyOn(console, 'error').mockImplementation(() => {});
	});
	afterAll(async () => {
		vi.restoreAllMocks();
		await new Promise((resolve) => receiver.server.close(resolve));
		await t.drop();
	});

	it('delivers each subscribed event, signed, once per webhook-id, past a flaky receiver', async () => {
		await addWebhook('/alles', ['dossier.created', 'dossier.transitioned', 'message.created']);
		await addWebhook('/nieuw', ['dossier.created']);
		const gone = await addWebhook('/weg', ['dossier.created', 'message.created']);
		expect(await webhooks.remove(gone.id, t.db)).toBe(true);
		const off = await addWebhook('/uit', ['dossier.created']);
		await webhooks.update(off.id, { ...off, active: false }, t.db);
		await addWebhook('/wankel', ['message.created']);
		receiver.failFirst.set('/wankel', 2);

		const dossier = await fileDossier();
		const staffMessage = await handling.postStaffMessage(
			dossier.id,
			staff,
			{ body: 'Wij bekijken uw aanvraag.', internal: false },
			t.db
		);
		expect(staffMessage.ok).toBe(true);
		await handling.postStaffMessage(
			dossier.id,
			staff,
			{ body: 'Notitie voor collega’s', internal: true },
			t.db
		);
		const reply = await handling.replyAsCitizen(
			dossier.id,
			{ kind: 'citizen', userId: null },
			{ replyId: randomUUID(), body: 'Dank u.', uploads: [] },
			{ storage },
			t.db
		);
		expect(reply.ok).toBe(true);
		const closed = await handling.transition(
			dossier.id,
			{ kind: 'staff', user: staff },
			{ transitionId: 'afronden', expectedVersion: null },
			t.db
		);
		expect(closed.ok).toBe(true);

		await drainWithRetries();

		// Every request carried valid Standard Webhooks headers for its own webhook's secret.
		expect(receiver.received.length).toBeGreaterThan(0);
		for (const r of receiver.received) {
			expect(r.verified, r.body).toBe(true);
			expect(r.headers['content-type']).toBe('application/json');
			expect(r.headers['user-agent']).toBe(USER_AGENT);
		}

		const ref = {
			dossierId: dossier.id,
			reference: dossier.reference,
			processId: 'proef',
			processVersion: 1
		};
		const all = receiver.accepted('/alles');
		expect(all.map((e) => e.type)).toEqual([
			'dossier.created',
			'message.created',
			'message.created',
			'message.created',
			'dossier.transitioned'
		]);
		expect(all[0].data).toEqual({ ...ref, status: 'ingediend' });
		expect(all.slice(1, 4).map((e) => e.data)).toEqual([
			expect.objectContaining({
				...ref,
				status: 'ingediend',
				internal: false,
				authorRole: 'staff'
			}),
			expect.objectContaining({ ...ref, internal: true, authorRole: 'staff' }),
			expect.objectContaining({ ...ref, internal: false, authorRole: 'citizen' })
		]);
		for (const e of all.slice(1, 4)) expect(e.data.messageId).toMatch(/^[0-9a-f-]{36}$/);
		expect(all[4].data).toEqual({
			...ref,
			status: 'klaar',
			fromStatus: 'ingediend',
			toStatus: 'klaar',
			transitionId: 'afronden',
			messageId: null
		});
		// No answers of the citizen in any payload.
		for (const r of receiver.received) expect(r.body).not.toContain('Ada Peeters');
		expect(new Date(all[0].timestamp).toISOString()).toBe(all[0].timestamp);

		// Only what was subscribed to; nothing for the deleted or the disabled webhook.
		expect(receiver.accepted('/nieuw').map((e) => e.type)).toEqual(['dossier.created']);
		expect(receiver.received.filter((r) => r.path === '/weg' || r.path === '/uit')).toEqual([]);

		// The flaky receiver: three attempts per event, the same webhook-id and body each time, and
		// exactly one accepted delivery per webhook-id.
		const flaky = receiver.received.filter((r) => r.path === '/wankel');
		const ids = [...new Set(flaky.map((r) => r.headers['webhook-id']))];
		expect(ids).toHaveLength(3);
		for (const id of ids) {
			const tries = flaky.filter((r) => r.headers['webhook-id'] === id);
			expect(tries.map((r) => r.accepted)).toEqual([false, false, true]);
			expect(new Set(tries.map((r) => r.body)).size).toBe(1);
			expect(new Set(tries.map((r) => r.headers['webhook-timestamp'])).size).toBe(3);
		}
		const logged = await t.db
			.selectFrom('webhookDelivery')
			.selectAll()
			.where('id', 'in', ids)
			.execute();
		for (const d of logged)
			expect(d).toMatchObject({
				status: 'delivered',
				attempts: 3,
				lastStatusCode: 204,
				lastError: null
			});
	});

	it('a tampered body, or another secret, fails verification', () => {
		const sample = receiver.received.find((r) => r.path === '/alles')!;
		const verifier = new Webhook(secrets['/alles']);
		expect(() => verifier.verify(sample.body, sample.headers)).not.toThrow();
		const tampered = sample.body.replace('"processId":"proef"', '"processId":"iets"');
		expect(tampered).not.toBe(sample.body);
		expect(() => verifier.verify(tampered, sample.headers)).toThrow(/No matching signature/);
		expect(() => new Webhook(secrets['/nieuw']).verify(sample.body, sample.headers)).toThrow();
	});

	it('sends a test event to one webhook; a webhook disabled before sending gets nothing', async () => {
		const list = await webhooks.list(t.db);
		const alles = list.find((w) => w.name === '/alles')!;
		expect(alles.lastStatus).toBe('delivered');
		const testId = await webhooks.sendTestEvent(alles.id, t.db);
		const later = await addWebhook('/later', ['dossier.created']);
		const dropped = await webhooks.sendTestEvent(later.id, t.db);
		await webhooks.update(later.id, { ...later, active: false }, t.db);
		await drainOutbox(t.db);
		const test = receiver.received.filter((r) => r.headers['webhook-id'] === testId);
		expect(test).toHaveLength(1);
		expect(JSON.parse(test[0].body)).toMatchObject({ type: 'webhook.test' });
		expect(receiver.received.filter((r) => r.path === '/later')).toEqual([]);
		const log = await webhooks.listDeliveries(later.id, t.db);
		expect(log).toEqual([
			expect.objectContaining({
				id: dropped,
				status: 'failed',
				lastError: 'webhook disabled',
				attempts: 0
			})
		]);
	});

	it('a receiver that keeps failing: retried with backoff, then the delivery shows failed', async () => {
		const broken = await addWebhook('/stuk', ['dossier.created']);
		receiver.broken.add('/stuk');
		await fileDossier();
		let now = Date.now();
		for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
			await drainOutbox(t.db, new Date(now));
			now += 7 * 60 * 60 * 1000;
		}
		expect(receiver.received.filter((r) => r.path === '/stuk')).toHaveLength(MAX_ATTEMPTS);
		const [delivery] = await webhooks.listDeliveries(broken.id, t.db);
		expect(delivery).toMatchObject({
			eventType: 'dossier.created',
			status: 'failed',
			attempts: MAX_ATTEMPTS,
			lastStatusCode: 500
		});
		expect(delivery.lastError).toMatch(/^HTTP 500/);
	});

	it('refuses bad input field by field', async () => {
		const refused = await webhooks.create(
			null,
			{ name: ' ', url: 'ftp://example.be/x', events: ['dossier.deleted'] },
			t.db
		);
		expect(refused).toEqual({
			ok: false,
			issues: { name: 'required', url: 'scheme', events: 'unknown' }
		});
		expect(await webhooks.find('geen-uuid', t.db)).toBeNull();
		expect(await webhooks.rotateSecret(randomUUID(), t.db)).toBeNull();
	});
});

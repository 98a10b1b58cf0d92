// Web Push end to end on a real database, with a real HTTP server on 127.0.0.1 standing in for the
// browser's push service: staff change a dossier, the outbox is drained, and the push service
// receives a request that only the subscribed browser can read. The test plays that browser: it
// made its own P-256 key pair and auth secret, and decrypts the body itself (RFC 8291 / RFC 8188,
// with node:crypto only, not with the library that encrypted it). It also checks the VAPID
// signature (RFC 8292) against the public key stored in the database.
import {
	createDecipheriv,
	createECDH,
	createPublicKey,
	hkdfSync,
	randomBytes,
	randomUUID,
	verify,
	type ECDH
} from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { testDefinition } from '$lib/process/answers/test-definition';
import { processDefinition } from '$lib/process/definition';
import type { SessionUser } from '$lib/server/auth/repository';
import * as handling from '$lib/server/dossiers/handling';
import * as dossierRepo from '$lib/server/dossiers/repository';
import { parseEml } from '$lib/server/mail/eml';
import { registerMailHandlers } from '$lib/server/mail/service';
import { createMailer, mailDir } from '$lib/server/mail/transport';
import { drainOutbox } from '$lib/server/outbox/worker';
import * as processes from '$lib/server/processes/service';
import { ensureVapidKeys, vapidSubject } from '$lib/server/push/keys';
import { registerPushHandler, type PushMessage } from '$lib/server/push/notifier';
import * as push from '$lib/server/push/service';
import { closeAccount } from '$lib/server/users/self-service';
import * as users from '$lib/server/users/service';
import { generateToken, hashToken } from '$lib/server/tokens';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const PASSWORD = 'een lange zin als wachtwoord';

const state = (id: string, kind: 'open' | 'final', label: { nl: string; en?: string }) => ({
	id,
	label: { nl: `Intern: ${id}` },
	citizenLabel: label,
	citizenText: { nl: `Uitleg bij ${id}`, en: `About ${id}` },
	kind,
	clock: kind === 'final' ? ('stop' as const) : ('run' as const),
	vlaamseCode: 'InVerwerking' as const
});

const definition = processDefinition.parse({
	...testDefinition,
	id: 'push',
	title: { nl: 'Terrasvergunning', en: 'Terrace permit' },
	workflow: {
		initial: 'ingediend',
		states: [
			state('ingediend', 'open', { nl: 'Ontvangen', en: 'Received' }),
			state('behandeling', 'open', { nl: 'In behandeling', en: 'Being handled' }),
			state('goedgekeurd', 'final', { nl: 'Goedgekeurd', en: 'Approved' })
		],
		transitions: [
			{
				id: 'oppakken',
				from: ['ingediend'],
				to: 'behandeling',
				label: { nl: 'Oppakken' },
				roles: ['staff']
			},
			{
				id: 'goedkeuren',
				from: ['ingediend', 'behandeling'],
				to: 'goedgekeurd',
				label: { nl: 'Goedkeuren' },
				roles: ['staff'],
				notifyCitizen: true
			}
		]
	}
});

type Received = { method: string; path: string; headers: Record<string, string>; body: Buffer };

/** A browser: its key pair and auth secret, and the subscription it would hand to the site. */
function makeBrowser(endpoint: string) {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	const auth = randomBytes(16);
	return {
		ecdh,
		auth,
		subscription: {
			endpoint,
			keys: {
				p256dh: ecdh.getPublicKey().toString('base64url'),
				auth: auth.toString('base64url')
			}
		}
	};
}

/** RFC 8291 on RFC 8188 (aes128gcm), as a browser decrypts a push message: one record. */
function decrypt(body: Buffer, ecdh: ECDH, auth: Buffer): string {
	const salt = body.subarray(0, 16);
	const recordSize = body.readUInt32BE(16);
	const idLength = body[20];
	const serverPublic = body.subarray(21, 21 + idLength);
	const record = body.subarray(21 + idLength);
	expect(idLength).toBe(65);
	expect(record.length).toBeLessThanOrEqual(recordSize);
	const secret = ecdh.computeSecret(serverPublic);
	const keyInfo = Buffer.concat([
		Buffer.from('WebPush: info\0'),
		ecdh.getPublicKey(),
		serverPublic
	]);
	const ikm = Buffer.from(hkdfSync('sha256', secret, auth, keyInfo, 32));
	const cek = Buffer.from(
		hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16)
	);
	const nonce = Buffer.from(
		hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12)
	);
	const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
	decipher.setAuthTag(record.subarray(-16));
	const padded = Buffer.concat([decipher.update(record.subarray(0, -16)), decipher.final()]);
	let end = padded.length - 1;
	while (end >= 0 && padded[end] === 0) end--;
	// The delimiter of the last (here: only) record.
	expect(padded[end]).toBe(2);
	return padded.subarray(0, end).toString('utf8');
}

/** Checks `vapid t=<JWT>, k=<key>`: the key, the ES256 signature, audience, subject, expiry. */
function checkVapid(authorization: string, publicKey: string, audience: string, subject: string) {
	const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(authorization);
	expect(match, authorization).not.toBeNull();
	const [, jwt, k] = match!;
	expect(k).toBe(publicKey);
	const [header, claims, signature] = jwt.split('.');
	expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({
		typ: 'JWT',
		alg: 'ES256'
	});
	const point = Buffer.from(k, 'base64url');
	const key = createPublicKey({
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: point.subarray(1, 33).toString('base64url'),
			y: point.subarray(33, 65).toString('base64url')
		},
		format: 'jwk'
	});
	expect(
		verify(
			'sha256',
			Buffer.from(`${header}.${claims}`),
			{ key, dsaEncoding: 'ieee-p1363' },
			Buffer.from(signature, 'base64url')
		)
	).toBe(true);
	const payload = JSON.parse(Buffer.from(claims, 'base64url').toString());
	expect(payload).toMatchObject({ aud: audience, sub: subject });
	expect(payload.exp * 1000).toBeGreaterThan(Date.now());
}

describe(`Web Push for dossier events on ${backend}`, () => {
	let t: TestDatabase;
	let staff: SessionUser;
	let citizen: SessionUser;
	let other: SessionUser;
	let server: Server;
	let origin: string;
	const dataDir = mkdtempSync(join(tmpdir(), 'loket-push-'));
	const received: Received[] = [];
	/** The push service's answer, by path; 201 Created when not set. */
	const answers = new Map<string, number>();
	let counter = 0;

	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'push.json', definition }], t.db);
		const add = async (email: string, roles: string[], name: string) => {
			const r = await users.addUser({ email, password: PASSWORD, roles, name }, t.db);
			if (!r.ok) throw new Error(r.reason);
			return r.user;
		};
		staff = await add('stijn@gemeente.be', ['staff'], 'Stijn Balie');
		citizen = await add('ada@example.be', ['citizen'], 'Ada');
		other = await add('eve@example.be', ['citizen'], 'Eve');
		// Without SMTP_URL, as a server runs by default: mail goes to DATA_DIR/mail as .eml files.
		registerMailHandlers({
			mailer: createMailer({
				smtpUrl: undefined,
				from: 'Gemeente Proef <noreply@loket.invalid>',
				dataDir
			}),
			municipality: () => 'Gemeente Proef',
			origin: 'http://loket.test:4181'
		});
		registerPushHandler({ municipality: () => 'Gemeente Proef', timeoutMs: 5000 });

		server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const path = req.url ?? '';
				received.push({
					method: req.method ?? '',
					path,
					headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
					body: Buffer.concat(chunks)
				});
				res.writeHead(answers.get(path) ?? 201).end();
			});
		});
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise((done) => server?.close(done));
		await t?.drop();
	});
	let log: ReturnType<typeof vi.spyOn>;
	beforeEach(() => {
		// Failed deliveries are logged by the outbox; the tests read the rows instead.
		log = vi.spyOn(console, 'error').mockImplementation(() => {});
	});
	afterEach(async () => {
		log.mockRestore();
		received.length = 0;
		answers.clear();
		await t.db.deleteFrom('outbox').execute();
		await t.db.deleteFrom('pushSubscription').execute();
	});

	async function fileDossier(ownerId: string | null, language: 'nl' | 'en' = 'nl') {
		counter++;
		const token = generateToken();
		const dossier = await dossierRepo.insertDossier(t.db, {
			reference: `2026-${String(700000 + counter)}`,
			processId: 'push',
			processVersion: 1,
			status: 'ingediend',
			answers: JSON.stringify({ naam: 'Ada Peeters' }),
			language,
			ownerId,
			guestTokenHash: ownerId ? null : hashToken(token),
			applicantName: 'Ada Peeters',
			applicantEmail: 'ada@example.be',
			submissionId: randomUUID(),
			dueDate: '2026-12-31'
		});
		if (!dossier) throw new Error('not inserted');
		return { dossier, token };
	}

	async function approve(dossierId: string) {
		const d = await dossierRepo.findById(t.db, dossierId);
		const r = await handling.transition(
			dossierId,
			{ kind: 'staff', user: staff },
			{ transitionId: 'goedkeuren', expectedVersion: d!.version },
			t.db
		);
		if (!r.ok) throw new Error(r.reason);
	}

	const subscriptions = () =>
		t.db.selectFrom('pushSubscription').selectAll().orderBy('endpoint').execute();
	const emls = () =>
		existsSync(mailDir(dataDir))
			? readdirSync(mailDir(dataDir)).filter((f) => f.endsWith('.eml'))
			: [];

	it('makes one VAPID key pair, however many start at once, and keeps it', async () => {
		const [a, b] = await Promise.all([
			ensureVapidKeys(t.db, 'mailto:loket@proef.be'),
			ensureVapidKeys(t.db, 'mailto:loket@proef.be')
		]);
		expect(a).toEqual(b);
		expect(Buffer.from(a.publicKey, 'base64url')).toHaveLength(65);
		expect(Buffer.from(a.privateKey, 'base64url')).toHaveLength(32);
		expect(await t.db.selectFrom('pushVapidKey').selectAll().execute()).toHaveLength(1);
		expect(await push.getPublicKey(t.db)).toBe(a.publicKey);
		// The subject follows the configuration; the keys do not change.
		const moved = await ensureVapidKeys(t.db, 'https://loket.proef.be');
		expect(moved).toEqual({ ...a, subject: 'https://loket.proef.be' });
		await ensureVapidKeys(t.db, 'mailto:loket@proef.be');
	});

	it('chooses the VAPID subject from the sender address, else the https site, else a placeholder', () => {
		const config = (from: string, origin?: string) => ({
			mail: { from, smtpUrl: undefined },
			origin
		});
		expect(vapidSubject(config('Gemeente Proef <loket@proef.be>'))).toBe('mailto:loket@proef.be');
		expect(vapidSubject(config('loket@proef.be'))).toBe('mailto:loket@proef.be');
		expect(vapidSubject(config('Proef <noreply@loket.invalid>', 'https://loket.proef.be/x'))).toBe(
			'https://loket.proef.be'
		);
		expect(vapidSubject(config('Proef <noreply@loket.invalid>', 'http://localhost:3000'))).toBe(
			'mailto:noreply@loket.invalid'
		);
	});

	it('a notify-citizen transition writes an .eml and sends one push, encrypted for that browser', async () => {
		const { dossier } = await fileDossier(citizen.id, 'en');
		const browser = makeBrowser(`${origin}/push/ada-phone`);
		await push.subscribe(push.accountScope(citizen.id), browser.subscription, 'en', t.db);
		// Someone else's browser hears nothing of Ada's dossier.
		const eve = makeBrowser(`${origin}/push/eve-phone`);
		await push.subscribe(push.accountScope(other.id), eve.subscription, 'nl', t.db);
		const mailsBefore = new Set(emls());

		await approve(dossier.id);
		const rows = await t.db.selectFrom('outbox').select('kind').orderBy('id').execute();
		expect(rows.map((r) => r.kind)).toEqual(['dossier-transitioned', 'push']);
		expect(await drainOutbox(t.db)).toEqual({ processed: 2, retrying: 0, failed: 0 });

		const written = emls().filter((f) => !mailsBefore.has(f));
		expect(written).toHaveLength(1);
		expect(written[0]).toMatch(/-dossier-transitioned\.eml$/);
		const mail = parseEml(new Uint8Array(readFileSync(join(mailDir(dataDir), written[0]))));
		expect(mail.to).toBe('ada@example.be');
		expect(mail.subject).toContain(dossier.reference);

		expect(received).toHaveLength(1);
		const [request] = received;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/push/ada-phone');
		expect(request.headers['content-encoding']).toBe('aes128gcm');
		expect(request.headers['content-type']).toBe('application/octet-stream');
		expect(Number(request.headers.ttl)).toBeGreaterThan(0);
		expect(request.headers.topic).toBe(dossier.reference);
		const keys = await ensureVapidKeys(t.db);
		checkVapid(request.headers.authorization, keys.publicKey, origin, keys.subject);

		// The push service sees ciphertext only; the browser reads the reference.
		expect(request.body.includes(Buffer.from(dossier.reference))).toBe(false);
		const message = JSON.parse(decrypt(request.body, browser.ecdh, browser.auth)) as PushMessage;
		expect(message).toEqual({
			title: `${dossier.reference}: Approved`,
			body: 'About goedgekeurd',
			url: `/dossiers/${dossier.reference}`,
			reference: dossier.reference
		});
		// Eve's keys cannot read it.
		expect(() => decrypt(request.body, eve.ecdh, eve.auth)).toThrow();
	});

	it('a transition that does not notify the citizen sends nothing', async () => {
		const { dossier } = await fileDossier(citizen.id);
		await push.subscribe(
			push.accountScope(citizen.id),
			makeBrowser(`${origin}/push/ada`).subscription,
			'nl',
			t.db
		);
		const r = await handling.transition(
			dossier.id,
			{ kind: 'staff', user: staff },
			{ transitionId: 'oppakken', expectedVersion: dossier.version },
			t.db
		);
		expect(r.ok).toBe(true);
		expect(await t.db.selectFrom('outbox').select('kind').execute()).toEqual([]);
		await drainOutbox(t.db);
		expect(received).toEqual([]);
	});

	it('a guest subscribes with the tracking link, for that dossier only, and hears of messages', async () => {
		const mine = await fileDossier(null);
		const theirs = await fileDossier(null);
		expect(await push.findGuestScope('not-a-tracking-token-at-all', t.db)).toBeNull();
		expect(await push.findGuestScope(generateToken(), t.db)).toBeNull();
		const scope = await push.findGuestScope(mine.token, t.db);
		expect(scope).toEqual({ userId: null, dossierId: mine.dossier.id });
		const browser = makeBrowser(`${origin}/push/guest`);
		await push.subscribe(scope!, browser.subscription, 'nl', t.db);
		expect(await push.isSubscribed(scope!, browser.subscription.endpoint, t.db)).toBe(true);
		const theirScope = (await push.findGuestScope(theirs.token, t.db))!;
		expect(await push.isSubscribed(theirScope, browser.subscription.endpoint, t.db)).toBe(false);
		// Another dossier's holder cannot remove this browser's subscription.
		expect(await push.unsubscribe(theirScope, browser.subscription.endpoint, t.db)).toBe(false);

		// Staff write to both guests, and a note for colleagues on this one.
		for (const d of [mine.dossier, theirs.dossier])
			expect(
				await handling.postStaffMessage(
					d.id,
					staff,
					{ body: 'Geheim bericht', internal: false },
					t.db
				)
			).toMatchObject({ ok: true, messageId: expect.any(String) });
		await handling.postStaffMessage(
			mine.dossier.id,
			staff,
			{ body: 'Intern', internal: true },
			t.db
		);
		expect(await drainOutbox(t.db)).toEqual({ processed: 4, retrying: 0, failed: 0 });
		expect(received).toHaveLength(1);
		const message = JSON.parse(
			decrypt(received[0].body, browser.ecdh, browser.auth)
		) as PushMessage;
		expect(message).toEqual({
			title: `Nieuw bericht over ${mine.dossier.reference}`,
			body: 'Gemeente Proef heeft u een bericht gestuurd over ‘Terrasvergunning’.',
			url: null,
			reference: mine.dossier.reference
		});
		expect(JSON.stringify(message)).not.toContain('Geheim');

		expect(await push.unsubscribe(scope!, browser.subscription.endpoint, t.db)).toBe(true);
		expect(await subscriptions()).toEqual([]);
	});

	it('sends the receipt to the browsers of the account', async () => {
		const { dossier } = await fileDossier(citizen.id);
		const browser = makeBrowser(`${origin}/push/receipt`);
		await push.subscribe(push.accountScope(citizen.id), browser.subscription, 'nl', t.db);
		await t.db
			.insertInto('outbox')
			.values({
				kind: 'push',
				payload: JSON.stringify({ event: 'receipt', dossierId: dossier.id }),
				// The database's now() has microseconds, a JS Date only milliseconds: due for sure.
				nextAttemptAt: new Date(Date.now() - 1000)
			})
			.execute();
		expect(await drainOutbox(t.db)).toEqual({ processed: 1, retrying: 0, failed: 0 });
		const message = JSON.parse(decrypt(received[0].body, browser.ecdh, browser.auth));
		expect(message).toMatchObject({
			title: `Aanvraag ${dossier.reference} ontvangen`,
			reference: dossier.reference
		});
	});

	it('a push service that answers 410 Gone makes us forget the browser', async () => {
		const { dossier } = await fileDossier(citizen.id);
		const gone = makeBrowser(`${origin}/push/gone`);
		const kept = makeBrowser(`${origin}/push/kept`);
		answers.set('/push/gone', 410);
		await push.subscribe(push.accountScope(citizen.id), gone.subscription, 'nl', t.db);
		await push.subscribe(push.accountScope(citizen.id), kept.subscription, 'nl', t.db);

		await approve(dossier.id);
		expect(await drainOutbox(t.db)).toEqual({ processed: 2, retrying: 0, failed: 0 });
		expect(received.map((r) => r.path).sort()).toEqual(['/push/gone', '/push/kept']);
		expect((await subscriptions()).map((s) => s.endpoint)).toEqual([kept.subscription.endpoint]);
	});

	it('a push service that fails keeps the browser and the row, which is retried later', async () => {
		const { dossier } = await fileDossier(citizen.id);
		const browser = makeBrowser(`${origin}/push/flaky`);
		answers.set('/push/flaky', 500);
		await push.subscribe(push.accountScope(citizen.id), browser.subscription, 'nl', t.db);

		await approve(dossier.id);
		const now = new Date();
		expect(await drainOutbox(t.db, now)).toEqual({ processed: 1, retrying: 1, failed: 0 });
		const [subscription] = await subscriptions();
		expect(subscription.lastError).toMatch(/^500/);
		const row = await t.db
			.selectFrom('outbox')
			.selectAll()
			.where('kind', '=', 'push')
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ attempts: 1, processedAt: null });
		expect(row.lastError).toContain('1 of 1 push deliveries failed');
		expect(row.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());

		// The push service is back; after the backoff the row goes out and the error is cleared.
		answers.delete('/push/flaky');
		expect(await drainOutbox(t.db, new Date(now.getTime() + 60_000))).toEqual({
			processed: 1,
			retrying: 0,
			failed: 0
		});
		expect(received).toHaveLength(2);
		expect(JSON.parse(decrypt(received[1].body, browser.ecdh, browser.auth))).toMatchObject({
			reference: dossier.reference
		});
		expect((await subscriptions())[0].lastError).toBeNull();
	});

	it('a push service that cannot be reached counts as a failure too', async () => {
		const { dossier } = await fileDossier(citizen.id);
		await push.subscribe(
			push.accountScope(citizen.id),
			// Nothing listens on port 9 of this machine.
			makeBrowser('http://127.0.0.1:9/push/nowhere').subscription,
			'nl',
			t.db
		);
		await approve(dossier.id);
		expect(await drainOutbox(t.db)).toEqual({ processed: 1, retrying: 1, failed: 0 });
		expect((await subscriptions())[0].lastError).toMatch(/fetch failed/);
	});

	it('one browser follows one thing; an account keeps its newest browsers; closing it forgets them', async () => {
		const { dossier, token } = await fileDossier(null);
		const browser = makeBrowser(`${origin}/push/shared`);
		const guest = (await push.findGuestScope(token, t.db))!;
		await push.subscribe(guest, browser.subscription, 'nl', t.db);
		await push.subscribe(push.accountScope(citizen.id), browser.subscription, 'en', t.db);
		expect(await subscriptions()).toMatchObject([
			{ userId: citizen.id, dossierId: null, language: 'en' }
		]);
		expect(await push.isSubscribed(guest, browser.subscription.endpoint, t.db)).toBe(false);
		expect(dossier.id).toBeTruthy();

		for (let i = 0; i < push.MAX_PER_SCOPE + 2; i++)
			await push.subscribe(
				push.accountScope(other.id),
				makeBrowser(`${origin}/push/eve-${String(i).padStart(2, '0')}`).subscription,
				'nl',
				t.db
			);
		const eves = (await subscriptions()).filter((s) => s.userId === other.id);
		expect(eves).toHaveLength(push.MAX_PER_SCOPE);

		const closed = await closeAccount(
			{ id: other.id, email: 'eve@example.be' },
			{ password: PASSWORD, confirmed: true, ip: '127.0.0.1' },
			t.db
		);
		expect(closed).toMatchObject({ ok: true });
		expect((await subscriptions()).filter((s) => s.userId === other.id)).toEqual([]);
	});

	it('accepts from browsers only https addresses of named hosts, with keys of the right size', () => {
		const keys = makeBrowser('').subscription.keys;
		const ok = (endpoint: string, k = keys) =>
			push.subscriptionBody.safeParse({ endpoint, keys: k, expirationTime: null }).success;
		expect(ok('https://fcm.googleapis.com/fcm/send/abc:def')).toBe(true);
		expect(ok('https://updates.push.services.mozilla.com/wpush/v2/gAAA')).toBe(true);
		expect(ok('https://web.push.apple.com/QGuQyavXutnMH')).toBe(true);
		expect(ok('http://fcm.googleapis.com/fcm/send/abc')).toBe(false);
		expect(ok('https://127.0.0.1/push')).toBe(false);
		expect(ok('https://[::1]/push')).toBe(false);
		expect(ok('https://localhost/push')).toBe(false);
		expect(ok('https://db.internal/push')).toBe(false);
		expect(ok('https://user:pw@push.example.com/x')).toBe(false);
		expect(ok('javascript:alert(1)')).toBe(false);
		expect(ok('x')).toBe(false);
		expect(
			ok('https://push.example.com/x', { ...keys, auth: randomBytes(8).toString('base64url') })
		).toBe(false);
		expect(ok('https://push.example.com/x', { ...keys, p256dh: 'not base64!' })).toBe(false);
	});
});

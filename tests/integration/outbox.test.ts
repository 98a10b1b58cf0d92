import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { testDefinition } from '$lib/process/answers/test-definition';
import type { ProcessDefinition } from '$lib/process/definition';
import { parseEml } from '$lib/server/mail/eml';
import * as mailbox from '$lib/server/mail/mailbox';
import { registerMailHandlers } from '$lib/server/mail/service';
import { FileMailer } from '$lib/server/mail/transport';
import { CALL_RETENTION_MS } from '$lib/server/api/tokens';
import { runMaintenance } from '$lib/server/maintenance/service';
import { hashBytes, LocalFileStorage } from '$lib/server/files/storage';
import * as outboxRepo from '$lib/server/outbox/repository';
import {
	drainOutbox,
	LEASE_MS,
	MAX_ATTEMPTS,
	PermanentOutboxError,
	registerOutboxHandler
} from '$lib/server/outbox/worker';
import * as processes from '$lib/server/processes/service';
import * as users from '$lib/server/users/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

// A process whose states have citizen labels in both languages.
const definition: ProcessDefinition = {
	...structuredClone(testDefinition),
	id: 'mailproef',
	title: { nl: 'Terrasvergunning', en: 'Terrace permit' }
};
definition.workflow.states = definition.workflow.states.map((s) =>
	s.id === 'klaar'
		? {
				...s,
				label: { nl: 'Afgehandeld (intern)' },
				citizenLabel: { nl: 'Goedgekeurd', en: 'Approved' },
				citizenText: { nl: 'U mag uw terras plaatsen.', en: 'You may set up your terrace.' }
			}
		: s
);

describe(`the outbox worker and the mailer on ${backend}`, () => {
	let t: TestDatabase;
	const mailDir = join(mkdtempSync(join(tmpdir(), 'loket-outbox-')), 'mail');

	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'mail.json', definition }], t.db);
		registerMailHandlers({
			mailer: new FileMailer(mailDir, 'Gemeente Proef <noreply@loket.invalid>'),
			municipality: () => 'Gemeente Proef',
			origin: 'http://loket.test:4181'
		});
	});
	afterAll(async () => {
		await t.drop();
	});
	// Failed attempts are logged; the tests read the log instead of printing it.
	let log: ReturnType<typeof vi.spyOn>;
	beforeEach(() => {
		log = vi.spyOn(console, 'error').mockImplementation(() => {});
	});
	afterEach(async () => {
		log.mockRestore();
		await t.db.deleteFrom('outbox').execute();
	});

	async function enqueue(kind: string, payload: Record<string, unknown>, at: Date) {
		const row = await t.db
			.insertInto('outbox')
			.values({ kind, payload: JSON.stringify(payload), nextAttemptAt: at })
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	}

	const rowOf = (id: number) =>
		t.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

	/** The mails written so far, newest last, parsed. */
	function mails() {
		return readdirSync(mailDir)
			.sort()
			.map((file) => ({ file, ...parseEml(new Uint8Array(readFileSync(join(mailDir, file)))) }));
	}

	it('runs the handler of each due row once and marks it processed', async () => {
		const seen: unknown[] = [];
		registerOutboxHandler('test-ok', async (payload, job) => {
			seen.push({ payload, attempt: job.attempt, kind: job.kind });
		});
		const now = new Date();
		const due = await enqueue('test-ok', { n: 1 }, new Date(now.getTime() - SECOND));
		const later = await enqueue('test-ok', { n: 2 }, new Date(now.getTime() + MINUTE));

		expect(await drainOutbox(t.db, now)).toEqual({ processed: 1, retrying: 0, failed: 0 });
		expect(seen).toEqual([{ payload: { n: 1 }, attempt: 1, kind: 'test-ok' }]);
		expect(await rowOf(due)).toMatchObject({ attempts: 1, lastError: null, processedAt: now });
		expect(await rowOf(later)).toMatchObject({ attempts: 0, processedAt: null });

		// Processed rows are never taken again.
		expect(await drainOutbox(t.db, new Date(now.getTime() + 2 * MINUTE))).toEqual({
			processed: 1,
			retrying: 0,
			failed: 0
		});
		expect(seen).toHaveLength(2);
	});

	it('retries a failing row with exponential backoff, then succeeds', async () => {
		let failures = 2;
		registerOutboxHandler('test-flaky', async () => {
			if (failures-- > 0) throw new Error('SMTP server said 451');
		});
		const start = new Date();
		const id = await enqueue('test-flaky', {}, start);

		expect(await drainOutbox(t.db, start)).toEqual({ processed: 0, retrying: 1, failed: 0 });
		let row = await rowOf(id);
		expect(row).toMatchObject({
			attempts: 1,
			lastError: 'SMTP server said 451',
			processedAt: null
		});
		expect(row.nextAttemptAt.getTime()).toBe(start.getTime() + 30 * SECOND);

		// Not due yet: nothing happens.
		expect(await drainOutbox(t.db, new Date(start.getTime() + 29 * SECOND))).toEqual({
			processed: 0,
			retrying: 0,
			failed: 0
		});

		const second = new Date(start.getTime() + 30 * SECOND);
		await drainOutbox(t.db, second);
		row = await rowOf(id);
		expect(row.attempts).toBe(2);
		expect(row.nextAttemptAt.getTime()).toBe(second.getTime() + 60 * SECOND);

		const third = new Date(second.getTime() + 60 * SECOND);
		expect(await drainOutbox(t.db, third)).toEqual({ processed: 1, retrying: 0, failed: 0 });
		expect(await rowOf(id)).toMatchObject({ attempts: 3, lastError: null, processedAt: third });
	});

	it('gives up after MAX_ATTEMPTS, at once for a permanent error, and names a missing handler', async () => {
		registerOutboxHandler('test-broken', async () => {
			throw new Error('always');
		});
		registerOutboxHandler('test-permanent', async () => {
			throw new PermanentOutboxError('payload has no e-mail');
		});
		let now = new Date();
		const broken = await enqueue('test-broken', {}, now);
		const permanent = await enqueue('test-permanent', {}, now);
		const unknown = await enqueue('test-nobody', {}, now);

		expect(await drainOutbox(t.db, now)).toEqual({ processed: 0, retrying: 2, failed: 1 });
		expect(await rowOf(permanent)).toMatchObject({
			attempts: MAX_ATTEMPTS,
			lastError: 'PermanentOutboxError: payload has no e-mail'
		});
		expect(await rowOf(unknown)).toMatchObject({
			attempts: 1,
			lastError: 'no handler for test-nobody'
		});
		expect(log).toHaveBeenCalledWith(
			`Outbox #${permanent} (test-permanent) attempt 1/${MAX_ATTEMPTS} failed, giving up: PermanentOutboxError: payload has no e-mail`
		);

		for (let i = 2; i <= MAX_ATTEMPTS; i++) {
			now = (await rowOf(broken)).nextAttemptAt;
			await drainOutbox(t.db, now);
		}
		const row = await rowOf(broken);
		expect(row).toMatchObject({ attempts: MAX_ATTEMPTS, lastError: 'always', processedAt: null });
		// The wait doubled after each failure: 30 s after the first, 2^9 · 30 s after the tenth.
		expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(2 ** 9 * 30 * SECOND);
		expect(await drainOutbox(t.db, new Date(now.getTime() + 30 * DAY))).toMatchObject({
			processed: 0
		});
		expect((await rowOf(broken)).attempts).toBe(MAX_ATTEMPTS);

		await enqueue('test-later', {}, now);
		await drainOutbox(t.db, now);
		const trouble = await mailbox.listOutboxTrouble(t.db);
		expect(trouble.map((r) => [r.kind, r.attempts, r.failed])).toEqual([
			['test-later', 1, false],
			['test-nobody', MAX_ATTEMPTS, true],
			['test-permanent', MAX_ATTEMPTS, true],
			['test-broken', MAX_ATTEMPTS, true]
		]);
		expect(trouble[0].nextAttemptAt).toEqual(new Date(now.getTime() + 30 * SECOND));
		expect(trouble[0].lastError).toBe('no handler for test-later');
		expect(trouble[1].nextAttemptAt).toBeNull();
	});

	it('never loses a row whose worker died: the lease runs out and another drain takes it', async () => {
		const handled: number[] = [];
		registerOutboxHandler('test-lease', async (_, job) => {
			handled.push(job.attempt);
		});
		const now = new Date();
		const id = await enqueue('test-lease', {}, now);
		// A worker claims the row and dies before it writes a result.
		const claimed = await outboxRepo.claimDue(t.db, {
			now,
			leaseUntil: new Date(now.getTime() + LEASE_MS),
			maxAttempts: MAX_ATTEMPTS,
			limit: 10
		});
		expect(claimed.map((r) => r.id)).toEqual([id]);
		expect(await drainOutbox(t.db, new Date(now.getTime() + LEASE_MS - SECOND))).toMatchObject({
			processed: 0
		});
		expect(await drainOutbox(t.db, new Date(now.getTime() + LEASE_MS))).toMatchObject({
			processed: 1
		});
		expect(handled).toEqual([2]);
	});

	it('two drains at the same time never process a row twice', async () => {
		const handled: number[] = [];
		registerOutboxHandler('test-concurrent', async (_, job) => {
			handled.push(job.id);
			// Give the other drain time to claim while this one works.
			await new Promise((r) => setTimeout(r, 5));
		});
		const now = new Date();
		const ids: number[] = [];
		for (let i = 0; i < 45; i++) ids.push(await enqueue('test-concurrent', { i }, now));

		const [a, b] = await Promise.all([drainOutbox(t.db, now), drainOutbox(t.db, now)]);
		expect(a.processed + b.processed).toBe(45);
		expect([...handled].sort((x, y) => x - y)).toEqual(ids);
		if (backend === 'postgres') {
			// On a server both really worked in parallel.
			expect(a.processed).toBeGreaterThan(0);
			expect(b.processed).toBeGreaterThan(0);
		}
		const left = await t.db
			.selectFrom('outbox')
			.select('id')
			.where('processedAt', 'is', null)
			.execute();
		expect(left).toEqual([]);
	});

	it.runIf(backend === 'postgres')(
		'passes over a row another transaction has locked instead of waiting for it',
		async () => {
			const handled: number[] = [];
			registerOutboxHandler('test-locked', async (_, job) => {
				handled.push(job.id);
			});
			const now = new Date();
			const locked = await enqueue('test-locked', {}, now);
			const free = await enqueue('test-locked', {}, now);
			let release!: () => void;
			const held = new Promise<void>((r) => (release = r));
			let lockTaken!: () => void;
			const taken = new Promise<void>((r) => (lockTaken = r));
			const holder = t.db.transaction().execute(async (trx) => {
				await trx.selectFrom('outbox').select('id').where('id', '=', locked).forUpdate().execute();
				lockTaken();
				await held;
			});
			await taken;
			expect(await drainOutbox(t.db, now)).toMatchObject({ processed: 1 });
			expect(handled).toEqual([free]);
			release();
			await holder;
			expect(await drainOutbox(t.db, now)).toMatchObject({ processed: 1 });
			expect(handled).toEqual([free, locked]);
		}
	);

	it('writes the verification mail as an .eml file with To, Subject and the working link', async () => {
		const registered = await users.registerUser(
			{ email: 'zoe.peeters@example.be', password: 'paarse olifant op de fiets', name: 'Zoë' },
			t.db
		);
		if (!registered.ok) throw new Error(registered.reason);
		const result = await drainOutbox(t.db, new Date(Date.now() + SECOND));
		expect(result).toEqual({ processed: 1, retrying: 0, failed: 0 });

		const [mail] = mails().filter((m) => m.to === 'zoe.peeters@example.be');
		expect(mail.file).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-\d+-verify-email\.eml$/);
		expect(mail.subject).toBe('Bevestig uw e-mailadres · Gemeente Proef');
		expect(mail.from).toBe('Gemeente Proef <noreply@loket.invalid>');
		const link = /http:\/\/loket\.test:4181\/bevestigen\/(\S+)/.exec(mail.text);
		expect(link).not.toBeNull();
		// The link in the mail is the one that verifies the address.
		expect(
			await users.verifyEmail(decodeURIComponent(link![1]), 'paarse olifant op de fiets', t.db)
		).toMatchObject({ ok: true });

		const listed = await mailbox.listMails(mailDir);
		expect(listed[0]).toMatchObject({
			file: mail.file,
			to: 'zoe.peeters@example.be',
			subject: mail.subject
		});
		expect((await mailbox.readMail(mail.file, mailDir))?.text).toBe(mail.text);
		expect(await mailbox.readMail('../../etc/passwd', mailDir)).toBeNull();
	});

	async function insertDossier(v: {
		reference: string;
		applicantEmail: string | null;
		ownerId?: string | null;
		language?: 'nl' | 'en';
	}) {
		return t.db
			.insertInto('dossier')
			.values({
				reference: v.reference,
				processId: 'mailproef',
				processVersion: 1,
				status: 'ingediend',
				answers: JSON.stringify({}),
				language: v.language ?? 'nl',
				ownerId: v.ownerId ?? null,
				guestTokenHash: v.ownerId ? null : hashBytes(new TextEncoder().encode(v.reference)),
				applicantEmail: v.applicantEmail,
				submissionId: crypto.randomUUID(),
				dueDate: '2026-12-24'
			})
			.returningAll()
			.executeTakeFirstOrThrow();
	}

	it('mails about dossiers: receipt, new state and message, in the right language, with the right link', async () => {
		const owner = await users.addUser(
			{ email: 'eigenaar@example.be', password: 'paarse olifant op de fiets', roles: ['citizen'] },
			t.db
		);
		if (!owner.ok) throw new Error(owner.reason);
		const guest = await insertDossier({
			reference: '2026-000101',
			applicantEmail: 'gast@example.be'
		});
		const mine = await insertDossier({
			reference: '2026-000102',
			applicantEmail: 'eigenaar@example.be',
			ownerId: owner.user.id,
			language: 'en'
		});
		const anonymous = await insertDossier({ reference: '2026-000103', applicantEmail: null });
		const now = new Date();
		await enqueue(
			'receipt-email',
			{
				dossierId: guest.id,
				reference: guest.reference,
				to: 'gast@example.be',
				language: 'nl',
				trackingToken: 'volgTOKEN_1'
			},
			now
		);
		const message = async (dossierId: string, authorRole: 'staff' | 'citizen', internal = false) =>
			(
				await t.db
					.insertInto('message')
					.values({ dossierId, authorRole, internal, body: 'Geheim: uw rijksregisternummer is …' })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		await enqueue('dossier-transitioned', { dossierId: mine.id, toStatus: 'klaar' }, now);
		await enqueue(
			'dossier-message',
			{ dossierId: mine.id, messageId: await message(mine.id, 'staff') },
			now
		);
		await enqueue(
			'dossier-message',
			{ dossierId: guest.id, messageId: await message(guest.id, 'staff') },
			now
		);
		// No mail about an internal note or about the citizen's own message.
		const internal = await enqueue(
			'dossier-message',
			{ dossierId: guest.id, messageId: await message(guest.id, 'staff', true) },
			now
		);
		await enqueue(
			'dossier-message',
			{ dossierId: mine.id, messageId: await message(mine.id, 'citizen') },
			now
		);
		const elsewhere = await enqueue(
			'dossier-message',
			{ dossierId: mine.id, messageId: await message(guest.id, 'staff') },
			now
		);
		const silent = await enqueue(
			'dossier-transitioned',
			{ dossierId: anonymous.id, toStatus: 'klaar' },
			now
		);
		const malformed = await enqueue('receipt-email', { dossierId: guest.id }, now);
		const before = new Set(readdirSync(mailDir));

		expect(await drainOutbox(t.db, now)).toEqual({ processed: 7, retrying: 0, failed: 2 });
		const written = mails().filter((m) => !before.has(m.file));
		expect(written).toHaveLength(4);
		const to = (address: string) => written.filter((m) => m.to === address);

		const [receipt, guestMessage] = to('gast@example.be');
		expect(receipt.subject).toBe('Wij ontvingen uw aanvraag 2026-000101 · Gemeente Proef');
		expect(receipt.text).toContain('voor ‘Terrasvergunning’');
		expect(receipt.text).toContain('uiterlijk op 24 december 2026');
		expect(receipt.text).toContain('http://loket.test:4181/volg/volgTOKEN_1');
		expect(guestMessage.subject).toBe('Nieuw bericht over uw dossier 2026-000101 · Gemeente Proef');
		expect(guestMessage.text).not.toContain('http://');
		expect(guestMessage.text).not.toContain('Geheim');

		const [status, ownerMessage] = to('eigenaar@example.be');
		expect(status.subject).toBe('2026-000102: Approved · Gemeente Proef');
		expect(status.text).toContain('You may set up your terrace.');
		expect(status.text).toContain('http://loket.test:4181/dossiers/2026-000102');
		expect(ownerMessage.subject).toBe(
			'New message about your dossier 2026-000102 · Gemeente Proef'
		);
		expect(ownerMessage.text).toContain('http://loket.test:4181/dossiers/2026-000102');

		// No address, no mail; the row is done all the same.
		expect((await rowOf(silent)).processedAt).toEqual(now);
		expect((await rowOf(internal)).processedAt).toEqual(now);
		expect((await rowOf(elsewhere)).lastError).toMatch(/does not exist/);
		expect(await rowOf(malformed)).toMatchObject({ attempts: MAX_ATTEMPTS, processedAt: null });
		expect((await rowOf(malformed)).lastError).toMatch(
			/malformed receipt-email payload: reference/
		);
	});
});

describe(`the clean-up on ${backend}`, () => {
	let t: TestDatabase;
	const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-cleanup-')));
	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary([{ file: 'mail.json', definition }], t.db);
	});
	afterAll(async () => {
		await t.drop();
	});

	it('deletes only what has outlived its use, and stored files no row names any more', async () => {
		const now = new Date();
		const ago = (ms: number) => new Date(now.getTime() - ms);
		const ahead = (ms: number) => new Date(now.getTime() + ms);
		const added = await users.addUser(
			{ email: 'opruim@example.be', password: 'paarse olifant op de fiets', roles: ['citizen'] },
			t.db
		);
		if (!added.ok) throw new Error(added.reason);
		const userId = added.user.id;

		await t.db
			.insertInto('userSession')
			.values([
				{ id: 'expired', userId, expiresAt: ago(SECOND) },
				{ id: 'valid', userId, expiresAt: ahead(DAY) }
			])
			.execute();
		await t.db
			.insertInto('loginAttempt')
			.values([
				{ emailLower: 'a@example.be', ip: '1.2.3.4', succeeded: false, at: ago(25 * 60 * MINUTE) },
				{ emailLower: 'b@example.be', ip: '1.2.3.4', succeeded: false, at: ago(23 * 60 * MINUTE) }
			])
			.execute();
		await t.db
			.insertInto('userToken')
			.values([
				{ id: 'expired-long-ago', userId, purpose: 'invite', expiresAt: ago(8 * DAY) },
				{
					id: 'used-long-ago',
					userId,
					purpose: 'verify-email',
					expiresAt: ahead(DAY),
					usedAt: ago(8 * DAY)
				},
				{ id: 'expired-lately', userId, purpose: 'reset-password', expiresAt: ago(DAY) },
				{
					id: 'used-lately',
					userId,
					purpose: 'verify-email',
					expiresAt: ago(DAY),
					usedAt: ago(6 * DAY)
				},
				{ id: 'fresh', userId, purpose: 'reset-password', expiresAt: ahead(60 * MINUTE) }
			])
			.execute();

		// Files: A is also a dossier's attachment, B only in the abandoned draft, C in a submitted
		// draft, E in the abandoned draft and in a draft still open.
		const bytes = (s: string) => new TextEncoder().encode(`%PDF-1.7 ${s}`);
		const [a, b, c, e] = await Promise.all(['A', 'B', 'C', 'E'].map((s) => storage.put(bytes(s))));
		const dossier = await t.db
			.insertInto('dossier')
			.values({
				reference: '2026-000201',
				processId: 'mailproef',
				processVersion: 1,
				status: 'ingediend',
				answers: JSON.stringify({}),
				applicantEmail: null,
				guestTokenHash: 'f'.repeat(64),
				submissionId: crypto.randomUUID()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('attachment')
			.values({
				dossierId: dossier.id,
				fileName: 'a.pdf',
				mediaType: 'application/pdf',
				sizeBytes: a.size,
				sha256: a.sha256,
				storageKey: a.sha256
			})
			.execute();
		const draft = async (name: string, expiresAt: Date, dossierId: string | null) =>
			(
				await t.db
					.insertInto('formDraft')
					.values({
						tokenHash: hashBytes(bytes(name)),
						processId: 'mailproef',
						processVersion: 1,
						answers: JSON.stringify({}),
						expiresAt,
						dossierId
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		const abandoned = await draft('abandoned', ago(SECOND), null);
		const submitted = await draft('submitted', ago(DAY), dossier.id);
		const open = await draft('open', ahead(DAY), null);
		const file = (draftId: string, f: { sha256: string; size: number }) => ({
			draftId,
			fieldKey: 'bewijs',
			fileName: 'x.pdf',
			mediaType: 'application/pdf',
			sizeBytes: f.size,
			sha256: f.sha256
		});
		await t.db
			.insertInto('draftFile')
			.values([
				file(abandoned, a),
				file(abandoned, b),
				file(abandoned, e),
				file(submitted, c),
				file(open, e)
			])
			.execute();

		const old = await t.db
			.insertInto('outbox')
			.values([
				{ kind: 'test', payload: '{}', processedAt: ago(31 * DAY) },
				{ kind: 'test', payload: '{}', processedAt: ago(29 * DAY) },
				{ kind: 'test', payload: '{}' }
			])
			.returning('id')
			.execute();

		// API calls: the audit trail keeps them CALL_RETENTION_MS, then they go.
		const apiToken = await t.db
			.insertInto('apiToken')
			.values({ name: 'Koppeling', tokenHash: 'h', prefix: 'loket_h', scopes: ['read'] })
			.returning('id')
			.executeTakeFirstOrThrow();
		const call = (at: Date, path: string) => ({
			tokenId: apiToken.id,
			tokenName: 'Koppeling',
			method: 'GET',
			path,
			status: 200,
			at
		});
		await t.db
			.insertInto('apiCall')
			.values([
				call(new Date(now.getTime() - CALL_RETENTION_MS - 1000), '/old'),
				call(new Date(now.getTime() - CALL_RETENTION_MS + 60_000), '/kept')
			])
			.execute();

		const report = await runMaintenance(t.db, now, storage);
		expect(report).toEqual({
			sessions: 1,
			loginAttempts: 1,
			userTokens: 2,
			drafts: 1,
			files: 1,
			outbox: 1,
			// What the inbox tally folds is checked in inbox.test.ts.
			tally: expect.any(Number),
			apiCalls: 1
		});
		expect(await t.db.selectFrom('apiCall').select('path').execute()).toEqual([{ path: '/kept' }]);

		expect(await t.db.selectFrom('userSession').select('id').execute()).toEqual([{ id: 'valid' }]);
		expect(await t.db.selectFrom('loginAttempt').select('emailLower').execute()).toEqual([
			{ emailLower: 'b@example.be' }
		]);
		const tokens = await t.db.selectFrom('userToken').select('id').orderBy('id').execute();
		expect(tokens.map((r) => r.id)).toEqual(['expired-lately', 'fresh', 'used-lately']);
		const drafts = await t.db.selectFrom('formDraft').select('id').execute();
		expect(drafts.map((d) => d.id).sort()).toEqual([submitted, open].sort());
		expect(
			await t.db
				.selectFrom('draftFile')
				.select('draftId')
				.where('draftId', '=', abandoned)
				.execute()
		).toEqual([]);
		expect(await storage.exists(a.sha256)).toBe(true);
		expect(await storage.exists(b.sha256)).toBe(false);
		expect(await storage.exists(c.sha256)).toBe(true);
		expect(await storage.exists(e.sha256)).toBe(true);
		const outbox = await t.db.selectFrom('outbox').select('id').orderBy('id').execute();
		expect(outbox.map((r) => r.id)).toEqual([old[1].id, old[2].id]);

		// Running it again finds nothing more to do.
		expect(await runMaintenance(t.db, now, storage)).toEqual({
			sessions: 0,
			loginAttempts: 0,
			userTokens: 0,
			drafts: 0,
			files: 0,
			outbox: 0,
			tally: 0,
			apiCalls: 0
		});
	});
});

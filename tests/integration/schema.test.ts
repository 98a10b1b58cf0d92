// The first migration against a real database (PGlite, or PostgreSQL when DATABASE_URL is set):
// every table survives a round trip through Kysely with the right types, the constraints refuse
// bad rows, the audit trail cannot be changed, and a failed transaction leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { migrateToLatest } from '$lib/server/db/migrate';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = 24 * 60 * 60 * 1000;

/** Runs `run`, expects it to fail, and returns the PostgreSQL error code and message. */
async function failure(run: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
	try {
		await run();
	} catch (e) {
		return { code: (e as { code?: string }).code, message: (e as Error).message ?? String(e) };
	}
	throw new Error('expected the statement to be rejected, but it succeeded');
}

describe(`database schema on ${backend}`, () => {
	let t: TestDatabase;
	let staffId: string;
	let citizenId: string;
	let counter = 0;
	const processId = 'omgevingsvergunning';

	beforeAll(async () => {
		// The schema's own guarantees (constraints, append-only triggers) hold for the tables' owner
		// too; what the application's role may not do is in record-integrity.test.ts.
		t = await openTestDatabase('owner');
	});

	afterAll(async () => {
		await t?.drop();
	});

	/** A minimal valid dossier row, with a fresh reference and submission id. */
	function dossierRow(overrides: Record<string, unknown> = {}) {
		counter += 1;
		return {
			reference: `2026-${String(900000 + counter)}`,
			processId,
			processVersion: 1,
			status: 'Ingediend',
			answers: { n: counter },
			ownerId: citizenId,
			submissionId: randomUUID(),
			...overrides
		};
	}

	it('ran the init migration, and running the migrations again does nothing', async () => {
		const rows = await sql<{
			name: string;
		}>`select name from kysely_migration order by name`.execute(t.db);
		expect(rows.rows.map((r) => r.name)).toContain('2026_11_28_0001_init');
		expect(await migrateToLatest(t.db)).toEqual([]);
	});

	it('round-trips a row of every table with the right values and types', async () => {
		const db = t.db;

		// app_user
		const staff = await db
			.insertInto('appUser')
			.values({ email: 'An.Peeters@Brugge.be', name: 'An Peeters', roles: ['staff', 'clerk'] })
			.returningAll()
			.executeTakeFirstOrThrow();
		staffId = staff.id;
		expect(staff.id).toMatch(uuidRe);
		expect(staff.roles).toEqual(['staff', 'clerk']);
		expect(Array.isArray(staff.roles)).toBe(true);
		expect(staff.createdAt).toBeInstanceOf(Date);
		expect(staff.updatedAt).toBeInstanceOf(Date);
		expect(staff.passwordHash).toBeNull();
		expect(staff.emailVerifiedAt).toBeNull();
		const citizen = await db
			.insertInto('appUser')
			.values({ email: 'jan@example.org', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$x' })
			.returning(['id', 'roles', 'name'])
			.executeTakeFirstOrThrow();
		citizenId = citizen.id;
		expect(citizen.id).toMatch(uuidRe);
		expect(citizen.id).not.toBe(staff.id);
		expect(citizen.roles).toEqual(['citizen']);
		expect(citizen.name).toBe('');
		const readStaff = await db
			.selectFrom('appUser')
			.selectAll()
			.where('id', '=', staff.id)
			.executeTakeFirstOrThrow();
		expect(readStaff).toEqual(staff);

		// user_session
		const expiresAt = new Date(Date.now() + 30 * DAY);
		await db
			.insertInto('userSession')
			.values({ id: 'sess-' + 'a'.repeat(40), userId: staff.id, expiresAt })
			.execute();
		const session = await db
			.selectFrom('userSession')
			.selectAll()
			.where('id', '=', 'sess-' + 'a'.repeat(40))
			.executeTakeFirstOrThrow();
		expect(session.userId).toBe(staff.id);
		expect(session.expiresAt).toBeInstanceOf(Date);
		expect(session.expiresAt.getTime()).toBe(expiresAt.getTime());
		expect(session.createdAt).toBeInstanceOf(Date);
		expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeGreaterThan(29 * DAY);

		// process + process_version
		await db.insertInto('process').values({ id: processId }).execute();
		const process = await db
			.selectFrom('process')
			.selectAll()
			.where('id', '=', processId)
			.executeTakeFirstOrThrow();
		expect(process.createdAt).toBeInstanceOf(Date);
		expect(process.retiredAt).toBeNull();
		const definition = {
			id: processId,
			title: { nl: 'Omgevingsvergunning', en: 'Environmental permit' },
			steps: [{ key: 'aanvrager', fields: [{ key: 'naam', type: 'text', required: true }] }],
			deadlineDays: 105,
			public: true,
			notes: null
		};
		const publishedAt = new Date('2026-11-28T09:30:00.123Z');
		await db
			.insertInto('processVersion')
			.values({
				processId,
				version: 1,
				status: 'published',
				source: 'library',
				definition,
				createdBy: staff.id,
				publishedAt
			})
			.execute();
		const version = await db
			.selectFrom('processVersion')
			.selectAll()
			.where('processId', '=', processId)
			.where('version', '=', 1)
			.executeTakeFirstOrThrow();
		expect(version.definition).toEqual(definition);
		expect(version.status).toBe('published');
		expect(version.source).toBe('library');
		expect(version.createdBy).toBe(staff.id);
		expect(version.publishedAt).toBeInstanceOf(Date);
		expect(version.publishedAt?.toISOString()).toBe('2026-11-28T09:30:00.123Z');
		expect(typeof version.version).toBe('number');

		// reference_counter
		await db.insertInto('referenceCounter').values({ year: 2025, last: 41 }).execute();
		const refCounter = await db
			.selectFrom('referenceCounter')
			.selectAll()
			.where('year', '=', 2025)
			.executeTakeFirstOrThrow();
		expect(refCounter).toEqual({ year: 2025, last: 41 });

		// dossier
		const answers = {
			aanvrager: {
				naam: 'Jan Janssens',
				adres: { gemeente: 'Brugge – Sint-Kruis é', postcode: '8310' }
			},
			percelen: [
				{ sectie: 'A', nummer: '123B' },
				{ sectie: 'C', nummer: '7' }
			],
			bijlagen: [],
			akkoord: true,
			oppervlakte: 12.5,
			opmerking: null,
			emoji: '🏠 „quotes” 中文'
		};
		const submissionId = randomUUID();
		const dossier = await db
			.insertInto('dossier')
			.values({
				reference: '2026-000001',
				processId,
				processVersion: 1,
				status: 'Ingediend',
				answers,
				ownerId: citizen.id,
				applicantName: 'Jan Janssens',
				applicantEmail: 'jan@example.org',
				assigneeId: staff.id,
				submissionId,
				dueDate: '2026-12-24'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(dossier.id).toMatch(uuidRe);
		const readDossier = await db
			.selectFrom('dossier')
			.selectAll()
			.where('id', '=', dossier.id)
			.executeTakeFirstOrThrow();
		expect(readDossier.answers).toEqual(answers);
		expect(readDossier.reference).toBe('2026-000001');
		expect(readDossier.submissionId).toBe(submissionId);
		expect(readDossier.dueDate).toBe('2026-12-24');
		expect(typeof readDossier.dueDate).toBe('string');
		expect(readDossier.version).toBe(1);
		expect(readDossier.language).toBe('nl');
		expect(readDossier.submittedAt).toBeInstanceOf(Date);
		expect(Math.abs(readDossier.submittedAt.getTime() - Date.now())).toBeLessThan(60_000);
		expect(readDossier.updatedAt).toBeInstanceOf(Date);
		expect(readDossier.closedAt).toBeNull();
		expect(readDossier.guestTokenHash).toBeNull();
		expect(readDossier.ownerId).toBe(citizen.id);
		expect(readDossier.assigneeId).toBe(staff.id);

		// dossier_event: a public and an internal one
		const first = await db
			.insertInto('dossierEvent')
			.values({
				dossierId: dossier.id,
				type: 'submitted',
				toStatus: 'Ingediend',
				actorId: citizen.id,
				actorLabel: 'Jan Janssens',
				visibility: 'public',
				data: { channel: 'web', files: ['plan.pdf'] }
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const second = await db
			.insertInto('dossierEvent')
			.values({
				dossierId: dossier.id,
				type: 'assigned',
				actorId: staff.id,
				note: 'Toegewezen aan An – dienst omgeving',
				visibility: 'internal'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const events = await db
			.selectFrom('dossierEvent')
			.selectAll()
			.where('dossierId', '=', dossier.id)
			.orderBy('id')
			.execute();
		expect(events).toHaveLength(2);
		// bigint ids are numbers on both backends (see connect.ts).
		expect(typeof first.id).toBe('number');
		expect(second.id).toBeGreaterThan(first.id);
		expect(events[0].id).toBe(first.id);
		expect(events[0]).toMatchObject({
			type: 'submitted',
			fromStatus: null,
			toStatus: 'Ingediend',
			actorLabel: 'Jan Janssens',
			visibility: 'public',
			data: { channel: 'web', files: ['plan.pdf'] }
		});
		expect(events[0].at).toBeInstanceOf(Date);
		expect(events[1]).toMatchObject({
			type: 'assigned',
			actorId: staff.id,
			note: 'Toegewezen aan An – dienst omgeving',
			visibility: 'internal',
			data: null
		});

		// message
		const message = await db
			.insertInto('message')
			.values({
				dossierId: dossier.id,
				authorId: staff.id,
				authorRole: 'staff',
				body: 'Gelieve het inplantingsplan opnieuw op te laden.\nMet vriendelijke groet'
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		expect(message.id).toMatch(uuidRe);
		const readMessage = await db
			.selectFrom('message')
			.selectAll()
			.where('id', '=', message.id)
			.executeTakeFirstOrThrow();
		expect(readMessage).toEqual(message);
		expect(readMessage.internal).toBe(false);
		expect(readMessage.readAt).toBeNull();
		expect(readMessage.createdAt).toBeInstanceOf(Date);
		expect(readMessage.body).toBe(
			'Gelieve het inplantingsplan opnieuw op te laden.\nMet vriendelijke groet'
		);

		// attachment
		const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
		const attachment = await db
			.insertInto('attachment')
			.values({
				dossierId: dossier.id,
				messageId: message.id,
				fieldKey: 'inplantingsplan',
				fileName: 'inplantingsplan é.pdf',
				mediaType: 'application/pdf',
				sizeBytes: 209715,
				sha256,
				storageKey: `2026/${dossier.id}/${sha256}`,
				uploadedBy: citizen.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(attachment.id).toMatch(uuidRe);
		const readAttachment = await db
			.selectFrom('attachment')
			.selectAll()
			.where('id', '=', attachment.id)
			.executeTakeFirstOrThrow();
		expect(readAttachment.sizeBytes).toBe(209715);
		expect(readAttachment.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(readAttachment.sha256).toBe(sha256);
		expect(readAttachment).toMatchObject({
			dossierId: dossier.id,
			messageId: message.id,
			fieldKey: 'inplantingsplan',
			fileName: 'inplantingsplan é.pdf',
			mediaType: 'application/pdf',
			uploadedBy: citizen.id
		});
		expect(readAttachment.createdAt).toBeInstanceOf(Date);

		// outbox
		const payload = {
			to: 'jan@example.org',
			template: 'dossier-submitted',
			vars: { ref: '2026-000001' }
		};
		const outbox = await db
			.insertInto('outbox')
			.values({ kind: 'email', payload })
			.returning('id')
			.executeTakeFirstOrThrow();
		const readOutbox = await db
			.selectFrom('outbox')
			.selectAll()
			.where('id', '=', outbox.id)
			.executeTakeFirstOrThrow();
		expect(readOutbox.payload).toEqual(payload);
		expect(readOutbox.kind).toBe('email');
		expect(readOutbox.attempts).toBe(0);
		expect(readOutbox.nextAttemptAt).toBeInstanceOf(Date);
		expect(readOutbox.createdAt).toBeInstanceOf(Date);
		expect(readOutbox.processedAt).toBeNull();
		expect(readOutbox.lastError).toBeNull();
	});

	it('enforces the constraints', async () => {
		const db = t.db;
		expect(staffId).toMatch(uuidRe);

		// The same submission id twice: unique violation.
		const row = dossierRow();
		await db.insertInto('dossier').values(row).execute();
		const duplicate = await failure(() =>
			db
				.insertInto('dossier')
				.values(dossierRow({ submissionId: row.submissionId }))
				.execute()
		);
		expect(duplicate.code === '23505' || /unique|duplicate/i.test(duplicate.message)).toBe(true);
		expect(duplicate.code).toBe('23505');

		// An unknown role: check violation.
		const role = await failure(() =>
			db
				.insertInto('appUser')
				.values({ email: 'mallory@example.org', roles: ['citizen', 'superuser' as 'admin'] })
				.execute()
		);
		expect(role.code).toBe('23514');
		expect(role.message).toContain('app_user_roles_known');

		// The same e-mail address in another case.
		const email = await failure(() =>
			db.insertInto('appUser').values({ email: 'an.peeters@brugge.BE' }).execute()
		);
		expect(email.code).toBe('23505');
		expect(email.message).toContain('app_user_email_unique');

		// Neither an owner nor a guest token.
		const orphan = await failure(() =>
			db
				.insertInto('dossier')
				.values(dossierRow({ ownerId: null, guestTokenHash: null }))
				.execute()
		);
		expect(orphan.code).toBe('23514');
		expect(orphan.message).toContain('dossier_has_owner');
		// ... while a guest token alone is enough.
		await db
			.insertInto('dossier')
			.values(dossierRow({ ownerId: null, guestTokenHash: 'f'.repeat(64) }))
			.execute();

		// An unknown process version status.
		await db.insertInto('process').values({ id: 'parkeerkaart' }).execute();
		const status = await failure(() =>
			db
				.insertInto('processVersion')
				.values({
					processId: 'parkeerkaart',
					version: 1,
					status: 'bogus' as 'draft',
					source: 'builder',
					definition: {}
				})
				.execute()
		);
		expect(status.code).toBe('23514');
		expect(status.message).toContain('process_version_status');

		// One draft per process, any number of published versions.
		const version = (v: number, s: 'draft' | 'published') => ({
			processId: 'parkeerkaart',
			version: v,
			status: s,
			source: 'builder' as const,
			definition: { version: v }
		});
		await db.insertInto('processVersion').values(version(1, 'published')).execute();
		await db.insertInto('processVersion').values(version(2, 'published')).execute();
		await db.insertInto('processVersion').values(version(3, 'draft')).execute();
		const draft = await failure(() =>
			db.insertInto('processVersion').values(version(4, 'draft')).execute()
		);
		expect(draft.code).toBe('23505');
		expect(draft.message).toContain('process_version_one_draft');
		const versions = await db
			.selectFrom('processVersion')
			.select(['version', 'status'])
			.where('processId', '=', 'parkeerkaart')
			.orderBy('version')
			.execute();
		expect(versions).toEqual([
			{ version: 1, status: 'published' },
			{ version: 2, status: 'published' },
			{ version: 3, status: 'draft' }
		]);
	});

	it('keeps the audit trail append-only', async () => {
		const db = t.db;
		const { id: dossierId } = await db
			.insertInto('dossier')
			.values(dossierRow())
			.returning('id')
			.executeTakeFirstOrThrow();
		const { id } = await db
			.insertInto('dossierEvent')
			.values({ dossierId, type: 'submitted', toStatus: 'Ingediend', visibility: 'public' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const before = await db
			.selectFrom('dossierEvent')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();

		const update = await failure(() =>
			db
				.updateTable('dossierEvent')
				.set({ note: 'rewritten history', visibility: 'internal' })
				.where('id', '=', id)
				.execute()
		);
		expect(update.message).toContain('append-only');
		const remove = await failure(() =>
			db.deleteFrom('dossierEvent').where('id', '=', id).execute()
		);
		expect(remove.message).toContain('append-only');
		const truncate = await failure(() => sql`truncate dossier_event`.execute(db));
		expect(truncate.message).toContain('append-only');

		const after = await db
			.selectFrom('dossierEvent')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual(before);
		expect(after.note).toBeNull();
		expect(after.visibility).toBe('public');
	});

	it('rolls a failed transaction back entirely', async () => {
		const db = t.db;
		const row = dossierRow();
		const error = await failure(() =>
			db.transaction().execute(async (trx) => {
				const { id } = await trx
					.insertInto('dossier')
					.values(row)
					.returning('id')
					.executeTakeFirstOrThrow();
				expect(id).toMatch(uuidRe);
				await trx
					.insertInto('dossierEvent')
					.values({ dossierId: randomUUID(), type: 'submitted', visibility: 'public' })
					.execute();
			})
		);
		expect(error.code).toBe('23503');
		const left = await db
			.selectFrom('dossier')
			.select('id')
			.where('submissionId', '=', row.submissionId)
			.execute();
		expect(left).toEqual([]);
		// The connection is usable again after the rollback.
		await db.insertInto('dossier').values(row).execute();
		const again = await db
			.selectFrom('dossier')
			.select('reference')
			.where('submissionId', '=', row.submissionId)
			.execute();
		expect(again).toEqual([{ reference: row.reference }]);
	});

	it('deletes the sessions of a deleted user', async () => {
		const db = t.db;
		const { id: userId } = await db
			.insertInto('appUser')
			.values({ email: 'vertrokken@example.org' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const expiresAt = new Date(Date.now() + DAY);
		await db
			.insertInto('userSession')
			.values([
				{ id: 'gone-1', userId, expiresAt },
				{ id: 'gone-2', userId, expiresAt }
			])
			.execute();
		const count = async (uid: string) =>
			Number(
				(
					await db
						.selectFrom('userSession')
						.select((eb) => eb.fn.countAll().as('n'))
						.where('userId', '=', uid)
						.executeTakeFirstOrThrow()
				).n
			);
		expect(await count(userId)).toBe(2);
		const staffSessions = await count(staffId);
		expect(staffSessions).toBeGreaterThan(0);

		const deleted = await db.deleteFrom('appUser').where('id', '=', userId).executeTakeFirst();
		expect(Number(deleted.numDeletedRows)).toBe(1);
		expect(await count(userId)).toBe(0);
		const gone = await db
			.selectFrom('userSession')
			.select('id')
			.where('id', 'in', ['gone-1', 'gone-2'])
			.execute();
		expect(gone).toEqual([]);
		// Other users' sessions are untouched.
		expect(await count(staffId)).toBe(staffSessions);
	});

	it('bumps the reference counter atomically', async () => {
		const db = t.db;
		const bump = () =>
			db
				.insertInto('referenceCounter')
				.values({ year: 2026, last: 1 })
				.onConflict((oc) =>
					oc.column('year').doUpdateSet({ last: sql<number>`reference_counter.last + 1` })
				)
				.returning('last')
				.executeTakeFirstOrThrow();
		const results = await Promise.all([bump(), bump(), bump(), bump(), bump()]);
		const values = results.map((r) => r.last).sort((a, b) => a - b);
		expect(values).toEqual([1, 2, 3, 4, 5]);
		const row = await db
			.selectFrom('referenceCounter')
			.select('last')
			.where('year', '=', 2026)
			.executeTakeFirstOrThrow();
		expect(row.last).toBe(5);
		// Another year counts on its own.
		const other = await db
			.selectFrom('referenceCounter')
			.select('last')
			.where('year', '=', 2025)
			.executeTakeFirstOrThrow();
		expect(other.last).toBe(41);
	});
});

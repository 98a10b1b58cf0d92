// The integrity of the record (issue 24, item 23), on PGlite and on PostgreSQL (DATABASE_URL): the
// application works as the role loket_app, and as that role every attempt to rewrite history is
// refused by the database itself: disabling or dropping a trigger, altering, dropping or
// truncating a table, changing or deleting an audit event, a message, an attachment, what a dossier
// was filed with, an API call, a webhook delivery or a line of the access log. What the application legitimately changes
// (a dossier's status, a delivery's outcome, old API calls after their retention) still works.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, openMigrated } from '$lib/server/db/connect';
import { migrateToLatest } from '$lib/server/db/migrate';
import type { Database } from '$lib/server/db/schema';
import { pruneCalls, CALL_RETENTION_MS } from '$lib/server/api/tokens';
import { asOwner, backend, openTestDatabase, type TestDatabase } from './test-db';

const DAY = 24 * 60 * 60 * 1000;

/** Runs `run`, expects the database to refuse it, and returns the error's code and message. */
async function refusal(run: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
	try {
		await run();
	} catch (e) {
		return { code: (e as { code?: string }).code, message: (e as Error).message ?? String(e) };
	}
	throw new Error('expected the database to refuse the statement, but it was done');
}

/** 42501 is insufficient_privilege: "permission denied for table …" or "must be owner of …". */
const DENIED = { code: '42501', message: expect.stringMatching(/permission denied|must be owner/) };

type Row = { id: string };

describe(`the record on ${backend}, as the application's role`, () => {
	let t: TestDatabase;
	let db: Kysely<Database>;
	let dossier: Row & { reference: string };
	let eventId: number;
	let message: Row;
	let attachment: Row;
	let delivery: Row;
	let tokenId: string;

	beforeAll(async () => {
		t = await openTestDatabase();
		db = t.db;
		// Everything below is written as the application writes it: INSERT is allowed everywhere.
		await db.insertInto('process').values({ id: 'melding' }).execute();
		await db
			.insertInto('processVersion')
			.values({
				processId: 'melding',
				version: 1,
				status: 'published',
				source: 'library',
				definition: {}
			})
			.execute();
		dossier = await db
			.insertInto('dossier')
			.values({
				reference: '2026-000001',
				processId: 'melding',
				processVersion: 1,
				status: 'Ingediend',
				answers: { omschrijving: 'Put in het fietspad' },
				applicantName: 'Jan Peeters',
				applicantEmail: 'jan@example.org',
				guestTokenHash: 'g'.repeat(64),
				submissionId: randomUUID()
			})
			.returning(['id', 'reference'])
			.executeTakeFirstOrThrow();
		({ id: eventId } = await db
			.insertInto('dossierEvent')
			.values({
				dossierId: dossier.id,
				type: 'submitted',
				toStatus: 'Ingediend',
				visibility: 'public'
			})
			.returning('id')
			.executeTakeFirstOrThrow());
		message = await db
			.insertInto('message')
			.values({ dossierId: dossier.id, authorRole: 'staff', body: 'We komen kijken.' })
			.returning('id')
			.executeTakeFirstOrThrow();
		attachment = await db
			.insertInto('attachment')
			.values({
				dossierId: dossier.id,
				messageId: message.id,
				fileName: 'foto.jpg',
				mediaType: 'image/jpeg',
				sizeBytes: 1234,
				sha256: 'a'.repeat(64),
				storageKey: 'aa/' + 'a'.repeat(64)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		({ id: tokenId } = await db
			.insertInto('apiToken')
			.values({ name: 'Koppeling', tokenHash: 'h'.repeat(64), prefix: 'lkt_', scopes: ['read'] })
			.returning('id')
			.executeTakeFirstOrThrow());
		await db
			.insertInto('apiCall')
			.values({ tokenId, tokenName: 'Koppeling', method: 'GET', path: '/x', status: 200 })
			.execute();
		const webhook = await db
			.insertInto('webhook')
			.values({
				name: 'GIS',
				url: 'https://gis.example.be/hook',
				events: ['dossier.created'],
				secret: 'whsec_x'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		delivery = await db
			.insertInto('webhookDelivery')
			.values({ webhookId: webhook.id, eventType: 'dossier.created', payload: { a: 1 } })
			.returning('id')
			.executeTakeFirstOrThrow();
	});

	afterAll(async () => {
		await t?.drop();
	});

	it('works as loket_app, a role that owns nothing', async () => {
		const { rows } = await sql<{
			role: string;
			superuser: boolean;
			owns: number;
		}>`select current_user as role,
				(select rolsuper from pg_roles where rolname = current_user) as superuser,
				(select count(*)::int from pg_class where relowner = current_user::text::regrole) as owns`.execute(
			db
		);
		expect(rows).toEqual([{ role: 'loket_app', superuser: false, owns: 0 }]);
	});

	it('cannot disable, drop or get around the triggers, nor alter, drop or truncate a table', async () => {
		for (const statement of [
			sql`alter table dossier_event disable trigger all`,
			sql`alter table dossier_event disable trigger dossier_event_append_only`,
			sql`drop trigger dossier_event_append_only on dossier_event`,
			sql`alter table dossier disable trigger dossier_filed_unchanged`,
			sql`drop function dossier_filed_unchanged() cascade`,
			sql`alter table message add column edited text`,
			sql`alter table dossier_event owner to loket_app`,
			sql`drop table dossier_event`,
			sql`drop table message cascade`,
			sql`truncate dossier_event`,
			sql`truncate message, attachment`,
			sql`truncate api_call`,
			sql`truncate webhook_delivery`,
			sql`truncate access_log`,
			sql`alter table access_log disable trigger access_log_append_only`,
			sql`drop trigger access_log_append_only on access_log`,
			sql`create table shadow (id int)`,
			sql`delete from kysely_migration`,
			sql`create trigger sneak before insert on dossier_event for each row execute function dossier_filed_unchanged()`
		])
			expect(await refusal(() => statement.execute(db))).toEqual(DENIED);
		const { rows } = await sql<{
			n: number;
		}>`select count(*)::int as n from pg_trigger where tgrelid = 'dossier_event'::regclass and tgenabled = 'O' and not tgisinternal`.execute(
			db
		);
		// Append-only, no truncate, and the API's change feed (a new event moves the dossier's change_seq).
		expect(rows).toEqual([{ n: 3 }]);
	});

	it('cannot change or delete an audit event, a message or an attachment', async () => {
		const before = await Promise.all([
			db.selectFrom('dossierEvent').selectAll().where('id', '=', eventId).execute(),
			db.selectFrom('message').selectAll().where('id', '=', message.id).execute(),
			db.selectFrom('attachment').selectAll().where('id', '=', attachment.id).execute()
		]);
		for (const run of [
			() => db.updateTable('dossierEvent').set({ note: 'rewritten' }).execute(),
			() => db.deleteFrom('dossierEvent').execute(),
			() => db.updateTable('message').set({ body: 'Dat hebben we nooit gezegd.' }).execute(),
			() => db.updateTable('message').set({ internal: true }).execute(),
			() => db.deleteFrom('message').execute(),
			() => db.updateTable('attachment').set({ storageKey: 'elders' }).execute(),
			() => db.updateTable('attachment').set({ fileName: 'andere.jpg' }).execute(),
			() => db.deleteFrom('attachment').execute(),
			() => sql`update process_event set type = 'x'`.execute(db),
			() => sql`delete from process_event`.execute(db)
		])
			expect(await refusal(run)).toEqual(DENIED);
		const after = await Promise.all([
			db.selectFrom('dossierEvent').selectAll().where('id', '=', eventId).execute(),
			db.selectFrom('message').selectAll().where('id', '=', message.id).execute(),
			db.selectFrom('attachment').selectAll().where('id', '=', attachment.id).execute()
		]);
		expect(after).toEqual(before);
		expect(after.map((rows) => rows.length)).toEqual([1, 1, 1]);
	});

	it('cannot change what a dossier was filed with, nor delete a dossier; its handling goes on', async () => {
		const before = await db
			.selectFrom('dossier')
			.selectAll()
			.where('id', '=', dossier.id)
			.executeTakeFirstOrThrow();
		for (const change of [
			{ answers: { omschrijving: 'Iets anders' } },
			{ reference: '2026-999999' },
			{ processVersion: 2 },
			{ applicantName: 'Iemand anders' },
			{ applicantEmail: 'ander@example.org' }
		]) {
			const refused = await refusal(() =>
				db.updateTable('dossier').set(change).where('id', '=', dossier.id).execute()
			);
			expect(refused).toEqual({ code: '42501', message: expect.stringContaining('was filed') });
		}
		expect(
			await refusal(() =>
				sql`update dossier set submitted_at = submitted_at - interval '1 day'`.execute(db)
			)
		).toEqual({ code: '42501', message: expect.stringContaining('was filed') });
		expect(
			await refusal(() => db.deleteFrom('dossier').where('id', '=', dossier.id).execute())
		).toEqual(DENIED);
		expect(await refusal(() => sql`delete from dossier`.execute(db))).toEqual(DENIED);

		// What handling changes, it may change.
		const handled = await db
			.updateTable('dossier')
			.set({ status: 'In behandeling', version: sql`version + 1`, updatedAt: new Date() })
			.where('id', '=', dossier.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		expect(handled).toMatchObject({
			status: 'In behandeling',
			version: before.version + 1,
			answers: before.answers,
			reference: before.reference,
			applicantName: before.applicantName
		});
	});

	it('cannot change or delete a line of the access log, nor can the owner', async () => {
		await db
			.insertInto('accessLog')
			.values({
				action: 'dossier.viewed',
				userId: randomUUID(),
				actorName: 'Stijn Balie',
				dossierId: dossier.id
			})
			.execute();
		const before = await db.selectFrom('accessLog').selectAll().execute();
		for (const run of [
			() => db.updateTable('accessLog').set({ actorName: 'Niemand' }).execute(),
			() =>
				db
					.updateTable('accessLog')
					.set({ at: new Date(0) })
					.execute(),
			() => db.updateTable('accessLog').set({ dossierId: randomUUID() }).execute(),
			() => db.deleteFrom('accessLog').execute(),
			() => sql`truncate access_log`.execute(db)
		])
			expect(await refusal(run)).toEqual(DENIED);
		// The owner's own mistakes are stopped by the trigger.
		for (const statement of [
			sql`update access_log set actor_name = 'Niemand'`,
			sql`delete from access_log`,
			sql`truncate access_log`
		])
			expect(await refusal(() => asOwner(t, (trx) => statement.execute(trx)))).toEqual({
				code: '42501',
				message: expect.stringContaining('append-only')
			});
		expect(await db.selectFrom('accessLog').selectAll().execute()).toEqual(before);
		expect(before).toHaveLength(1);
	});

	it('cannot rewrite the API call log; only calls past their retention are pruned', async () => {
		for (const run of [
			() => db.updateTable('apiCall').set({ status: 500 }).execute(),
			() => db.updateTable('apiCall').set({ path: '/y' }).execute(),
			() => db.deleteFrom('apiCall').execute()
		])
			expect(await refusal(run)).toEqual(DENIED);

		const now = new Date();
		await db
			.insertInto('apiCall')
			.values([
				{
					tokenId,
					tokenName: 'Koppeling',
					method: 'GET',
					path: '/oud',
					status: 200,
					at: new Date(now.getTime() - CALL_RETENTION_MS - DAY)
				},
				{
					tokenId,
					tokenName: 'Koppeling',
					method: 'GET',
					path: '/recent',
					status: 200,
					at: new Date(now.getTime() - CALL_RETENTION_MS + DAY)
				}
			])
			.execute();
		// Even when asked to prune everything (a clock far ahead), a call younger than the
		// retention stays: the function, not the caller, decides what is old.
		expect(await pruneCalls(db, new Date(now.getTime() + 10 * CALL_RETENTION_MS))).toBe(1);
		const paths = await db.selectFrom('apiCall').select('path').orderBy('path').execute();
		expect(paths.map((p) => p.path)).toEqual(['/recent', '/x']);
	});

	it('cannot rewrite a webhook delivery; the worker records its outcome', async () => {
		for (const run of [
			() =>
				db
					.updateTable('webhookDelivery')
					.set({ payload: { a: 2 } })
					.execute(),
			() => db.updateTable('webhookDelivery').set({ eventType: 'message.created' }).execute(),
			() => db.deleteFrom('webhookDelivery').execute()
		])
			expect(await refusal(run)).toEqual(DENIED);
		const at = new Date();
		await db
			.updateTable('webhookDelivery')
			.set({
				status: 'delivered',
				attempts: 1,
				lastStatusCode: 204,
				lastError: null,
				lastAttemptAt: at,
				deliveredAt: at
			})
			.where('id', '=', delivery.id)
			.execute();
		expect(
			await db
				.selectFrom('webhookDelivery')
				.select(['status', 'attempts', 'payload'])
				.where('id', '=', delivery.id)
				.executeTakeFirstOrThrow()
		).toEqual({ status: 'delivered', attempts: 1, payload: { a: 1 } });
	});

	it('keeps the tables the application changes writable, also ones made by later migrations', async () => {
		await db.updateTable('appUser').set({ name: 'x' }).where('id', '=', randomUUID()).execute();
		await db.deleteFrom('outbox').where('id', '=', -1).execute();
		await db.deleteFrom('dossierTally').where('n', '=', 0).execute();
		const { rows } = await sql<{ privileges: string[] }>`
			select array_agg(privilege_type::text order by privilege_type) as privileges
			from information_schema.role_table_grants
			where grantee = 'loket_app' and table_name = 'dossier_tally' and table_schema = current_schema()`.execute(
			db
		);
		expect(rows).toEqual([{ privileges: ['DELETE', 'INSERT', 'SELECT', 'UPDATE'] }]);
	});
});

describe.skipIf(backend !== 'postgres')('a login role that is only a member of loket_app', () => {
	it('gains nothing by RESET ROLE: the record stays closed (DATABASE_OWNER_URL set-up)', async () => {
		const url = process.env.DATABASE_URL!;
		const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
		const login = `loket_test_web_${Math.random().toString(36).slice(2, 8)}`;
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		await admin.query(`create schema ${schema}`);
		// The migration makes loket_app if need be; the login role is the operator's to make.
		const owner = await openDatabase({ kind: 'postgres', url, schema });
		await migrateToLatest(owner.db, undefined, schema);
		await owner.close();
		await admin.query(`create role ${login} login in role loket_app`);
		const appUrl = new URL(url);
		appUrl.username = login;
		appUrl.password = '';
		try {
			const app = await openMigrated(
				{ kind: 'postgres', url: appUrl.href, ownerUrl: url, schema },
				async () => 'owner ran the migrations'
			);
			try {
				expect(app.migrated).toBe('owner ran the migrations');
				await sql`reset role`.execute(app.db);
				await app.db.insertInto('process').values({ id: 'melding' }).execute();
				for (const statement of [
					sql`alter table dossier_event disable trigger all`,
					sql`update dossier_event set note = 'rewritten'`,
					sql`delete from message`,
					sql`drop table message`,
					sql`truncate api_call`
				])
					expect(await refusal(() => statement.execute(app.db))).toEqual(DENIED);
			} finally {
				await app.close();
			}
		} finally {
			await admin.query(`drop schema ${schema} cascade`);
			await admin.query(`drop role ${login}`);
			await admin.end();
		}
	});
});

// Fees and payments on a real database: a fee due at filing gets its payment and structured
// reference in the filing's transaction; one due at the decision when the workflow enters the
// state that waits for payment. A CODA import matches credits by structured reference, records
// partial payments, moves a fully paid dossier on by its onPaid transition as the system (audited,
// with the payment.received webhook), records nothing twice when a file comes again, and lists
// what matched nothing. The database itself keeps the amount due and the reference.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidStructuredReference } from '$lib/process/validators/structured-reference';
import type { SessionUser } from '$lib/server/auth/repository';
import * as handling from '$lib/server/dossiers/handling';
import { insertFiled } from '$lib/server/dossiers/service';
import * as payments from '$lib/server/payments/service';
import * as processes from '$lib/server/processes/service';
import * as webhooks from '$lib/server/webhooks/service';
import { writeCoda } from '../fixtures/coda';
import { fileDossier as insertDossier, recordSubmitted } from '../fixtures/dossiers';
import { defineProcess, importProcesses, workflowState } from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const states = [
	workflowState('ingediend', 'open', { label: { nl: 'Ingediend' } }),
	workflowState('wacht_op_betaling', 'waiting', {
		label: { nl: 'Wacht op betaling' },
		vlaamseCode: 'KlaarVoorBetaling'
	}),
	workflowState('toegekend', 'final', { label: { nl: 'Toegekend' }, vlaamseCode: 'Goedgekeurd' }),
	workflowState('ingetrokken', 'final', { label: { nl: 'Ingetrokken' }, vlaamseCode: 'Stopgezet' })
];
const transitions = [
	{
		id: 'goedkeuren',
		from: ['ingediend'],
		to: 'wacht_op_betaling',
		label: { nl: 'Goedkeuren' },
		roles: ['staff'],
		notifyCitizen: true
	},
	{
		id: 'betaling_ontvangen',
		from: ['wacht_op_betaling'],
		to: 'toegekend',
		label: { nl: 'Betaling ontvangen' },
		roles: ['staff'],
		notifyCitizen: true,
		onPaid: true
	},
	{
		id: 'intrekken',
		from: ['ingediend', 'wacht_op_betaling'],
		to: 'ingetrokken',
		label: { nl: 'Intrekken' },
		roles: ['citizen']
	}
];
// The fee: € 40, € 75 for a leased car; due after the decision.
const atDecision = defineProcess('kaart-betalend', { states, transitions } as never, {
	fee: {
		amount: 40,
		due: 'decision',
		perOption: { field: 'eigendom', amounts: { lease: 75 } }
	}
});
// The fee: € 2.50 per table, due at filing.
const atFiling = defineProcess('tafels-betalend', { states, transitions } as never, {
	fee: { amount: 2.5, due: 'filing', times: 'tafels' }
});

describe(`fees and payments on ${backend}`, () => {
	let t: TestDatabase;
	let staff: SessionUser;
	let admin: SessionUser;
	let counter = 0;
	let statement = 100;

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [atDecision, atFiling]);
		staff = await addUser(t.db, 'stijn@gemeente.be', ['staff'], 'Stijn Balie');
		admin = await addUser(t.db, 'ann@gemeente.be', ['admin'], 'Ann Beheer');
		const hook = await webhooks.create(
			null,
			{
				name: 'Financiën',
				url: 'https://financien.example.be/loket',
				events: ['payment.received']
			},
			t.db
		);
		if (!hook.ok) throw new Error(JSON.stringify(hook.issues));
	});
	afterAll(async () => {
		await t?.drop();
	});

	async function approvedDossier(answers: Record<string, unknown>) {
		counter++;
		const dossier = await insertDossier(t.db, {
			reference: `2026-${String(800000 + counter)}`,
			processId: 'kaart-betalend',
			answers
		});
		await recordSubmitted(t.db, dossier);
		expect(await payments.findPayment(dossier.id, t.db)).toBeNull();
		const approved = await handling.transition(
			dossier.id,
			{ kind: 'staff', user: staff },
			{ transitionId: 'goedkeuren', expectedVersion: dossier.version },
			t.db
		);
		if (!approved.ok) throw new Error(approved.reason);
		const payment = await payments.findPayment(dossier.id, t.db);
		if (!payment) throw new Error('no payment after the decision');
		return { dossier: approved.dossier, payment };
	}

	const importCredits = (credits: Parameters<typeof writeCoda>[0]['credits'], number?: number) => {
		const text = writeCoda({
			date: '2026-12-07',
			statementNumber: number ?? ++statement,
			credits
		});
		return payments.importCoda({ name: 'uittreksel.cod', text, size: text.length }, admin.id, t.db);
	};
	const eventsOf = (dossierId: string) =>
		t.db
			.selectFrom('dossierEvent')
			.select(['type', 'fromStatus', 'toStatus', 'actorId', 'actorLabel', 'data'])
			.where('dossierId', '=', dossierId)
			.orderBy('id')
			.execute();
	const deliveriesOf = async (dossierId: string) =>
		(
			await t.db
				.selectFrom('webhookDelivery')
				.select(['eventType', 'payload'])
				.where('eventType', '=', 'payment.received')
				.execute()
		).filter((d) => (d.payload as { data: { dossierId: string } }).data.dossierId === dossierId);

	it('asks for a fee due at filing in the filing transaction, with a valid structured reference', async () => {
		const definition = await processes.getVersion('tafels-betalend', 1, t.db);
		const { dossier } = await t.db.transaction().execute((trx) =>
			insertFiled(
				trx,
				{
					processId: 'tafels-betalend',
					processVersion: 1,
					definition,
					answers: { naam: 'Ada Peeters', tafels: 3 },
					language: 'nl',
					ownerId: null,
					guestTokenHash: randomUUID(),
					applicant: { name: 'Ada Peeters', email: null },
					submissionId: randomUUID(),
					channel: 'web'
				},
				new Date(),
				async () => {}
			)
		);
		const payment = await payments.findPayment(dossier.id, t.db);
		expect(payment).toMatchObject({
			amountDueCents: 750,
			amountPaidCents: 0,
			state: 'unpaid',
			due: 'filing'
		});
		expect(isValidStructuredReference(payment!.structuredReference)).toBe(true);
		expect((await eventsOf(dossier.id)).map((e) => e.type)).toEqual([
			'submitted',
			'payment-requested'
		]);
		const view = await payments.findPaymentView(dossier.id, t.db, {
			iban: 'BE68539007547034',
			bic: 'GKCCBEBB',
			beneficiary: 'Gemeente Voorbeeld'
		});
		expect(view).toMatchObject({
			amountDueCents: 750,
			amountOpenCents: 750,
			state: 'unpaid',
			transfer: { iban: 'BE68 5390 0754 7034', bic: 'GKCCBEBB', beneficiary: 'Gemeente Voorbeeld' }
		});
		expect(view!.structuredReference).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
		expect(view!.transfer!.qrSvg).toMatch(/^<svg /);
		// Without an account configured: the amount and the reference, no account and no QR code.
		expect(
			(
				await payments.findPaymentView(dossier.id, t.db, {
					iban: null,
					bic: null,
					beneficiary: 'X'
				})
			)?.transfer
		).toBeNull();
	});

	it('asks for a fee due at the decision on entering the state that waits for payment, once', async () => {
		const { dossier, payment } = await approvedDossier({ naam: 'Ada', eigendom: 'lease' });
		expect(payment).toMatchObject({ amountDueCents: 7500, state: 'unpaid', due: 'decision' });
		const other = await approvedDossier({ naam: 'Bob', eigendom: 'eigen' });
		expect(other.payment.amountDueCents).toBe(4000);
		expect(other.payment.structuredReference).not.toBe(payment.structuredReference);
		expect((await eventsOf(dossier.id)).map((e) => e.type)).toEqual([
			'submitted',
			'transition',
			'payment-requested'
		]);
	});

	it('records a partial payment, then the rest moves the dossier on as the system', async () => {
		const { dossier, payment } = await approvedDossier({ naam: 'Ada', eigendom: 'eigen' });
		const first = await importCredits([
			{ amountCents: 1500, reference: payment.structuredReference }
		]);
		expect(first).toEqual({
			ok: true,
			summary: {
				statements: 1,
				credits: 1,
				duplicates: 0,
				matched: [
					{ reference: dossier.reference, amountCents: 1500, state: 'partly', movedOn: false }
				],
				unmatched: 0
			}
		});
		expect(await payments.findPayment(dossier.id, t.db)).toMatchObject({
			amountPaidCents: 1500,
			state: 'partly',
			paidAt: null
		});
		const waiting = await t.db
			.selectFrom('dossier')
			.select('status')
			.where('id', '=', dossier.id)
			.executeTakeFirstOrThrow();
		expect(waiting.status).toBe('wacht_op_betaling');

		const rest = await importCredits([
			{ amountCents: 2500, reference: payment.structuredReference }
		]);
		expect(rest.ok && rest.summary.matched).toEqual([
			{ reference: dossier.reference, amountCents: 2500, state: 'paid', movedOn: true }
		]);
		const paid = await payments.findPayment(dossier.id, t.db);
		expect(paid).toMatchObject({ amountPaidCents: 4000, state: 'paid' });
		expect(paid!.paidAt).toBeInstanceOf(Date);
		const moved = await t.db
			.selectFrom('dossier')
			.select(['status', 'closedAt'])
			.where('id', '=', dossier.id)
			.executeTakeFirstOrThrow();
		expect(moved.status).toBe('toegekend');
		expect(moved.closedAt).not.toBeNull();
		const events = await eventsOf(dossier.id);
		expect(events.slice(-3).map((e) => [e.type, e.toStatus, e.actorId, e.actorLabel])).toEqual([
			['payment', null, null, 'payment'],
			['payment', null, null, 'payment'],
			['transition', 'toegekend', null, 'payment']
		]);
		expect(events.at(-2)?.data).toMatchObject({
			amountCents: 2500,
			amountPaidCents: 4000,
			state: 'paid'
		});
		// The citizen is told (the transition notifies), and the webhook heard both payments.
		const outbox = (await t.db.selectFrom('outbox').select(['kind', 'payload']).execute()).filter(
			(r) => (r.payload as { dossierId?: string }).dossierId === dossier.id
		);
		expect(outbox.map((r) => r.kind)).toContain('dossier-transitioned');
		const deliveries = await deliveriesOf(dossier.id);
		expect(deliveries.map((d) => (d.payload as { data: Record<string, unknown> }).data)).toEqual([
			expect.objectContaining({
				amountCents: 1500,
				amountPaidCents: 1500,
				paymentState: 'partly',
				amountDueCents: 4000
			}),
			expect.objectContaining({
				amountCents: 2500,
				amountPaidCents: 4000,
				paymentState: 'paid',
				reference: dossier.reference
			})
		]);
	});

	it('records nothing twice when the same file is imported again', async () => {
		const { dossier, payment } = await approvedDossier({ naam: 'Ada', eigendom: 'eigen' });
		const text = writeCoda({
			date: '2026-12-08',
			statementNumber: ++statement,
			credits: [
				{ amountCents: 1000, reference: payment.structuredReference },
				{ amountCents: 999, communication: 'Voor de bewonerskaart van Ada' }
			]
		});
		const once = await payments.importCoda(
			{ name: 'a.cod', text, size: text.length },
			admin.id,
			t.db
		);
		expect(once.ok && once.summary).toMatchObject({ credits: 2, duplicates: 0, unmatched: 1 });
		const lines = async () => (await t.db.selectFrom('bankLine').select('id').execute()).length;
		const before = { lines: await lines(), events: (await eventsOf(dossier.id)).length };
		const twice = await payments.importCoda(
			{ name: 'b.cod', text, size: text.length },
			admin.id,
			t.db
		);
		expect(twice).toEqual({
			ok: true,
			summary: { statements: 1, credits: 2, duplicates: 2, matched: [], unmatched: 0 }
		});
		expect(await lines()).toBe(before.lines);
		expect((await eventsOf(dossier.id)).length).toBe(before.events);
		expect(await payments.findPayment(dossier.id, t.db)).toMatchObject({
			amountPaidCents: 1000,
			state: 'partly'
		});
		expect(await deliveriesOf(dossier.id)).toHaveLength(1);
	});

	it('lists the credits that matched nothing, and keeps them listed', async () => {
		const result = await importCredits([
			{ amountCents: 1234, reference: '999999999948', name: 'ONBEKEND' },
			{ amountCents: 4321, communication: 'bewonerskaart Peeters', name: 'PEETERS AN' }
		]);
		expect(result.ok && result.summary).toMatchObject({ matched: [], unmatched: 2 });
		const listed = await payments.listUnmatched(t.db);
		expect(listed).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					amountCents: 1234,
					communication: '+++999/9999/99948+++',
					counterpartyName: 'ONBEKEND'
				}),
				expect.objectContaining({
					amountCents: 4321,
					communication: 'bewonerskaart Peeters',
					counterpartyName: 'PEETERS AN'
				})
			])
		);
		// A later import of other files does not drop them.
		await importCredits([{ amountCents: 100, communication: 'iets anders' }]);
		expect((await payments.listUnmatched(t.db)).map((l) => l.amountCents)).toEqual(
			expect.arrayContaining([1234, 4321, 100])
		);
	});

	it('links an amount that matched nothing to the dossier staff name, once, as if it had matched', async () => {
		const { dossier, payment } = await approvedDossier({ naam: 'Bea', eigendom: 'eigen' });
		const other = await approvedDossier({ naam: 'Cas', eigendom: 'eigen' });
		const result = await importCredits([
			{ amountCents: payment.amountDueCents, communication: `dossier ${dossier.reference}` }
		]);
		expect(result.ok && result.summary).toMatchObject({ matched: [], unmatched: 1 });
		const line = (await payments.listUnmatched(t.db)).find(
			(l) => l.communication === `dossier ${dossier.reference}`
		)!;
		expect(await payments.findUnmatched(line.id, t.db)).toMatchObject({ id: line.id });

		// A dossier that does not exist, or owes nothing, is refused and nothing is booked.
		const unknown = await payments.assignBankLine(
			{ lineId: line.id, reference: '2099-000001' },
			admin.id,
			t.db
		);
		expect(unknown).toEqual({ ok: false, reason: 'unknown-dossier' });
		const free = await insertDossier(t.db, {
			reference: `2026-${String(800000 + ++counter)}`,
			processId: 'kaart-betalend',
			answers: {}
		});
		expect(
			await payments.assignBankLine({ lineId: line.id, reference: free.reference }, admin.id, t.db)
		).toEqual({ ok: false, reason: 'nothing-owed' });

		const linked = await payments.assignBankLine(
			{ lineId: line.id, reference: dossier.reference },
			admin.id,
			t.db
		);
		expect(linked).toEqual({
			ok: true,
			matched: {
				reference: dossier.reference,
				amountCents: payment.amountDueCents,
				state: 'paid',
				movedOn: true
			}
		});
		expect(await payments.findPayment(dossier.id, t.db)).toMatchObject({ state: 'paid' });
		const events = await eventsOf(dossier.id);
		expect(events).toContainEqual(
			expect.objectContaining({
				type: 'payment',
				data: expect.objectContaining({ bankLineId: line.id, assignedBy: admin.id })
			})
		);
		expect(await deliveriesOf(dossier.id)).toHaveLength(1);
		expect(await payments.findUnmatched(line.id, t.db)).toBeNull();
		expect((await payments.listUnmatched(t.db)).map((l) => l.id)).not.toContain(line.id);

		// Linked once: not again, not to another dossier; the other dossier still owes it all.
		expect(
			await payments.assignBankLine(
				{ lineId: line.id, reference: other.dossier.reference },
				admin.id,
				t.db
			)
		).toEqual({ ok: false, reason: 'already-matched' });
		expect(await payments.findPayment(other.dossier.id, t.db)).toMatchObject({
			amountPaidCents: 0,
			state: 'unpaid'
		});
		// And the database itself refuses moving a matched line to another payment.
		await expect(
			t.db
				.updateTable('bankLine')
				.set({ paymentId: other.payment.id })
				.where('id', '=', line.id)
				.execute()
		).rejects.toThrow(/matched once/);
		expect(
			await payments.assignBankLine(
				{ lineId: '00000000-0000-4000-8000-000000000000', reference: dossier.reference },
				admin.id,
				t.db
			)
		).toEqual({ ok: false, reason: 'line-gone' });
	});

	it('refuses a file that is not CODA, storing nothing', async () => {
		const count = async () => (await t.db.selectFrom('bankLine').select('id').execute()).length;
		const before = await count();
		const text = 'Datum;Bedrag\n07/12/2026;40,00\n';
		const result = await payments.importCoda(
			{ name: 'x.csv', text, size: text.length },
			admin.id,
			t.db
		);
		expect(result).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await payments.importCoda({ name: 'x', text: '', size: 0 }, admin.id, t.db)).toEqual({
			ok: false,
			reason: 'empty'
		});
		expect(await count()).toBe(before);
	});

	it('keeps the amount due, the reference and the imported lines as they are', async () => {
		const { payment } = await approvedDossier({ naam: 'Ada', eigendom: 'eigen' });
		const refused = async (run: () => Promise<unknown>) => {
			try {
				await run();
			} catch (e) {
				return (e as Error).message;
			}
			throw new Error('the change was not refused');
		};
		expect(
			await refused(() =>
				t.db
					.updateTable('payment')
					.set({ amountDueCents: 1 })
					.where('id', '=', payment.id)
					.execute()
			)
		).toMatch(/cannot change/);
		expect(
			await refused(() =>
				t.db
					.updateTable('payment')
					.set({ structuredReference: '000000000101' })
					.where('id', '=', payment.id)
					.execute()
			)
		).toMatch(/cannot change/);
		expect(
			await refused(() => t.db.deleteFrom('payment').where('id', '=', payment.id).execute())
		).toMatch(/permission denied/);
		const line = await t.db.selectFrom('bankLine').select('id').executeTakeFirstOrThrow();
		expect(
			await refused(() =>
				t.db.updateTable('bankLine').set({ amountCents: 1 }).where('id', '=', line.id).execute()
			)
		).toMatch(/cannot change/);
		expect(
			await refused(() => t.db.deleteFrom('bankLine').where('id', '=', line.id).execute())
		).toMatch(/permission denied/);
	});
});

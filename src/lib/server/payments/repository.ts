// Kysely queries on payments and imported bank lines. No rules: see service.ts and due.ts.
import { sql } from 'kysely';
import type { Executor } from '../db/executor';
import type { BankLine, NewBankLine, Payment } from '../db/schema';

/** The next base of a structured reference (1 to 10 digits), from its own sequence. */
export async function nextReferenceBase(db: Executor): Promise<number> {
	const row = await sql<{ n: string }>`select nextval('payment_reference_seq')::text as n`.execute(
		db
	);
	return Number(row.rows[0].n);
}

export async function insertPayment(
	db: Executor,
	p: {
		dossierId: string;
		amountDueCents: number;
		structuredReference: string;
		due: 'filing' | 'decision';
		createdAt: Date;
	}
): Promise<Payment | undefined> {
	return db
		.insertInto('payment')
		.values(p)
		.onConflict((oc) => oc.column('dossierId').doNothing())
		.returningAll()
		.executeTakeFirst();
}

export async function findByDossier(db: Executor, dossierId: string): Promise<Payment | undefined> {
	return db.selectFrom('payment').selectAll().where('dossierId', '=', dossierId).executeTakeFirst();
}

export async function lockByReference(
	db: Executor,
	structuredReference: string
): Promise<Payment | undefined> {
	return db
		.selectFrom('payment')
		.selectAll()
		.where('structuredReference', '=', structuredReference)
		.forUpdate()
		.executeTakeFirst();
}

export async function updatePaid(
	db: Executor,
	id: string,
	change: Pick<Payment, 'amountPaidCents' | 'state' | 'paidAt'>
): Promise<Payment> {
	return db
		.updateTable('payment')
		.set(change)
		.where('id', '=', id)
		.returningAll()
		.executeTakeFirstOrThrow();
}

/** Stores a line unless its key was imported before; returns it only when stored. */
export async function insertBankLine(
	db: Executor,
	line: NewBankLine
): Promise<BankLine | undefined> {
	return db
		.insertInto('bankLine')
		.values(line)
		.onConflict((oc) => oc.column('lineKey').doNothing())
		.returningAll()
		.executeTakeFirst();
}

export async function lockByDossier(db: Executor, dossierId: string): Promise<Payment | undefined> {
	return db
		.selectFrom('payment')
		.selectAll()
		.where('dossierId', '=', dossierId)
		.forUpdate()
		.executeTakeFirst();
}

export async function findBankLine(db: Executor, id: string): Promise<BankLine | undefined> {
	return db.selectFrom('bankLine').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockBankLine(db: Executor, id: string): Promise<BankLine | undefined> {
	return db.selectFrom('bankLine').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Matches a line once; the database refuses a second match (bank_line_unchanged). */
export async function matchBankLine(
	db: Executor,
	id: string,
	paymentId: string,
	now: Date
): Promise<void> {
	await db
		.updateTable('bankLine')
		.set({ paymentId, matchedAt: now })
		.where('id', '=', id)
		.where('paymentId', 'is', null)
		.execute();
}

export async function listUnmatched(db: Executor, limit: number): Promise<BankLine[]> {
	return db
		.selectFrom('bankLine')
		.selectAll()
		.where('paymentId', 'is', null)
		.orderBy('importedAt', 'desc')
		.orderBy('lineKey')
		.limit(limit)
		.execute();
}

export async function listByPayment(db: Executor, paymentId: string): Promise<BankLine[]> {
	return db
		.selectFrom('bankLine')
		.selectAll()
		.where('paymentId', '=', paymentId)
		.orderBy('entryDate')
		.execute();
}

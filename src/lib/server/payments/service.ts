// Payments of fees: what a dossier owes and how to pay it (amount, IBAN, structured reference, the
// EPC QR code), and the import of bank statements in CODA. An import is one transaction: each
// credit line is stored once by its key (so a file imported twice records nothing twice), matched
// by its structured reference to a payment, which it marks partly or fully paid; a dossier that
// waits for payment moves on by its `onPaid` transition, as the system, with its audit event and
// the payment.received webhook in that same transaction. Lines that match nothing stay listed.
import QRCode from 'qrcode';
import { formatIban } from '$lib/process/validators/iban';
import { formatStructuredReference } from '$lib/process/validators/structured-reference';
import type {
	ImportSummary,
	MatchedLine,
	PaymentState,
	PaymentView,
	UnmatchedLineView
} from '$lib/views/payment';
import { PAYMENT_ACTOR } from '$lib/views/dossier';
import { getConfig } from '../config';
import type { Config } from '../config-schema';
import { getDb, type Db } from '../db';
import type { Transaction } from 'kysely';
import type { BankLine, Database, Payment } from '../db/schema';
import * as dossierRepo from '../dossiers/repository';
import * as handling from '../dossiers/handling';
import { dossierData, emitWebhookEvent } from '../webhooks/events';
import { listCredits, parseCoda, type CodaMovement, type CodaProblem } from './coda';
import { buildEpcPayload } from './epc';
import * as repo from './repository';

export const MAX_CODA_BYTES = 5 * 1024 * 1024;
export const MAX_UNMATCHED_LISTED = 200;

export function stateOf(amountDueCents: number, amountPaidCents: number): PaymentState {
	if (amountPaidCents <= 0) return 'unpaid';
	return amountPaidCents >= amountDueCents ? 'paid' : 'partly';
}

/** The EPC QR code as SVG: error correction level M, as the guideline asks. */
async function drawQr(payload: string): Promise<string> {
	return QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

/** The dossier's payment as stored; null when it owes nothing (yet). */
export async function findPayment(dossierId: string, db: Db = getDb()): Promise<Payment | null> {
	return (await repo.findByDossier(db, dossierId)) ?? null;
}

/** What the dossier owes and how to pay it; null when it owes nothing (yet). */
export async function findPaymentView(
	dossierId: string,
	db: Db = getDb(),
	settings: Config['payment'] = getConfig().payment
): Promise<PaymentView | null> {
	const payment = await repo.findByDossier(db, dossierId);
	return payment ? describe(payment, settings) : null;
}

async function describe(payment: Payment, settings: Config['payment']): Promise<PaymentView> {
	const open = Math.max(0, payment.amountDueCents - payment.amountPaidCents);
	const transfer =
		settings.iban && open > 0
			? {
					iban: formatIban(settings.iban),
					bic: settings.bic,
					beneficiary: settings.beneficiary,
					qrSvg: await drawQr(
						buildEpcPayload({
							bic: settings.bic,
							beneficiary: settings.beneficiary,
							iban: settings.iban,
							amountCents: open,
							structuredReference: payment.structuredReference
						})
					)
				}
			: null;
	return {
		amountDueCents: payment.amountDueCents,
		amountPaidCents: payment.amountPaidCents,
		amountOpenCents: open,
		state: payment.state,
		structuredReference: formatStructuredReference(payment.structuredReference),
		transfer
	};
}

export type ImportResult =
	| { ok: true; summary: ImportSummary }
	| { ok: false; reason: 'empty' | 'too-large' }
	| { ok: false; reason: 'invalid'; problems: CodaProblem[] };

/** The key that makes a line unique: account, year, statement, sequence and detail number. */
export function lineKey(account: string, statementNumber: number, m: CodaMovement): string {
	return [account, m.entryDate.slice(0, 4), statementNumber, m.sequence, m.detail].join('/');
}

/** Imports a CODA file: every credit line once, matched where its structured reference says. */
export async function importCoda(
	file: { name: string; text: string; size: number },
	importedBy: string,
	db: Db = getDb(),
	now = new Date()
): Promise<ImportResult> {
	if (file.size === 0) return { ok: false, reason: 'empty' };
	if (file.size > MAX_CODA_BYTES) return { ok: false, reason: 'too-large' };
	const parsed = parseCoda(file.text);
	if (!parsed.ok) return { ok: false, reason: 'invalid', problems: parsed.problems };
	const fileName = file.name.slice(0, 200) || 'coda';

	return db.transaction().execute(async (trx): Promise<ImportResult> => {
		const summary: ImportSummary = {
			statements: parsed.statements.length,
			credits: 0,
			duplicates: 0,
			matched: [],
			unmatched: 0
		};
		for (const statement of parsed.statements) {
			for (const m of listCredits(statement)) {
				summary.credits += 1;
				const payment = m.structuredReference
					? await repo.lockByReference(trx, m.structuredReference)
					: undefined;
				const line = await repo.insertBankLine(trx, {
					lineKey: lineKey(statement.account, statement.statementNumber, m),
					account: statement.account,
					statementNumber: statement.statementNumber,
					sequenceNumber: m.sequence,
					detailNumber: m.detail,
					entryDate: m.entryDate,
					valueDate: m.valueDate,
					amountCents: m.amountCents,
					counterpartyName: m.counterpartyName.slice(0, 200),
					counterpartyAccount: m.counterpartyAccount.slice(0, 40),
					communication: m.communication.slice(0, 500),
					structuredReference: m.structuredReference,
					fileName,
					importedBy,
					paymentId: payment?.id ?? null,
					matchedAt: payment ? now : null
				});
				if (!line) {
					summary.duplicates += 1;
					continue;
				}
				if (!payment) {
					summary.unmatched += 1;
					continue;
				}
				summary.matched.push(await credit(trx, payment, line, now));
			}
		}
		return { ok: true, summary };
	});
}

/**
 * Books a bank line on a payment (locked by the caller, in the caller's transaction): the amount
 * paid, the public payment event, the payment.received webhook, and the dossier's onPaid move when
 * this line makes it fully paid. `assignedBy`: the member of staff who linked it by hand.
 */
async function credit(
	trx: Transaction<Database>,
	payment: Payment,
	line: { id: string; amountCents: number },
	now: Date,
	assignedBy?: string
): Promise<MatchedLine> {
	const paid = payment.amountPaidCents + line.amountCents;
	const state = stateOf(payment.amountDueCents, paid);
	const updated = await repo.updatePaid(trx, payment.id, {
		amountPaidCents: paid,
		state,
		paidAt: state === 'paid' ? (payment.paidAt ?? now) : null
	});
	const dossier = await dossierRepo.lockById(trx, payment.dossierId);
	if (!dossier) throw new Error(`Payment ${payment.id} lost its dossier`);
	await dossierRepo.insertEvent(trx, {
		dossierId: dossier.id,
		type: 'payment',
		actorLabel: PAYMENT_ACTOR,
		visibility: 'public',
		data: {
			amountCents: line.amountCents,
			amountPaidCents: paid,
			state,
			bankLineId: line.id,
			...(assignedBy ? { assignedBy } : {})
		}
	});
	await emitWebhookEvent(
		trx,
		'payment.received',
		{
			...dossierData(dossier),
			structuredReference: updated.structuredReference,
			amountCents: line.amountCents,
			amountDueCents: updated.amountDueCents,
			amountPaidCents: updated.amountPaidCents,
			paymentState: state
		},
		now
	);
	const movedOn =
		state === 'paid' && payment.state !== 'paid'
			? await handling.moveOnPaid(trx, dossier, now)
			: false;
	return { reference: dossier.reference, amountCents: line.amountCents, state, movedOn };
}

export type AssignResult =
	| { ok: true; matched: MatchedLine }
	| { ok: false; reason: 'line-gone' | 'already-matched' | 'unknown-dossier' | 'nothing-owed' };

/**
 * Links an amount received that matched nothing (the citizen wrote the dossier's number instead of
 * the structured reference, a colleague paid for them…) to the dossier staff found it is for: booked
 * exactly as a matched line, once (the line is locked and the database lets it be matched once),
 * with who linked it in the dossier's record.
 */
export async function assignBankLine(
	input: { lineId: string; reference: string },
	assignedBy: string,
	db: Db = getDb(),
	now = new Date()
): Promise<AssignResult> {
	return db.transaction().execute(async (trx): Promise<AssignResult> => {
		const line = await repo.lockBankLine(trx, input.lineId);
		if (!line) return { ok: false, reason: 'line-gone' };
		if (line.paymentId) return { ok: false, reason: 'already-matched' };
		const dossier = await dossierRepo.findByReference(trx, input.reference);
		if (!dossier) return { ok: false, reason: 'unknown-dossier' };
		const payment = await repo.lockByDossier(trx, dossier.id);
		if (!payment) return { ok: false, reason: 'nothing-owed' };
		await repo.matchBankLine(trx, line.id, payment.id, now);
		return { ok: true, matched: await credit(trx, payment, line, now, assignedBy) };
	});
}

/** Credit lines no payment claimed, newest import first. */
export async function listUnmatched(db: Db = getDb()): Promise<UnmatchedLineView[]> {
	const lines = await repo.listUnmatched(db, MAX_UNMATCHED_LISTED);
	return lines.map(viewOf);
}

/** One line no payment claimed; null when it is unknown or was linked since. */
export async function findUnmatched(
	id: string,
	db: Db = getDb()
): Promise<UnmatchedLineView | null> {
	const line = await repo.findBankLine(db, id);
	return line && !line.paymentId ? viewOf(line) : null;
}

function viewOf(l: BankLine): UnmatchedLineView {
	return {
		id: l.id,
		entryDate: l.entryDate,
		amountCents: l.amountCents,
		counterpartyName: l.counterpartyName,
		counterpartyAccount: l.counterpartyAccount,
		communication: l.structuredReference
			? formatStructuredReference(l.structuredReference)
			: l.communication,
		fileName: l.fileName,
		importedAt: l.importedAt
	};
}

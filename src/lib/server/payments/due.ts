// When a dossier starts to owe its fee. A process whose fee is due at filing gets its payment in
// the filing's transaction; one due at the decision gets it on the first transition into a state
// that waits for payment (a state an `onPaid` transition leaves). Either way once: the payment
// (amount from the answers, structured reference from its sequence) never changes after.
import type { Transaction } from 'kysely';
import { computeFeeCents, isCollected, listPaymentStates, type FeeDue } from '$lib/process/fees';
import type { ProcessDefinition } from '$lib/process/definition';
import { createStructuredReference } from '$lib/process/validators/structured-reference';
import type { Database, Dossier, Payment } from '../db/schema';
import * as dossierRepo from '../dossiers/repository';
import * as repo from './repository';

/** Whether a transition into `toStatus` is the moment a fee due at the decision becomes due. */
export function becomesDue(definition: ProcessDefinition, moment: FeeDue, toStatus?: string) {
	if (!isCollected(definition.fee) || definition.fee.due !== moment) return false;
	return moment === 'filing' || listPaymentStates(definition.workflow).includes(toStatus ?? '');
}

/**
 * Creates the dossier's payment when its fee falls due at this moment and it has none yet; an
 * amount of 0 for these answers owes nothing. The event tells the citizen what to pay.
 */
export async function requestPayment(
	trx: Transaction<Database>,
	dossier: Pick<Dossier, 'id' | 'answers'>,
	definition: ProcessDefinition,
	moment: FeeDue,
	now: Date,
	toStatus?: string
): Promise<Payment | null> {
	if (!becomesDue(definition, moment, toStatus)) return null;
	const cents = computeFeeCents(definition.fee, dossier.answers as Record<string, unknown>);
	if (cents <= 0) return null;
	if (await repo.findByDossier(trx, dossier.id)) return null;
	const reference = createStructuredReference(await repo.nextReferenceBase(trx));
	const payment = await repo.insertPayment(trx, {
		dossierId: dossier.id,
		amountDueCents: cents,
		structuredReference: reference.normalized,
		due: moment,
		createdAt: now
	});
	if (!payment) return null;
	await dossierRepo.insertEvent(trx, {
		dossierId: dossier.id,
		type: 'payment-requested',
		actorLabel: null,
		visibility: 'public',
		data: { amountCents: cents, structuredReference: reference.normalized }
	});
	return payment;
}

// The outbox: work for after the transaction (e-mails, push, webhooks), written in the same
// transaction as the change that causes it, so it is sent if and only if that change is stored.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertOutbox(
	db: Executor,
	kind: string,
	payload: Record<string, unknown>
): Promise<void> {
	await db
		.insertInto('outbox')
		.values({ kind, payload: JSON.stringify(payload) })
		.execute();
}

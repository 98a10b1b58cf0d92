// The dossier events a citizen's browsers are told about, as outbox rows of kind `push`: the
// receipt, a message from the municipality, and a state change the workflow marks notify-citizen.
// The code that makes the change writes the row in its own transaction (beside the e-mail's row);
// which browsers to tell is looked up only when the row is sent, so a browser that subscribed in
// between hears about it too.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema';
import * as outbox from '../outbox/repository';

export const PUSH_KIND = 'push';

/** The payload of a push row. Keep the names: they are a contract with rows already stored. */
export const pushEvent = z.discriminatedUnion('event', [
	z.object({ event: z.literal('receipt'), dossierId: z.string() }),
	z.object({ event: z.literal('message'), dossierId: z.string(), messageId: z.string() }),
	z.object({ event: z.literal('transitioned'), dossierId: z.string(), toStatus: z.string() })
]);

export type PushEvent = z.infer<typeof pushEvent>;

export async function enqueuePush(trx: Transaction<Database>, event: PushEvent): Promise<void> {
	await outbox.insertOutbox(trx, PUSH_KIND, event);
}

// Kysely queries the mailer needs beyond the dossier itself. No rules here: see service.ts.

import type { Executor } from '../db/executor';

/**
 * Who wrote a message, whether the citizen may see it and how many files came with it; never its
 * body, nor the files.
 */
export async function findMessageMeta(db: Executor, id: string) {
	return db
		.selectFrom('message')
		.select((eb) => [
			'id',
			'dossierId',
			'authorRole',
			'internal',
			eb
				.selectFrom('attachment')
				.select((a) => a.fn.countAll<number>().as('n'))
				.whereRef('attachment.messageId', '=', 'message.id')
				.as('attachments')
		])
		.where('id', '=', id)
		.executeTakeFirst();
}
